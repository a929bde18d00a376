import { z } from 'zod';
import type { Config } from '../config/schema.ts';
import { PalisadeError } from '../model/index.ts';
import { FORMATS } from '../report/formats.ts';

/**
 * Each option is defined once: its flag, environment variable, palisade.yaml key, default and
 * validation. The CLI builds its flags from this table and resolves values flag > env > config >
 * default through `resolveOption`, so the three ways to set an option cannot drift apart.
 */
export interface OptionSpec<T> {
  /** Commander flag syntax, e.g. `--format <format>`. */
  flag: string;
  description: string;
  env?: string;
  fromConfig?: (config: Config) => T | undefined;
  schema: z.ZodType<T>;
  default: T;
}

const commaList = z.preprocess(
  (v) =>
    typeof v === 'string'
      ? v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : v,
  z.array(z.string().min(1)),
);

export const OPTIONS = {
  format: {
    flag: '--format <format>',
    description: `output format (${FORMATS.join('|')}; each command lists the ones it writes)`,
    env: 'PALISADE_FORMAT',
    fromConfig: (c) => c.format,
    schema: z.enum(FORMATS),
    default: 'table',
  } satisfies OptionSpec<(typeof FORMATS)[number]>,
  output: {
    flag: '--output <file>',
    description: 'write the report to this file instead of stdout (written whole or not at all)',
    schema: z.string().min(1).optional(),
    default: undefined,
  } satisfies OptionSpec<string | undefined>,
  quiet: {
    flag: '--quiet',
    description: 'print nothing but the report and errors',
    env: 'PALISADE_QUIET',
    schema: z.preprocess((v) => v === true || v === '1' || v === 'true', z.boolean()),
    default: false,
  } satisfies OptionSpec<boolean>,
  exclude: {
    flag: '--exclude <globs>',
    description: 'comma-separated globs of paths to leave out (replaces palisade.yaml exclude)',
    env: 'PALISADE_EXCLUDE',
    fromConfig: (c) => c.exclude,
    schema: commaList,
    default: [],
  } satisfies OptionSpec<string[]>,
  gitignore: {
    flag: '--no-gitignore',
    description: 'also scan files that .gitignore excludes',
    env: 'PALISADE_GITIGNORE',
    fromConfig: (c) => c.gitignore,
    schema: z.preprocess((v) => (typeof v === 'string' ? v !== '0' && v !== 'false' : v), z.boolean()),
    default: true,
  } satisfies OptionSpec<boolean>,
  maxFileSize: {
    flag: '--max-file-size <MiB>',
    description: 'largest lockfile read, in MiB',
    env: 'PALISADE_MAX_FILE_SIZE',
    fromConfig: (c) => c.inventory?.maxFileSize,
    schema: z.coerce.number().int().positive(),
    default: 256,
  } satisfies OptionSpec<number>,
  reproducible: {
    flag: '--reproducible',
    description: 'fixed timestamp and content-derived serial number, so SBOM diffs are clean',
    env: 'PALISADE_REPRODUCIBLE',
    schema: z.preprocess((v) => v === true || v === '1' || v === 'true', z.boolean()),
    default: false,
  } satisfies OptionSpec<boolean>,
} as const;

export type OptionName = keyof typeof OPTIONS;
type ValueOf<N extends OptionName> = (typeof OPTIONS)[N]['default'] extends infer D ? D : never;

/**
 * The value of an option: the flag if given, else the environment variable, else palisade.yaml,
 * else the default. Invalid values are usage errors naming where they came from.
 */
export function resolveOption<N extends OptionName>(
  name: N,
  flags: Record<string, unknown>,
  config: Config,
  env: NodeJS.ProcessEnv = process.env,
): ValueOf<N> {
  const spec = OPTIONS[name] as OptionSpec<unknown>;
  const candidates: [string, unknown][] = [];
  if (flags[name] !== undefined && !isCommanderDefault(spec, flags[name]))
    candidates.push([spec.flag.split(' ')[0]!, flags[name]]);
  if (spec.env && env[spec.env] !== undefined) candidates.push([spec.env, env[spec.env]]);
  const fromConfig = spec.fromConfig?.(config);
  if (fromConfig !== undefined) candidates.push(['palisade.yaml', fromConfig]);
  const [source, raw] = candidates[0] ?? ['default', spec.default];
  const parsed = spec.schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]?.message ?? 'invalid value';
    throw new PalisadeError('usage', `${source}: ${issue}`);
  }
  return parsed.data as ValueOf<N>;
}

/** Commander sets `--no-x` options to true when absent; that is not the user's choice. */
function isCommanderDefault(spec: OptionSpec<unknown>, value: unknown): boolean {
  return spec.flag.startsWith('--no-') && value === true;
}
