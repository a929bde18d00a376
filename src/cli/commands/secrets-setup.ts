import { resolve } from 'node:path';
import { configKeyLocation, configPath } from '../../config/load.ts';
import type { Config } from '../../config/schema.ts';
import { PalisadeError } from '../../model/index.ts';
import type { ScanOptions } from '../../scan/scan.ts';
import { loadGitleaksConfig, locateGitleaksConfig } from '../../secrets/gitleaks.ts';
import { type RulesetInput, unknownDisabledRules } from '../../secrets/ruleset.ts';
import { VERIFIERS, type VerifyOptions } from '../../secrets/verify/index.ts';
import { resolveOption } from '../options.ts';
import { checkVerifyOnline, configFlag, warn } from './common.ts';

/** What every secret-scanning command needs from flags, palisade.yaml and `.gitleaks.toml`. */
export interface SecretsSetup {
  rules: RulesetInput;
  /** palisade.yaml `secrets.maxFileSize`, in bytes. */
  maxFileBytes?: number;
  /** Set with `--verify`: where each provider's API is. */
  verify?: VerifyOptions;
  /** From the gitleaks configuration: what it holds that is not applied. */
  warnings: string[];
}

/**
 * The rules (built-in, the gitleaks configuration, palisade.yaml's `secrets` section) and the
 * verification settings for a scan of `root`. Mistakes in either file are one-line errors that
 * name the file and line.
 */
export function secretsSetup(root: string, flags: Record<string, unknown>, config: Config): SecretsSetup {
  const setting = resolveOption('gitleaksConfig', flags, config);
  // A path on the command line is relative to where the user is; palisade.yaml's, to the root.
  const fromFlag = typeof flags.gitleaksConfig === 'string' && typeof setting === 'string';
  const gitleaksPath = locateGitleaksConfig(root, fromFlag ? resolve(setting) : setting);
  const gitleaks = gitleaksPath ? loadGitleaksConfig(gitleaksPath) : undefined;
  const rules: RulesetInput = {
    ...(config.secrets ? { config: config.secrets } : {}),
    ...(gitleaks ? { gitleaks } : {}),
  };
  const [unknown] = unknownDisabledRules(rules);
  if (unknown) {
    const where = configKeyLocation(configPath(root, configFlag(flags)), [
      'secrets',
      'disabledRules',
      unknown.index,
    ]);
    throw new PalisadeError(
      'config',
      `${where}: 'secrets.disabledRules': no rule '${unknown.id}'; \`palisade secrets --list-rules\` lists the rule ids`,
    );
  }
  const setup: SecretsSetup = { rules, warnings: gitleaks?.warnings ?? [] };
  const maxFileSize = config.secrets?.maxFileSize;
  if (maxFileSize !== undefined) setup.maxFileBytes = maxFileSize * 1024 * 1024;
  if (resolveOption('verify', flags, config)) setup.verify = verifyOptions(flags, config);
  return setup;
}

/** The secret stage of `palisade scan`, unless `--no-secrets`; the configuration's warnings printed. */
export function secretStage(
  dir: string,
  flags: Record<string, unknown>,
  config: Config,
  quiet: boolean,
): Pick<ScanOptions, 'secrets'> {
  if (!resolveOption('secrets', flags, config)) return {};
  const { warnings, ...stage } = secretsSetup(dir, flags, config);
  for (const message of warnings) warn(message, quiet);
  return { secrets: stage };
}

/**
 * `--verify` sends each secret to its provider: never in an offline run. The providers' addresses
 * can be moved with `PALISADE_VERIFY_<PROVIDER>_URL` (GitHub Enterprise, a proxy, the tests' stub).
 */
function verifyOptions(flags: Record<string, unknown>, config: Config): VerifyOptions {
  checkVerifyOnline(flags, config);
  const baseUrls: Record<string, string> = {};
  for (const verifier of VERIFIERS) {
    const name = `PALISADE_VERIFY_${verifier.name.toUpperCase()}_URL`;
    const url = process.env[name];
    if (url === undefined || url === '') continue;
    if (!URL.canParse(url)) throw new PalisadeError('usage', `${name}: '${url}' is not a URL`);
    baseUrls[verifier.name] = url;
  }
  return { baseUrls };
}
