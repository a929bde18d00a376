import { existsSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { loadConfig } from '../../config/load.ts';
import type { Config } from '../../config/schema.ts';
import { type InventoryOptions, inventoryDirectory } from '../../inventory/scan.ts';
import { PalisadeError, type ScanResult, terminalSafe } from '../../model/index.ts';
import type { ReportContext } from '../../report/context.ts';
import type { Format } from '../../report/formats.ts';
import { writerFor } from '../../report/registry.ts';
import { OPTIONS, type OptionName, resolveOption } from '../options.ts';
import { emit, progressReporter } from '../output.ts';
import { VERSION } from '../version.ts';

/** The formats a command writes, its default first. */
export type Formats = readonly [Format, ...Format[]];

/** What a command's arguments must satisfy before it does any work (see `checkOptions`). */
export interface CommandChecks {
  /** The formats it writes; absent for commands that write no report. */
  formats?: Formats;
  /** Only `--format` picks (db, policy lint): PALISADE_FORMAT and palisade.yaml `format` are for reports. */
  formatFromFlag?: boolean;
  /** Where palisade.yaml is: in the command's [dir] argument, or the working directory (default). */
  root?: 'argument' | 'cwd';
  /** Flag combinations that are wrong whatever the files hold: throw a usage PalisadeError. */
  check?: (flags: Record<string, unknown>, config: Config) => void;
}

/**
 * Adds options from the single options table to a command, and checks them (with the command's
 * formats and flag combinations) before its action runs.
 */
export function withOptions(command: Command, names: OptionName[], checks: CommandChecks = {}): Command {
  for (const name of names) command.option(OPTIONS[name].flag, OPTIONS[name].description);
  command.option('--config <file>', 'palisade.yaml to use (default: <dir>/palisade.yaml)');
  command.hook('preAction', (_command, action) => checkOptions(action, names, checks));
  return command;
}

/**
 * Everything about a command's arguments that is known before any work, in one place: the
 * directory, palisade.yaml, every option's value (from flag, environment or palisade.yaml), the
 * format against the command's, and its flag combinations. So a scan is never run to its end
 * only to be refused for an argument (exit 2, one line).
 */
function checkOptions(command: Command, names: readonly OptionName[], checks: CommandChecks): void {
  const flags = command.opts();
  const config =
    checks.root === 'argument'
      ? configFor(targetDirectory(String(command.processedArgs[0] ?? '.')), flags)
      : configFor('.', flags);
  for (const name of names) if (name !== 'format') resolveOption(name, flags, config);
  if (checks.formats) pickFormat(flags, config, checks.formats, checks.formatFromFlag === true);
  checks.check?.(flags, config);
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

/** `--verify` sends each secret to its provider: never in an offline run. */
export function checkVerifyOnline(flags: Record<string, unknown>, config: Config): void {
  if (resolveOption('verify', flags, config) && resolveOption('offline', flags, config)) {
    throw new PalisadeError(
      'usage',
      '--verify asks the providers over the network; drop --offline or --verify',
    );
  }
}

/** A warning for the person at the terminal (stderr), unless --quiet. */
export function warn(message: string, quiet: boolean): void {
  if (!quiet) process.stderr.write(`palisade: warning: ${terminalSafe(message)}\n`);
}

/**
 * The format to write: the first of `allowed` unless set by flag, environment or palisade.yaml
 * (by flag only with `fromFlag`), and then one of the formats this command writes.
 */
export function pickFormat<F extends Format>(
  flags: Record<string, unknown>,
  config: Config,
  allowed: readonly [F, ...F[]],
  fromFlag = false,
): F {
  const unset = fromFlag || (!process.env.PALISADE_FORMAT && !config.format);
  const format = flags.format === undefined && unset ? allowed[0] : resolveOption('format', flags, config);
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
  allowed: Formats,
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
