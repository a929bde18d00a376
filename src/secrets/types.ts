import type { Severity } from '../model/index.ts';

/**
 * What a rule or the configuration lets through; any one criterion is enough. Regexes are
 * JavaScript, case-sensitive unless they start with `(?i)`.
 */
export interface AllowlistDefinition {
  description?: string;
  /** Tested against the secret. */
  regexes?: string[];
  /** Tested against the whole match (e.g. the name a value is assigned to). */
  matchRegexes?: string[];
  /**
   * Tested against the 64 characters before the match on its line, a NUL (`\u0000`) and the
   * match: what the name a match starts in looks like (`cacheKey`, `monkey`).
   */
  beforeRegexes?: string[];
  /** Case-insensitive substrings of the secret. */
  stopwords?: string[];
  /** picomatch globs over the path relative to the scan root. */
  paths?: string[];
}

/**
 * One built-in rule, as data. The registry test runs every sample through the whole engine:
 * each true positive must be reported by this rule alone, each false positive by no rule.
 */
export interface RuleDefinition {
  /** Kebab-case; the gitleaks id where gitleaks has the same rule, so `.gitleaks.toml` overrides apply. */
  id: string;
  /** A noun phrase naming what was found: "GitHub personal access token". */
  description: string;
  /** JavaScript regex source; must be provably linear-time (redos.test.ts) and use bounded repetition. */
  regex: string;
  /** Extra flags: only 'i' and 's' are allowed ('g' is added by the engine). */
  flags?: string;
  /** Lowercase ASCII, at least 3 characters: the rule runs only on lines holding one of them. */
  keywords: string[];
  /** Capture group holding the secret; default: the first group that matched, else the whole match. */
  secretGroup?: number;
  /**
   * Minimum Shannon entropy (bits per character) of the secret; lowered for values drawn from a
   * small alphabet (hex, digits) to 80% of that alphabet's maximum (entropy.ts).
   */
  entropy?: number;
  /** The secret must hold a digit (assignment rules: keeps words and identifiers out). */
  requireDigit?: boolean;
  /** Assignment rules that any provider rule on the same secret outranks. */
  generic?: boolean;
  /** The match may run over the following lines, up to this many bytes from the start of its line. */
  multiline?: number;
  /** Only files whose path matches this picomatch glob are scanned by the rule. */
  path?: string;
  allowlist?: AllowlistDefinition;
  severity: Severity;
  samples: RuleSamples;
}

export interface RuleSamples {
  truePositives: string[];
  falsePositives: string[];
  /** The path the samples are scanned under, for rules limited to some files. */
  path?: string;
}

/** One secret found. Never holds the secret itself: only its redacted form and a hash. */
export interface SecretMatch {
  ruleId: string;
  description: string;
  severity: Severity;
  path: string;
  /** 1-based; original line numbers when the caller supplied them (diff scanning). */
  line: number;
  endLine: number;
  /** 1-based, in UTF-16 code units of the line. */
  column: number;
  /** First characters, an ellipsis and the length: `ghp_…(40 chars)`. */
  redacted: string;
  length: number;
  entropy: number;
  /** sha256 of rule id, path and secret: stable across runs and line moves, usable in baselines. */
  fingerprint: string;
  tags: string[];
}

export type FileStatus = 'scanned' | 'binary' | 'too-large' | 'allowlisted';

export interface FileScan {
  path: string;
  status: FileStatus;
  matches: SecretMatch[];
  /** Things the user must see that are not findings, one line each (a custom rule that ran out of time). */
  warnings: string[];
}

export interface ScanOptions {
  /** Larger files are not scanned (status 'too-large'). Default 25 MiB. */
  maxFileBytes?: number;
  /** Longer lines are scanned only in windows around keyword hits. Default 16 KiB. */
  maxLineBytes?: number;
  /** The commit being scanned, for allowlists by commit (history scanning). */
  commit?: string;
  /**
   * Receives each reported secret's value for opt-in verification (`--verify`). The engine keeps
   * no copy: results carry only the redacted form and the fingerprint.
   */
  onSecret?: (match: SecretMatch, secret: string) => void;
  /** Time budget, per file, for regexes that do not come from the built-in rules. Default 2000 ms. */
  customRegexBudgetMs?: number;
}

/** A line of a diff or another excerpt, with the number it has in its file. */
export interface NumberedLine {
  text: string;
  line: number;
}
