import { join } from 'node:path';
import type { Command } from 'commander';
import { nothingReadable } from '../../inventory/scan.ts';
import { ExitCode, type RunState } from '../exit-codes.ts';
import { resolveOption } from '../options.ts';
import { progressReporter } from '../output.ts';
import { configFor, inventoryOptions, report, targetDirectory, warn, withOptions } from './common.ts';

export function registerScan(program: Command, run: RunState): void {
  withOptions(
    program
      .command('scan')
      .description('find vulnerable and malicious dependencies under dir; fail the build with --fail-on')
      .argument('[dir]', 'project or monorepo root', '.'),
    [
      'format',
      'output',
      'quiet',
      'failOn',
      'severity',
      'ignoreFile',
      'vex',
      'offline',
      'npmAudit',
      'cacheDir',
      'osvApiUrl',
      'exclude',
      'gitignore',
      'maxFileSize',
    ],
  ).action(async (dir: string, flags: Record<string, unknown>) => {
    // Loaded here, not at start-up: `palisade --help` and `inventory` need none of it.
    const [
      { gateFailures, scanDirectory },
      { IGNORE_FILE, loadIgnoreFile },
      { loadVex },
      { advisorySource },
    ] = await Promise.all([
      import('../../scan/scan.ts'),
      import('../../triage/ignore-file.ts'),
      import('../../triage/vex/load.ts'),
      import('./advisories.ts'),
    ]);
    const config = configFor(targetDirectory(dir), flags);
    const quiet = resolveOption('quiet', flags, config);
    const ignorePath = resolveOption('ignoreFile', flags, config);
    const { result, warnings } = await scanDirectory(dir, {
      inventory: inventoryOptions(flags, config, progressReporter(quiet)),
      advisories: advisorySource(dir, flags, config, (m) => warn(m, quiet)),
      ignore: loadIgnoreFile(ignorePath ?? join(dir, IGNORE_FILE), ignorePath !== undefined),
      vex: resolveOption('vex', flags, config).flatMap(loadVex),
      today: new Date().toISOString().slice(0, 10),
      minimumSeverity: resolveOption('severity', flags, config),
    });
    for (const message of warnings) warn(message, quiet);
    await report(
      result,
      flags,
      config,
      ['table', 'json', 'sarif', 'markdown', 'cyclonedx'],
      'table',
      'findings',
    );
    const failing = gateFailures(result.findings, resolveOption('failOn', flags, config));
    if (nothingReadable(result)) run.exitCode = ExitCode.InputError;
    else if (failing.length > 0) {
      warn(
        `${failing.length} finding${failing.length === 1 ? '' : 's'} at or above --fail-on ${resolveOption('failOn', flags, config)}`,
        quiet,
      );
      run.exitCode = ExitCode.PolicyFailed;
    }
  });
}
