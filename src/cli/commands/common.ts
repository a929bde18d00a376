import { existsSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { loadConfig } from '../../config/load.ts';
import type { Config } from '../../config/schema.ts';
import { type InventoryOptions, inventoryDirectory } from '../../inventory/scan.ts';
import { PalisadeError, type ScanResult } from '../../model/index.ts';
import type { ReportContext } from '../../report/context.ts';
import type { Format } from '../../report/formats.ts';
import { writerFor } from '../../report/registry.ts';
import { OPTIONS, type OptionName, resolveOption } from '../options.ts';
import { emit, progressReporter } from '../output.ts';
import { VERSION } from '../version.ts';

/** Adds options from the single options table to a command. */
export function withOptions(command: Command, names: OptionName[]): Command {
  for (const name of names) command.option(OPTIONS[name].flag, OPTIONS[name].description);
  command.option('--config <file>', 'palisade.yaml to use (default: <dir>/palisade.yaml)');
  return command;
}

export function targetDirectory(dir: string): string {
  if (!existsSync(dir)) throw new PalisadeError('usage', `${dir}: no such directory`);
  if (!statSync(dir).isDirectory())
    throw new PalisadeError('usage', `${dir}: not a directory; give the project's root folder`);
  return dir;
}

export function configFor(dir: string, flags: Record<string, unknown>): Config {
  return loadConfig(dir, configFlag(flags));
}

/** The palisade.yaml named by `--config`, if any. */
export function configFlag(flags: Record<string, unknown>): string | undefined {
  return typeof flags.config === 'string' ? flags.config : undefined;
}

/** The inventory options every inventory-based command shares. */
export function inventoryOptions(
  flags: Record<string, unknown>,
  config: Config,
  onFile: InventoryOptions['onFile'] | undefined,
): InventoryOptions {
  return {
    exclude: resolveOption('exclude', flags, config),
    gitignore: resolveOption('gitignore', flags, config),
    maxFileBytes: resolveOption('maxFileSize', flags, config) * 1024 * 1024,
    ...(onFile ? { onFile } : {}),
  };
}

export function runInventory(dir: string, flags: Record<string, unknown>, config: Config): ScanResult {
  const onFile = progressReporter(resolveOption('quiet', flags, config));
  return inventoryDirectory(dir, inventoryOptions(flags, config, onFile));
}

/** A warning for the person at the terminal (stderr), unless --quiet. */
export function warn(message: string, quiet: boolean): void {
  if (!quiet) process.stderr.write(`palisade: warning: ${message}\n`);
}

/**
 * The format to write: the first of `allowed` unless set by flag, environment or palisade.yaml,
 * and then one of the formats this command writes.
 */
export function pickFormat<F extends Format>(
  flags: Record<string, unknown>,
  config: Config,
  allowed: readonly [F, ...F[]],
): F {
  const format =
    flags.format === undefined && !process.env.PALISADE_FORMAT && !config.format
      ? allowed[0]
      : resolveOption('format', flags, config);
  if (!(allowed as readonly Format[]).includes(format)) {
    throw new PalisadeError(
      'usage',
      `--format ${format} does not apply here; use one of ${allowed.join(', ')}`,
    );
  }
  return format as F;
}

/** Picks the format (which must be one this command writes), renders and writes the report. */
export async function report(
  result: ScanResult,
  flags: Record<string, unknown>,
  config: Config,
  allowed: readonly [Format, ...Format[]],
  extra: Partial<Pick<ReportContext, 'view' | 'gate'>> = {},
): Promise<void> {
  const format = pickFormat(flags, config, allowed);
  const writer = writerFor(format);
  if (!writer) throw new PalisadeError('internal', `no writer registered for ${format}`);
  const output = resolveOption('output', flags, config);
  const write = await writer.load();
  const text = write(result, {
    toolVersion: VERSION,
    reproducible: resolveOption('reproducible', flags, config),
    view: extra.view ?? 'inventory',
    ...(extra.gate ? { gate: extra.gate } : {}),
    color:
      format === 'table' && output === undefined && process.stdout.isTTY === true && !process.env.NO_COLOR,
  });
  emit(text, output);
}
