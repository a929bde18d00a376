import type { Command } from 'commander';
import type { Config } from '../../config/schema.ts';
import { nothingReadable } from '../../inventory/scan.ts';
import { PalisadeError, type ScanResult } from '../../model/index.ts';
import { ExitCode, type RunState } from '../exit-codes.ts';
import { resolveOption } from '../options.ts';
import { configFor, type Formats, inventoryOptions, report, warn, withOptions } from './common.ts';

const FORMATS: Formats = ['table', 'json', 'sarif', 'markdown', 'junit'];

function checkEvalFlags(flags: Record<string, unknown>, config: Config): void {
  checkMode(flags);
  if (resolveOption('policies', flags, config).length === 0) {
    throw new PalisadeError('usage', 'name the policies with --policy (files, folders or builtin:NAME sets)');
  }
}

/** `--mode` of `policy eval` and `policy export`. */
export function checkMode(flags: Record<string, unknown>): void {
  if (flags.mode !== undefined && flags.mode !== 'audit' && flags.mode !== 'enforce') {
    throw new PalisadeError('usage', `--mode ${String(flags.mode)}: use audit or enforce`);
  }
}

/**
 * `palisade policy eval --policy REF [FILE|DIR|-]...`: admission policies over manifests — files,
 * folders, Helm charts, Kustomize folders or rendered output on stdin — with the violations as
 * misconfiguration findings. Exit 1 when an enforcing policy denies; audit-mode violations warn.
 */
export function registerPolicyEval(policy: Command, run: RunState): void {
  withOptions(
    policy
      .command('eval')
      .description(
        'evaluate policies over manifests: files, folders, Helm charts, Kustomize folders, or - for stdin',
      )
      .option('--mode <mode>', 'audit or enforce for every policy, whatever its bindings say')
      .argument('[targets...]', 'manifest files, folders, chart or kustomization folders, - for stdin', [
        '.',
      ]),
    ['policies', 'helmValues', 'format', 'output', 'quiet', 'exclude', 'gitignore', 'maxFileSize'],
    { formats: FORMATS, check: checkEvalFlags },
  ).action(async (targets: string[], flags: Record<string, unknown>) => {
    if (targets.filter((t) => t === '-').length > 1)
      throw new PalisadeError('usage', 'give - (stdin) at most once');
    const config = configFor('.', flags);
    const refs = resolveOption('policies', flags, config);
    const [{ readIacTargets }, { evaluateIacResources }, { loadPolicyRefs }] = await Promise.all([
      import('../../iac/targets.ts'),
      import('../../iac/evaluate.ts'),
      import('./policy-refs.ts'),
    ]);
    const bundle = loadPolicyRefs(refs);
    if (bundle.policies.length === 0) {
      throw new PalisadeError(
        'usage',
        `${refs.join(',')}: no admission policies (ValidatingAdmissionPolicy) there`,
      );
    }
    const iac = await readIacTargets(targets, {
      ...inventoryOptions(flags, config, undefined),
      values: resolveOption('helmValues', flags, config),
    });
    const quiet = resolveOption('quiet', flags, config);
    const failed = iac.files.filter((f) => f.status === 'failed');
    if (failed.length > 0 && failed.length === iac.files.length && failed.length === targets.length) {
      // Nothing could be read from what was named: that one reason is the whole answer.
      throw new PalisadeError('input', failed[0]?.error ?? `${targets.join(' ')}: nothing readable`);
    }
    for (const f of failed) warn(f.error ?? `${f.path}: failed`, quiet);
    const mode = flags.mode as 'audit' | 'enforce' | undefined;
    const evaluation = evaluateIacResources(iac.resources, bundle, mode ? { mode } : {});
    const result: ScanResult = {
      schemaVersion: 1,
      target: targets.join(' '),
      components: [],
      findings: evaluation.findings,
      decisions: evaluation.decisions,
      coverage: {
        files: iac.files,
        unresolved: evaluation.errors.map((e) => ({
          path: e.source,
          line: 0,
          name: 'manifest',
          reason: e.message,
        })),
      },
      projects: [],
    };
    // Denials are this command's only gate: JUnit fails exactly the findings they name.
    const { evaluateGate } = await import('../../scan/gate.ts');
    const gate = evaluateGate(result, { failOn: undefined, failOnRisk: undefined });
    await report(result, flags, config, FORMATS, { view: 'findings', gate });
    if (nothingReadable(result)) run.exitCode = ExitCode.InputError;
    else if (gate.denied.length > 0) run.exitCode = ExitCode.PolicyFailed;
  });
}
