import type { Command } from 'commander';
import { PalisadeError } from '../../model/index.ts';
import { TEST_REPORT_FORMATS } from '../../policy/testing/writers.ts';
import { ExitCode, type RunState } from '../exit-codes.ts';
import { resolveOption } from '../options.ts';
import { emit } from '../output.ts';
import { VERSION } from '../version.ts';
import { configFor, type Formats, pickFormat, withOptions } from './common.ts';
import { checkMode, registerPolicyEval } from './policy-eval.ts';
import { readYamlFiles } from './policy-files.ts';

const LINT_FORMATS: Formats = ['table', 'json'];

function checkExportFlags(flags: Record<string, unknown>): void {
  if (flags.to !== 'vap')
    throw new PalisadeError('usage', `--to ${String(flags.to)}: the only export target is vap`);
  checkMode(flags);
}

/** `palisade policy lint|test|export`: policies are code, linted and unit-tested like code. */
export function registerPolicy(program: Command, run: RunState): void {
  const policy = program
    .command('policy')
    .description(
      'policy as code: lint, test, evaluate and export CEL policies (Kubernetes ValidatingAdmissionPolicy)',
    );
  registerPolicyEval(policy, run);

  withOptions(
    policy
      .command('lint')
      .description('compile every expression; report each problem with file:line')
      .argument('<paths...>', 'policy files or directories'),
    ['format', 'output', 'quiet'],
    { formats: LINT_FORMATS, formatFromFlag: true },
  ).action(async (paths: string[], flags: Record<string, unknown>) => {
    const { lintPolicyFiles, formatIssue } = await import('../../policy/index.ts');
    const config = configFor('.', flags);
    const issues = lintPolicyFiles(readYamlFiles(paths));
    const format = pickFormat(flags, config, LINT_FORMATS, true);
    const text =
      format === 'json'
        ? `${JSON.stringify({ issues }, null, 2)}\n`
        : `${issues.map((i) => `${i.severity}: ${formatIssue(i)}`).join('\n')}${issues.length ? '\n' : ''}${issues.length} problem${issues.length === 1 ? '' : 's'}\n`;
    emit(text, resolveOption('output', flags, config));
    if (issues.some((i) => i.severity === 'error')) run.exitCode = ExitCode.PolicyFailed;
  });

  withOptions(
    policy
      .command('test')
      .description(
        'run policy tests: Palisade PolicyTest files, Gatekeeper gator suites (suite.yaml) and kyverno-test.yaml files',
      )
      .argument('<paths...>', 'test files or directories'),
    ['format', 'output', 'quiet'],
    { formats: TEST_REPORT_FORMATS },
  ).action(async (paths: string[], flags: Record<string, unknown>) => {
    const [
      { runTestFiles, reportFailed, TEST_REPORT_WRITERS, confinedReader, testRoot },
      { iacCaseEvaluator },
    ] = await Promise.all([import('../../policy/index.ts'), import('../../iac/policy-test.ts')]);
    const config = configFor('.', flags);
    const testFiles = readYamlFiles(paths);
    const readText = confinedReader(paths.map(testRoot));
    const { report, files } = await runTestFiles(testFiles, readText, iacCaseEvaluator);
    if (files === 0) {
      throw new PalisadeError(
        'usage',
        `${paths.join(' ')}: no test files found (PolicyTest documents, gator Suite files or kyverno-test.yaml)`,
      );
    }
    const format = pickFormat(flags, config, TEST_REPORT_FORMATS);
    const writer = TEST_REPORT_WRITERS.find((w) => w.format === format);
    emit(writer?.write(report, { toolVersion: VERSION }) ?? '', resolveOption('output', flags, config));
    if (reportFailed(report)) run.exitCode = ExitCode.PolicyFailed;
  });

  withOptions(
    policy
      .command('export')
      .description('write policies as native ValidatingAdmissionPolicy and Binding manifests')
      .option('--to <target>', 'export target (vap)', 'vap')
      .option('--mode <mode>', 'audit or enforce for every generated binding')
      .argument('<refs...>', 'policy files, directories or builtin:NAME sets'),
    ['output', 'quiet'],
    { check: checkExportFlags },
  ).action(async (refs: string[], flags: Record<string, unknown>) => {
    const { exportPolicies } = await import('../../policy/index.ts');
    const { loadPolicyRefs } = await import('./policy-refs.ts');
    const config = configFor('.', flags);
    const result = exportPolicies(
      loadPolicyRefs(refs),
      flags.mode ? { mode: flags.mode as 'audit' | 'enforce' } : {},
    );
    for (const s of result.skipped) process.stderr.write(`palisade: skipped ${s.policy}: ${s.reason}\n`);
    emit(result.yaml, resolveOption('output', flags, config));
  });
}
