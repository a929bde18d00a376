import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import {
  DEFAULT_EPSS_URL,
  DEFAULT_KEV_URL,
  DEFAULT_OSV_API_URL,
  DEFAULT_OSV_EXPORT_URL,
} from '../advisories/defaults.ts';
import type { Config } from '../config/schema.ts';
import { ECOSYSTEMS, PalisadeError, SEVERITIES } from '../model/index.ts';
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

const flagBoolean = z.preprocess((v) => v === true || v === '1' || v === 'true', z.boolean());
/** For `--no-x` options: on unless turned off ('0' or 'false' in the environment). */
const onUnlessOff = z.preprocess(
  (v) => (typeof v === 'string' ? v !== '0' && v !== 'false' : v),
  z.boolean(),
);
const urlOrOff = z.preprocess(
  (v) => (v === 'false' || v === 'off' ? false : v),
  z.union([z.url(), z.literal(false)]),
);

/** `$XDG_CACHE_HOME/palisade`, else `~/.cache/palisade` (ARCHITECTURE.md, "Network"). */
function defaultCacheDir(): string {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'palisade');
}

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
  helmValues: {
    flag: '--helm-values <files>',
    description: 'comma-separated values files Helm charts are rendered with (helm template --values)',
    env: 'PALISADE_HELM_VALUES',
    fromConfig: (c) => c.helmValues,
    schema: commaList,
    default: [],
  } satisfies OptionSpec<string[]>,
  gitignore: {
    flag: '--no-gitignore',
    description: 'also scan files that .gitignore excludes',
    env: 'PALISADE_GITIGNORE',
    fromConfig: (c) => c.gitignore,
    schema: onUnlessOff,
    default: true,
  } satisfies OptionSpec<boolean>,
  secrets: {
    flag: '--no-secrets',
    description: 'leave hard-coded secrets out of the scan (palisade.yaml secrets.enabled: false)',
    env: 'PALISADE_SECRETS',
    fromConfig: (c) => c.secrets?.enabled,
    schema: onUnlessOff,
    default: true,
  } satisfies OptionSpec<boolean>,
  verify: {
    flag: '--verify',
    description:
      'ask GitHub, Slack and npm whether each secret found works (one read-only request each; not with --offline)',
    env: 'PALISADE_VERIFY',
    schema: flagBoolean,
    default: false,
  } satisfies OptionSpec<boolean>,
  gitleaksConfig: {
    flag: '--gitleaks-config <file>',
    description: 'gitleaks rules and allowlists to apply (default <dir>/.gitleaks.toml when present)',
    fromConfig: (c) => c.secrets?.gitleaksConfig,
    schema: z.union([z.string().min(1), z.literal(false)]).optional(),
    default: undefined,
  } satisfies OptionSpec<string | false | undefined>,
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
  failOn: {
    flag: '--fail-on <severity>',
    description: `exit 1 when an open finding is at or above this severity (${SEVERITIES.join('|')})`,
    env: 'PALISADE_FAIL_ON',
    fromConfig: (c) => c.failOn,
    schema: z.enum(SEVERITIES).optional(),
    default: undefined,
  } satisfies OptionSpec<(typeof SEVERITIES)[number] | undefined>,
  severity: {
    flag: '--severity <severity>',
    description: 'report only findings at or above this severity',
    env: 'PALISADE_SEVERITY',
    fromConfig: (c) => c.severity,
    schema: z.enum(SEVERITIES),
    default: 'info',
  } satisfies OptionSpec<(typeof SEVERITIES)[number]>,
  ignoreFile: {
    flag: '--ignore-file <file>',
    description: 'suppressions with reason, owner and expiry (default <dir>/.palisade-ignore.yaml)',
    env: 'PALISADE_IGNORE_FILE',
    fromConfig: (c) => c.ignoreFile,
    schema: z.string().min(1).optional(),
    default: undefined,
  } satisfies OptionSpec<string | undefined>,
  vex: {
    flag: '--vex <files>',
    description: 'comma-separated VEX documents (OpenVEX, CycloneDX VEX, CSAF VEX); not_affected suppresses',
    env: 'PALISADE_VEX',
    fromConfig: (c) => c.vex,
    schema: commaList,
    default: [],
  } satisfies OptionSpec<string[]>,
  failOnRisk: {
    flag: '--fail-on-risk <score>',
    description: 'exit 1 when an open finding has a risk score (0-100) at or above this',
    env: 'PALISADE_FAIL_ON_RISK',
    fromConfig: (c) => c.failOnRisk,
    schema: z.coerce.number().int().min(0).max(100).optional(),
    default: undefined,
  } satisfies OptionSpec<number | undefined>,
  policies: {
    flag: '--policy <refs>',
    description:
      'comma-separated policy files, directories or builtin:NAME sets (FindingPolicy gates findings)',
    env: 'PALISADE_POLICY',
    fromConfig: (c) => c.policies,
    schema: commaList,
    default: [],
  } satisfies OptionSpec<string[]>,
  auditPolicies: {
    flag: '--audit-policy <refs>',
    description:
      'policies run in audit mode (findings, never a deny): comma-separated like --policy, or "none"',
    env: 'PALISADE_AUDIT_POLICY',
    fromConfig: (c) => c.auditPolicies,
    schema: z.preprocess((v) => (v === 'none' ? [] : v), commaList),
    // Like Trivy and Checkov, a scan reports Dockerfile and Terraform misconfigurations unasked;
    // in audit mode, so that they never turn a passing build into a failing one by themselves.
    default: ['builtin:dockerfile', 'builtin:terraform'],
  } satisfies OptionSpec<string[]>,
  offline: {
    flag: '--offline',
    description: 'never use the network: the local advisory database and caches only',
    env: 'PALISADE_OFFLINE',
    fromConfig: (c) => c.offline,
    schema: flagBoolean,
    default: false,
  } satisfies OptionSpec<boolean>,
  cacheDir: {
    flag: '--cache-dir <dir>',
    description: 'advisory database and HTTP cache (default $XDG_CACHE_HOME/palisade)',
    env: 'PALISADE_CACHE_DIR',
    fromConfig: (c) => c.cacheDir,
    schema: z.string().min(1),
    default: defaultCacheDir(),
  } satisfies OptionSpec<string>,
  ecosystems: {
    flag: '--ecosystem <names>',
    description: `comma-separated ecosystems to download (${ECOSYSTEMS.join(', ')})`,
    env: 'PALISADE_ECOSYSTEMS',
    fromConfig: (c) => c.ecosystems,
    schema: z.preprocess(
      (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()) : v),
      z.array(z.enum(ECOSYSTEMS)).min(1),
    ),
    default: ['npm', 'PyPI', 'Go', 'crates.io', 'Maven', 'RubyGems', 'Packagist', 'NuGet', 'Pub', 'Hex'],
  } satisfies OptionSpec<(typeof ECOSYSTEMS)[number][]>,
  osvExportUrl: {
    flag: '--osv-export-url <url>',
    description: 'base URL of the OSV export bucket (or a mirror of it)',
    env: 'PALISADE_OSV_EXPORT_URL',
    fromConfig: (c) => c.sources?.osvExport,
    schema: z.url(),
    default: DEFAULT_OSV_EXPORT_URL,
  } satisfies OptionSpec<string>,
  osvApiUrl: {
    flag: '--osv-api-url <url>',
    description: 'OSV API used when there is no local database',
    env: 'PALISADE_OSV_API_URL',
    fromConfig: (c) => c.sources?.osvApi,
    schema: z.url(),
    default: DEFAULT_OSV_API_URL,
  } satisfies OptionSpec<string>,
  epssUrl: {
    flag: '--epss-url <url>',
    description: 'FIRST EPSS daily scores (csv.gz), or "off"',
    env: 'PALISADE_EPSS_URL',
    fromConfig: (c) => c.sources?.epss,
    schema: urlOrOff,
    default: DEFAULT_EPSS_URL,
  } satisfies OptionSpec<string | false>,
  kevUrl: {
    flag: '--kev-url <url>',
    description: 'CISA KEV catalog (JSON), or "off"',
    env: 'PALISADE_KEV_URL',
    fromConfig: (c) => c.sources?.kev,
    schema: urlOrOff,
    default: DEFAULT_KEV_URL,
  } satisfies OptionSpec<string | false>,
  npmAudit: {
    flag: '--npm-audit',
    description: "also ask the npm registry's bulk advisory endpoint (registry and auth from .npmrc)",
    env: 'PALISADE_NPM_AUDIT',
    fromConfig: (c) => c.sources?.npmAudit,
    schema: flagBoolean,
    default: false,
  } satisfies OptionSpec<boolean>,
  dashboardDir: {
    flag: '--dashboard-dir <dir>',
    description:
      'the dashboard build to serve (default: dist/dashboard of the installation; "off": API only)',
    env: 'PALISADE_DASHBOARD_DIR',
    schema: z.preprocess((v) => (v === 'off' ? null : v), z.string().min(1).nullable().optional()),
    default: undefined,
  } satisfies OptionSpec<string | null | undefined>,
} as const;

export type OptionName = keyof typeof OPTIONS;
type ValueOf<N extends OptionName> = z.output<(typeof OPTIONS)[N]['schema']>;

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
  const fromFlag = flags[attributeName(spec.flag)];
  const candidates: [string, unknown][] = [];
  if (fromFlag !== undefined && !isCommanderDefault(spec, fromFlag))
    candidates.push([spec.flag.split(' ')[0]!, fromFlag]);
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

/** The key commander stores a flag under: `--max-file-size <MiB>` -> maxFileSize, `--no-gitignore` -> gitignore. */
function attributeName(flag: string): string {
  const long = (flag.split(' ')[0] ?? '').replace(/^--(no-)?/, '');
  return long.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** Commander sets `--no-x` options to true when absent; that is not the user's choice. */
function isCommanderDefault(spec: OptionSpec<unknown>, value: unknown): boolean {
  return spec.flag.startsWith('--no-') && value === true;
}
