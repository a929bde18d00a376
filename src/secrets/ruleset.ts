import picomatch from 'picomatch';
import { PalisadeError, type Severity } from '../model/index.ts';
import type { SecretsConfig } from './config.ts';
import { type GitleaksConfig, mergeGitleaks } from './gitleaks.ts';
import { KeywordScanner } from './prefilter/scanner.ts';
import { BUILTIN_RULES, DEFAULT_ALLOWLIST } from './rules/index.ts';
import type { AllowlistDefinition, RuleDefinition } from './types.ts';

/** Where a path condition comes from decides its syntax: globs in palisade.yaml, regexes in gitleaks. */
export type PathSpec = { glob: string } | { regex: string; flags: string };

export interface RegexSpec {
  source: string;
  flags: string;
}

/** What an allowlist regex is tested against; 'before' (the text before the match) is built-in only. */
export type RegexTarget = 'secret' | 'match' | 'line' | 'before';

/** An allowlist in one shape for every origin (built-in, palisade.yaml, .gitleaks.toml). */
export interface AllowlistSpec {
  description?: string;
  condition: 'or' | 'and';
  regexes: RegexSpec[];
  regexTarget: RegexTarget;
  stopwords: string[];
  paths: PathSpec[];
  commits: string[];
  /** Its regexes are built-in, hence proven linear; others run under the time budget. */
  trusted: boolean;
}

/** A rule in one shape for every origin, before compilation. */
export interface RuleSpec {
  id: string;
  description: string;
  severity: Severity;
  tags: string[];
  /** Absent for rules that flag files by path alone (gitleaks `pkcs12-file`). */
  regex?: RegexSpec;
  keywords: string[];
  secretGroup?: number;
  entropy?: number;
  requireDigit: boolean;
  generic: boolean;
  /**
   * 'line': runs on the lines (or windows of long lines) that hold one of its keywords — the
   * built-in rules. 'file': runs over the whole file when a keyword occurs anywhere in it, as
   * gitleaks does — configured rules, so that their regexes mean what they meant in gitleaks.
   */
  scope: 'line' | 'file';
  multiline?: number;
  path?: PathSpec;
  allowlists: AllowlistSpec[];
  trusted: boolean;
  /** 'built-in' or the configuration file the rule comes from, for messages. */
  origin: string;
}

export type PathMatcher = (path: string) => boolean;

export interface CompiledAllowlist {
  and: boolean;
  regexes: RegExp[];
  regexTarget: RegexTarget;
  stopwords: string[];
  paths: PathMatcher[];
  commits: string[];
  /** An 'or' allowlist with paths: a file on one of them is not scanned (for its rule, or at all). */
  byPath: boolean;
  trusted: boolean;
}

export interface CompiledRule {
  index: number;
  id: string;
  description: string;
  severity: Severity;
  tags: string[];
  regex: RegExp | null;
  keywords: string[];
  secretGroup?: number;
  entropy?: number;
  requireDigit: boolean;
  generic: boolean;
  scope: 'line' | 'file';
  multiline?: number;
  path?: PathMatcher;
  allowlists: CompiledAllowlist[];
  trusted: boolean;
  /** Whether the rule's use depends on the file's path (path filter, allowlist by path). */
  pathGated: boolean;
}

export interface Ruleset {
  /** Provider rules first, generic ones last: a provider match claims its span before a generic one. */
  rules: CompiledRule[];
  allowlists: CompiledAllowlist[];
  scanner: KeywordScanner;
  /** Indexes of the rules to run for a keyword automaton state; undefined when none. */
  rulesByState: (Int32Array | undefined)[];
  /** Rules without keywords (only from configurations): they run over whole files. */
  keywordless: CompiledRule[];
  pathOnly: CompiledRule[];
  /** Some regex did not come from the built-in rules: such work runs under the time budget. */
  hasCustomRegex: boolean;
  /**
   * Files whose configured regexes ran out of time in this scan, counted across files: past a
   * few, the regexes are slow on everything and the rest of the scan skips them (see engine.ts).
   */
  customRegexTimeouts: { count: number };
}

export interface RulesetInput {
  /** Default: the built-in rules. */
  builtins?: readonly RuleDefinition[];
  /** The `secrets` section of palisade.yaml. */
  config?: SecretsConfig;
  /** A loaded `.gitleaks.toml` (see loadGitleaksConfig). */
  gitleaks?: GitleaksConfig;
}

/** Built-in rules, then a gitleaks configuration over them, then palisade.yaml's allowlist and disabled rules. */
export function buildRuleset(input: RulesetInput = {}): Ruleset {
  let { rules, allowlists } = configuredSpecs(input);
  const config = input.config;
  if (config?.disabledRules) {
    const unknown = unknownDisabledRules(input, rules).map((u) => u.id);
    if (unknown.length > 0) {
      throw new PalisadeError(
        'config',
        `secrets.disabledRules: no rule '${unknown.join("', '")}'; \`palisade secrets --list-rules\` lists the rule ids`,
      );
    }
    const disabled = new Set(config.disabledRules);
    rules = rules.filter((r) => !disabled.has(r.id));
  }
  if (config?.allowlist) allowlists.push(...allowlistSpecs(config.allowlist, false));
  return compileRuleset(rules, allowlists);
}

/**
 * The entries of palisade.yaml's `secrets.disabledRules` that name no rule (built-in or from the
 * gitleaks configuration), with their index in the list, so that callers can point at the line.
 */
export function unknownDisabledRules(
  input: RulesetInput,
  rules: readonly RuleSpec[] = configuredSpecs(input).rules,
): { id: string; index: number }[] {
  const known = new Set(rules.map((r) => r.id));
  return (input.config?.disabledRules ?? [])
    .map((id, index) => ({ id, index }))
    .filter((entry) => !known.has(entry.id));
}

/** Built-in rules and allowlists with the gitleaks configuration merged over them. */
function configuredSpecs(input: RulesetInput): { rules: RuleSpec[]; allowlists: AllowlistSpec[] } {
  const rules = (input.builtins ?? BUILTIN_RULES).map(specFromDefinition);
  const allowlists: AllowlistSpec[] = allowlistSpecs(DEFAULT_ALLOWLIST, true);
  return input.gitleaks ? mergeGitleaks(rules, allowlists, input.gitleaks) : { rules, allowlists };
}

export function specFromDefinition(rule: RuleDefinition): RuleSpec {
  const spec: RuleSpec = {
    id: rule.id,
    description: rule.description,
    severity: rule.severity,
    tags: [],
    regex: { source: rule.regex, flags: rule.flags ?? '' },
    keywords: rule.keywords,
    requireDigit: rule.requireDigit ?? false,
    generic: rule.generic ?? false,
    scope: 'line',
    allowlists: rule.allowlist ? allowlistSpecs(rule.allowlist, true) : [],
    trusted: true,
    origin: 'built-in',
  };
  if (rule.secretGroup !== undefined) spec.secretGroup = rule.secretGroup;
  if (rule.entropy !== undefined) spec.entropy = rule.entropy;
  if (rule.multiline !== undefined) spec.multiline = rule.multiline;
  if (rule.path !== undefined) spec.path = { glob: rule.path };
  return spec;
}

/** One definition becomes one spec per regex target (the secret, the whole match, what precedes it). */
function allowlistSpecs(definition: AllowlistInput, trusted: boolean): AllowlistSpec[] {
  const base: AllowlistSpec = {
    condition: 'or',
    regexes: (definition.regexes ?? []).map(regexSpec),
    regexTarget: 'secret',
    stopwords: definition.stopwords ?? [],
    paths: (definition.paths ?? []).map((glob) => ({ glob })),
    commits: [],
    trusted,
  };
  if (definition.description !== undefined) base.description = definition.description;
  const specs = [base];
  for (const [regexes, regexTarget] of [
    [definition.matchRegexes, 'match'],
    [definition.beforeRegexes, 'before'],
  ] as const) {
    if (regexes?.length)
      specs.push({ ...base, regexes: regexes.map(regexSpec), regexTarget, stopwords: [], paths: [] });
  }
  return specs;
}

/** `(?i)` at the start asks for case-insensitivity, as in Go and gitleaks. */
export function regexSpec(source: string): RegexSpec {
  return source.startsWith('(?i)') ? { source: source.slice(4), flags: 'i' } : { source, flags: '' };
}

type AllowlistInput = { [K in keyof AllowlistDefinition]?: AllowlistDefinition[K] | undefined };

export function compileRuleset(specs: readonly RuleSpec[], allowlists: readonly AllowlistSpec[]): Ruleset {
  const ordered = [...specs.filter((s) => !s.generic), ...specs.filter((s) => s.generic)];
  const rules = ordered.map(compileRule);
  const keywordIndex = new Map<string, number[]>();
  const keywordless: CompiledRule[] = [];
  const pathOnly: CompiledRule[] = [];
  for (const rule of rules) {
    if (!rule.regex) {
      pathOnly.push(rule);
      continue;
    }
    // A keyword the automaton cannot hold (non-ASCII, line-spanning) would hide the rule: run it everywhere.
    const usable = rule.keywords.length > 0 && rule.keywords.every((k) => /^[\x20-\x7e]{2,}$/.test(k));
    if (!usable) {
      keywordless.push(rule);
      continue;
    }
    for (const keyword of rule.keywords) {
      const list = keywordIndex.get(keyword) ?? [];
      list.push(rule.index);
      keywordIndex.set(keyword, list);
    }
  }
  const keywords = [...keywordIndex.keys()];
  const scanner = new KeywordScanner(keywords);
  const rulesByState: (Int32Array | undefined)[] = [];
  for (let state = 0; state < scanner.automaton.stateCount; state++) {
    const found = new Set<number>();
    for (const k of scanner.outputs(state))
      for (const r of keywordIndex.get(keywords[k]!) ?? []) found.add(r);
    if (found.size > 0) rulesByState[state] = Int32Array.from([...found].sort((a, b) => a - b));
  }
  const compiledAllowlists = allowlists.map(compileAllowlist);
  return {
    rules,
    allowlists: compiledAllowlists,
    scanner,
    rulesByState,
    keywordless,
    pathOnly,
    hasCustomRegex:
      specs.some((s) => !s.trusted || s.allowlists.some((a) => !a.trusted && a.regexes.length > 0)) ||
      allowlists.some((a) => !a.trusted && a.regexes.length > 0),
    customRegexTimeouts: { count: 0 },
  };

  function compileRule(spec: RuleSpec, index: number): CompiledRule {
    const rule: CompiledRule = {
      index,
      id: spec.id,
      description: spec.description,
      severity: spec.severity,
      tags: spec.tags,
      regex: spec.regex ? new RegExp(spec.regex.source, `${spec.regex.flags}g`) : null,
      keywords: spec.keywords.map((k) => k.toLowerCase()),
      requireDigit: spec.requireDigit,
      generic: spec.generic,
      scope: spec.scope,
      allowlists: spec.allowlists.map(compileAllowlist),
      trusted: spec.trusted,
      pathGated: spec.path !== undefined || spec.allowlists.some((a) => a.paths.length > 0),
    };
    if (spec.secretGroup !== undefined) rule.secretGroup = spec.secretGroup;
    if (spec.entropy !== undefined) rule.entropy = spec.entropy;
    if (spec.multiline !== undefined) rule.multiline = spec.multiline;
    if (spec.path !== undefined) rule.path = pathMatcher(spec.path);
    return rule;
  }
}

function compileAllowlist(spec: AllowlistSpec): CompiledAllowlist {
  return {
    and: spec.condition === 'and',
    regexes: spec.regexes.map((r) => new RegExp(r.source, r.flags)),
    regexTarget: spec.regexTarget,
    stopwords: spec.stopwords.map((w) => w.toLowerCase()),
    paths: spec.paths.map(pathMatcher),
    commits: spec.commits,
    // With 'or', a matching path lets everything in the file through: decide it once per file.
    byPath: spec.condition === 'or' && spec.paths.length > 0,
    trusted: spec.trusted,
  };
}

export function pathMatcher(spec: PathSpec): PathMatcher {
  if ('glob' in spec) return picomatch(spec.glob, { dot: true, basename: !spec.glob.includes('/') });
  const regex = new RegExp(spec.regex, spec.flags);
  return (path) => regex.test(path);
}
