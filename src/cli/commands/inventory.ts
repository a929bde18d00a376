import type { Command } from 'commander';
import { nothingReadable } from '../../inventory/scan.ts';
import { ExitCode, type RunState } from '../exit-codes.ts';
import { configFor, type Formats, report, runInventory, targetDirectory, withOptions } from './common.ts';

const FORMATS: Formats = ['table', 'json'];

export function registerInventory(program: Command, run: RunState): void {
  withOptions(
    program
      .command('inventory')
      .description('list every third-party component found in the lockfiles and manifests under dir')
      .argument('[dir]', 'project or monorepo root', '.'),
    ['format', 'output', 'quiet', 'exclude', 'gitignore', 'maxFileSize'],
    { formats: FORMATS, root: 'argument' },
  ).action(async (dir: string, flags: Record<string, unknown>) => {
    const config = configFor(targetDirectory(dir), flags);
    const result = runInventory(dir, flags, config);
    await report(result, flags, config, FORMATS);
    run.exitCode = nothingReadable(result) ? ExitCode.InputError : ExitCode.Clean;
  });
}
