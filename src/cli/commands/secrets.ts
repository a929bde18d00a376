import type { Command } from 'commander';
import type { Config } from '../../config/schema.ts';
import { PalisadeError, type ScanResult } from '../../model/index.ts';
import { ExitCode, type RunState } from '../exit-codes.ts';
import { resolveOption } from '../options.ts';
import { emit } from '../output.ts';
import {
  checkVerifyOnline,
  configFor,
  type Formats,
  report,
  targetDirectory,
  warn,
  withOptions,
} from './common.ts';

const FORMATS: Formats = ['table', 'json', 'sarif', 'markdown', 'junit'];

/** `--since` narrows `--history`; `--verify` needs the network. */
function checkSecretsFlags(flags: Record<string, unknown>, config: Config): void {
  if (flags.since !== undefined && !flags.history)
    throw new PalisadeError('usage', '--since limits a --history scan; add --history or drop --since');
  checkVerifyOnline(flags, config);
}

/** `palisade secrets` and `palisade hook`: hard-coded secrets, never printed in full. */
export function registerSecrets(program: Command, run: RunState): void {
  withOptions(
    program
      .command('secrets')
      .description('find hard-coded secrets in the working tree, or in every commit with --history')
      .argument('[dir]', 'directory or repository', '.')
      .option('--history', 'scan the lines every commit added, on every ref')
      .option('--since <ref>', 'with --history: only commits not reachable from this ref')
      .option('--baseline <report.json>', 'only findings not in this earlier JSON report fail')
      .option('--list-rules', 'list the rules in use (built-in and configured) and exit'),
    ['format', 'output', 'quiet', 'exclude', 'gitignore', 'verify', 'gitleaksConfig'],
    { formats: FORMATS, root: 'argument', check: checkSecretsFlags },
  ).action(async (dir: string, flags: Record<string, unknown>) => {
    const [
      { buildRuleset },
      { findTreeSecrets, findHistorySecrets },
      { loadBaseline, applyBaseline },
      { secretsSetup },
      { rankFindings },
    ] = await Promise.all([
      import('../../secrets/ruleset.ts'),
      import('../../secrets/find.ts'),
      import('../../secrets/baseline.ts'),
      import('./secrets-setup.ts'),
      import('../../triage/rank.ts'),
    ]);
    const config = configFor(targetDirectory(dir), flags);
    const quiet = resolveOption('quiet', flags, config);
    const { warnings: setupWarnings, ...setup } = secretsSetup(dir, flags, config);
    for (const message of setupWarnings) warn(message, quiet);
    if (flags.listRules) {
      const { columns } = await import('../../report/table.ts');
      const rules = buildRuleset(setup.rules).rules.map((r) => [r.id, r.severity, r.description]);
      emit(
        `${columns(['ID', 'SEVERITY', 'FINDS'], rules).join('\n')}\n`,
        resolveOption('output', flags, config),
      );
      return;
    }
    const found = flags.history
      ? await findHistorySecrets(dir, buildRuleset(setup.rules), {
          ...(typeof flags.since === 'string' ? { since: flags.since } : {}),
          ...(setup.maxFileBytes === undefined ? {} : { maxFileBytes: setup.maxFileBytes }),
          ...(setup.verify ? { verify: setup.verify } : {}),
        })
      : await findTreeSecrets(dir, {
          ...setup,
          exclude: resolveOption('exclude', flags, config),
          gitignore: resolveOption('gitignore', flags, config),
        });
    for (const message of found.warnings) warn(message, quiet);
    let findings = found.findings;
    if (typeof flags.baseline === 'string')
      findings = applyBaseline(findings, loadBaseline(flags.baseline)).fresh;
    // Ranked as `scan` ranks them, so the risk column and SARIF rank agree between the two.
    findings = rankFindings(dir, findings, config.exposure);
    const result: ScanResult = {
      schemaVersion: 1,
      target: dir,
      components: [],
      findings,
      decisions: [],
      coverage: { files: [], unresolved: [] },
      projects: [],
    };
    await report(result, flags, config, FORMATS, { view: 'findings' });
    run.exitCode = findings.length > 0 ? ExitCode.PolicyFailed : ExitCode.Clean;
  });

  const hook = program.command('hook').description('git hooks: block commits that add secrets');
  withOptions(
    hook
      .command('pre-commit')
      .description('scan the staged changes; exit 1 (blocking the commit) when they add a secret')
      .option('--baseline <report.json>', 'secrets of this earlier JSON report do not block the commit'),
    ['gitleaksConfig'],
  ).action(async (flags: Record<string, unknown>) => {
    const [{ buildRuleset }, { runPreCommit }, { loadBaseline }, { secretsSetup }] = await Promise.all([
      import('../../secrets/ruleset.ts'),
      import('../../secrets/hook/pre-commit.ts'),
      import('../../secrets/baseline.ts'),
      import('./secrets-setup.ts'),
    ]);
    const config = configFor('.', flags);
    const setup = secretsSetup('.', flags, config);
    for (const message of setup.warnings) warn(message, false);
    const result = await runPreCommit('.', buildRuleset(setup.rules), {
      ...(typeof flags.baseline === 'string' ? { baseline: loadBaseline(flags.baseline) } : {}),
      ...(setup.maxFileBytes === undefined ? {} : { maxFileBytes: setup.maxFileBytes }),
    });
    if (result.message) process.stderr.write(`${result.message}\n`);
    run.exitCode = result.exitCode;
  });
  hook
    .command('install')
    .description('install the pre-commit hook in this repository (chains an existing hook)')
    .option('--force', 'replace an existing hook instead of chaining it (it is backed up)')
    .action(async (flags: { force?: boolean }) => {
      const { installHook } = await import('../../secrets/hook/install.ts');
      const installed = await installHook('.', { force: flags.force === true });
      process.stdout.write(`${installed.action} ${installed.path}\n`);
    });
}
