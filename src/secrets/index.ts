/**
 * Secret scanning: rules as data (rules/), a keyword-prefiltered engine over bytes or lines
 * (engine.ts), allowlists and `palisade.yaml` configuration (config.ts), `.gitleaks.toml`
 * compatibility (gitleaks.ts). Secrets never leave the engine in full: matches carry a redacted
 * form and a fingerprint; `ScanOptions.onSecret` hands the value to an opt-in verifier.
 */
export { type SecretsConfig, secretsConfigSchema } from './config.ts';
export { scanBytes, scanLines, scanText } from './engine.ts';
export { toFinding, toFindings } from './findings.ts';
export {
  type GitleaksConfig,
  loadGitleaksConfig,
  locateGitleaksConfig,
  parseGitleaksConfig,
} from './gitleaks.ts';
export { fingerprint, redact } from './redact.ts';
export { BUILTIN_RULES, DEFAULT_ALLOWLIST } from './rules/index.ts';
export { buildRuleset, type Ruleset, type RulesetInput } from './ruleset.ts';
export type {
  AllowlistDefinition,
  FileScan,
  FileStatus,
  NumberedLine,
  RuleDefinition,
  ScanOptions,
  SecretMatch,
} from './types.ts';
