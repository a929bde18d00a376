import type { Command } from 'commander';
import { nothingReadable } from '../../inventory/scan.ts';
import { ExitCode, type RunState } from '../exit-codes.ts';
import { configFor, type Formats, report, runInventory, targetDirectory, withOptions } from './common.ts';

const FORMATS: Formats = ['cyclonedx', 'cyclonedx-xml', 'spdx'];

export function registerSbom(program: Command, run: RunState): void {
  withOptions(
    program
      .command('sbom')
      .description('write a software bill of materials (CycloneDX 1.6 JSON or XML, SPDX 2.3 JSON) for dir')
      .argument('[dir]', 'project or monorepo root', '.'),
    ['format', 'output', 'quiet', 'exclude', 'gitignore', 'maxFileSize', 'reproducible'],
    { formats: FORMATS, root: 'argument' },
  ).action(async (dir: string, flags: Record<string, unknown>) => {
    const config = configFor(targetDirectory(dir), flags);
    const result = runInventory(dir, flags, config);
    await report(result, flags, config, FORMATS);
    run.exitCode = nothingReadable(result) ? ExitCode.InputError : ExitCode.Clean;
  });
}
