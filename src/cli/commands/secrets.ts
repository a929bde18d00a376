import type { Command } from 'commander';
import type { ScanResult } from '../../model/index.ts';
import { ExitCode, type RunState } from '../exit-codes.ts';
import { resolveOption } from '../options.ts';
import { configFor, inventoryOptions, report, targetDirectory, warn, withOptions } from './common.ts';

/** `palisade secrets` and `palisade hook`: hard-coded secrets, never printed in full. */
export function registerSecrets(program: Command, run: RunState): void {
  withOptions(
    program
      .command('secrets')
      .description('find hard-coded secrets in the working tree, or in every commit with --history')
      .argument('[dir]', 'directory or repository', '.')
      .option('--history', 'scan the lines every commit added, on every ref')
      .option('--since <ref>', 'with --history: only commits not reachable from this ref')
      .option('--baseline <report.json>', 'only findings not in this earlier JSON report fail'),
    ['format', 'output', 'quiet', 'exclude', 'gitignore'],
  ).action(async (dir: string, flags: Record<string, unknown>) => {
    const [secrets, { scanWorkingTree }, { scanHistory }, { loadBaseline, applyBaseline }] =
      await Promise.all([
        import('../../secrets/index.ts'),
        import('../../secrets/git/worktree.ts'),
        import('../../secrets/git/history.ts'),
        import('../../secrets/baseline.ts'),
      ]);
    const config = configFor(targetDirectory(dir), flags);
    const quiet = resolveOption('quiet', flags, config);
    const scan = flags.history
      ? await scanHistory(
          dir,
          secrets.buildRuleset({}),
          typeof flags.since === 'string' ? { since: flags.since } : {},
        )
      : await scanWorkingTree(dir, {}, inventoryOptions(flags, config, undefined));
    for (const message of scan.warnings) warn(message, quiet);
    let findings = secrets.toFindings(scan.matches);
    if (typeof flags.baseline === 'string')
      findings = applyBaseline(findings, loadBaseline(flags.baseline)).fresh;
    const result: ScanResult = {
      schemaVersion: 1,
      target: dir,
      components: [],
      findings,
      decisions: [],
      coverage: { files: [], unresolved: [] },
      projects: [],
    };
    await report(result, flags, config, ['table', 'json', 'sarif', 'markdown'], 'table', 'findings');
    run.exitCode = findings.length > 0 ? ExitCode.PolicyFailed : ExitCode.Clean;
  });

  const hook = program.command('hook').description('git hooks: block commits that add secrets');
  hook
    .command('pre-commit')
    .description('scan the staged changes; exit 1 (blocking the commit) when they add a secret')
    .action(async () => {
      const [{ buildRuleset }, { runPreCommit }] = await Promise.all([
        import('../../secrets/index.ts'),
        import('../../secrets/hook/pre-commit.ts'),
      ]);
      const result = await runPreCommit('.', buildRuleset({}));
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
