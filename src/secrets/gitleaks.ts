import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse, TomlError } from 'smol-toml';
import { z } from 'zod';
import { describeError, PalisadeError } from '../model/index.ts';
import { RegexTranslationError, type TranslatedRegex, translateGoRegex } from './goregex.ts';
import type { AllowlistSpec, PathSpec, RegexSpec, RuleSpec } from './ruleset.ts';

/**
 * `.gitleaks.toml`, read so that a team switching from gitleaks keeps its configuration:
 * `[[rules]]` (id, description, regex, path, secretGroup, entropy, keywords, tags, allowlists),
 * global `[[allowlists]]` (with `targetRules`) and the older `[allowlist]`/`[rules.allowlist]`
 * tables, and `[extend]` (`useDefault` = the built-in rules, `path` = another file,
 * `disabledRules`). Keys are case-insensitive as in gitleaks (which reads them through viper).
 *
 * Semantics follow gitleaks: a configured rule runs over the whole file when one of its keywords
 * occurs anywhere in it (or always, without keywords), `$` means the end of the file, and a rule
 * that overrides a default one replaces its regex, entropy, secret group, path and description
 * and adds its keywords, tags and allowlists. Regexes are Go syntax, translated (goregex.ts);
 * those that cannot be translated, or that nest unbounded repetition, are refused with an error
 * naming the file, line and rule. Configured regexes run under the scan's time budget.
 */
export interface GitleaksConfig {
  path: string;
  useDefault: boolean;
  disabledRules: string[];
  rules: GitleaksRule[];
  allowlists: AllowlistSpec[];
  targeted: { ruleIds: string[]; allowlist: AllowlistSpec; line: number }[];
  /** The configuration named by `[extend] path`, already loaded. */
  extends?: GitleaksConfig;
  /** Things that do not stop loading but that the user must see, one line each. */
  warnings: string[];
}

/** A rule as configured: only what the file sets, so that overrides can merge field by field. */
export interface GitleaksRule {
  id: string;
  line: number;
  description?: string;
  regex?: RegexSpec;
  groups: number;
  path?: PathSpec;
  secretGroup?: number;
  entropy?: number;
  keywords: string[];
  tags: string[];
  allowlists: AllowlistSpec[];
}

const allowlistSchema = z.looseObject({
  description: z.string().optional(),
  condition: z.string().optional(),
  commits: z.array(z.string()).optional(),
  paths: z.array(z.string()).optional(),
  regextarget: z.string().optional(),
  regexes: z.array(z.string()).optional(),
  stopwords: z.array(z.string()).optional(),
  targetrules: z.array(z.string()).optional(),
});
type RawAllowlist = z.infer<typeof allowlistSchema>;

const ruleSchema = z.looseObject({
  id: z.string().min(1),
  description: z.string().optional(),
  regex: z.string().optional(),
  path: z.string().optional(),
  secretgroup: z.number().int().nonnegative().optional(),
  entropy: z.number().nonnegative().optional(),
  keywords: z.array(z.string()).optional(),
  tags: z.array(z.string()).optional(),
  allowlist: allowlistSchema.optional(),
  allowlists: z.array(allowlistSchema).optional(),
  required: z.array(z.unknown()).optional(),
  skipreport: z.boolean().optional(),
});
type RawRule = z.infer<typeof ruleSchema>;

const fileSchema = z.looseObject({
  title: z.string().optional(),
  description: z.string().optional(),
  extend: z
    .looseObject({
      path: z.string().optional(),
      url: z.string().optional(),
      usedefault: z.boolean().optional(),
      disabledrules: z.array(z.string()).optional(),
    })
    .optional(),
  rules: z.array(ruleSchema).optional(),
  allowlist: allowlistSchema.optional(),
  allowlists: z.array(allowlistSchema).optional(),
});

const MAX_EXTEND_DEPTH = 2;

/**
 * The gitleaks configuration to apply for a scan of `root`: the path palisade.yaml names
 * (`secrets.gitleaksConfig`), none when it says `false`, else `.gitleaks.toml` at the root if any.
 */
export function locateGitleaksConfig(root: string, setting: string | false | undefined): string | undefined {
  if (setting === false) return undefined;
  if (setting !== undefined) return resolve(root, setting);
  const found = join(root, '.gitleaks.toml');
  return existsSync(found) ? found : undefined;
}

/** Reads a `.gitleaks.toml` and the file its `[extend] path` names, relative to it. */
export function loadGitleaksConfig(path: string): GitleaksConfig {
  return loadAt(path, 0);
}

/** Far above any real configuration (gitleaks' own default is 100 KB). */
const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

function readConfigText(path: string): string {
  const fix = 'name a .gitleaks.toml with --gitleaks-config or secrets.gitleaksConfig';
  let why: string;
  try {
    const stats = statSync(path);
    if (stats.isDirectory()) why = 'it is a directory';
    else if (stats.size > MAX_CONFIG_BYTES) why = `it is larger than ${MAX_CONFIG_BYTES / 1048576} MiB`;
    else return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    why = code === 'ENOENT' ? 'no such file' : describeError(error);
  }
  throw new PalisadeError('config', `${path}: cannot read the gitleaks configuration (${why}); ${fix}`);
}

function loadAt(path: string, depth: number): GitleaksConfig {
  const text = readConfigText(path);
  return parseGitleaksConfig(path, text, (extendPath) => {
    if (depth + 1 >= MAX_EXTEND_DEPTH) {
      throw new PalisadeError(
        'config',
        `${path}: [extend] path: configurations extend at most ${MAX_EXTEND_DEPTH} deep`,
      );
    }
    return loadAt(resolve(dirname(path), extendPath), depth + 1);
  });
}

/** Parses the text of a gitleaks configuration; `loadExtended` resolves `[extend] path`. */
export function parseGitleaksConfig(
  path: string,
  text: string,
  loadExtended: (path: string) => GitleaksConfig = () => {
    throw new PalisadeError('config', `${path}: [extend] path is not supported here`);
  },
): GitleaksConfig {
  let document: unknown;
  try {
    document = lowercaseKeys(parse(text));
  } catch (error) {
    if (error instanceof TomlError) {
      throw new PalisadeError('config', `${path}:${error.line}: ${firstLine(error.message)}`);
    }
    throw error;
  }
  const parsed = fileSchema.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new PalisadeError('config', `${path}: '${issue.path.join('.')}': ${firstLine(issue.message)}`);
  }
  const file = parsed.data;
  const where = new Locator(text);
  const warnings: string[] = [];
  const extend = file.extend ?? {};
  if (extend.usedefault && extend.path) {
    throw new PalisadeError('config', `${path}: [extend] sets both useDefault and path; keep one`);
  }
  if (extend.url)
    warnings.push(`${path}: [extend] url is not supported (gitleaks ignores it too); it was skipped`);

  const rules: GitleaksRule[] = [];
  for (const raw of file.rules ?? []) {
    const rule = parseRule(raw, path, where.ruleLine(raw.id), warnings);
    if (rule) rules.push(rule);
  }
  if (file.allowlist && file.allowlists?.length) {
    throw new PalisadeError('config', `${path}: [allowlist] cannot be used alongside [[allowlists]]`);
  }
  const allowlists: AllowlistSpec[] = [];
  const targeted: GitleaksConfig['targeted'] = [];
  for (const raw of [...(file.allowlist ? [file.allowlist] : []), ...(file.allowlists ?? [])]) {
    const line = where.allowlistLine(targeted.length + allowlists.length);
    const spec = allowlist(raw, `${path}:${line}: [[allowlists]]`);
    if (raw.targetrules?.length) targeted.push({ ruleIds: raw.targetrules, allowlist: spec, line });
    else allowlists.push(spec);
  }

  const config: GitleaksConfig = {
    path,
    useDefault: extend.usedefault ?? false,
    disabledRules: extend.disabledrules ?? [],
    rules,
    allowlists,
    targeted,
    warnings,
  };
  if (extend.path) {
    const extended = loadExtended(extend.path);
    config.extends = extended;
    warnings.push(...extended.warnings);
  }
  return config;
}

function parseRule(raw: RawRule, path: string, line: number, warnings: string[]): GitleaksRule | undefined {
  const at = `${path}:${line}: rule '${raw.id}'`;
  if (raw.required?.length) {
    warnings.push(
      `${at}: composite rules ([[rules.required]]) are not supported; the rule reports on its own`,
    );
  }
  if (raw.skipreport) {
    warnings.push(
      `${at}: skipReport rules only serve composite rules, which are not supported; it was skipped`,
    );
    return undefined;
  }
  if (raw.allowlist && raw.allowlists?.length) {
    throw new PalisadeError(
      'config',
      `${at}: [rules.allowlist] cannot be used alongside [[rules.allowlists]]`,
    );
  }
  const rule: GitleaksRule = {
    id: raw.id,
    line,
    groups: 0,
    keywords: (raw.keywords ?? []).map((k) => k.toLowerCase()),
    tags: raw.tags ?? [],
    allowlists: [...(raw.allowlist ? [raw.allowlist] : []), ...(raw.allowlists ?? [])].map((a) =>
      allowlist(a, at),
    ),
  };
  if (raw.description !== undefined) rule.description = raw.description;
  if (raw.regex !== undefined) {
    const translated = translate(raw.regex, `${at}: regex`);
    rule.regex = { source: translated.source, flags: translated.flags };
    rule.groups = translated.groups;
  }
  if (raw.path !== undefined) rule.path = pathRegex(raw.path, `${at}: path`);
  if (raw.secretgroup !== undefined) rule.secretGroup = raw.secretgroup;
  if (raw.entropy !== undefined) rule.entropy = raw.entropy;
  return rule;
}

/**
 * The rules and global allowlists that result from a gitleaks configuration over the built-in
 * ones (when it extends them) — gitleaks' own merge: a configured rule with a default's id
 * overrides it field by field, disabled default rules are dropped, allowlists are appended.
 */
export function mergeGitleaks(
  builtins: readonly RuleSpec[],
  builtinAllowlists: readonly AllowlistSpec[],
  config: GitleaksConfig,
): { rules: RuleSpec[]; allowlists: AllowlistSpec[] } {
  let base: { rules: RuleSpec[]; allowlists: AllowlistSpec[] } | undefined;
  if (config.useDefault) base = { rules: [...builtins], allowlists: [...builtinAllowlists] };
  else if (config.extends) base = mergeGitleaks(builtins, builtinAllowlists, config.extends);

  const own = new Map(config.rules.map((r) => [r.id, r]));
  const rules: RuleSpec[] = [];
  const disabled = new Set(config.disabledRules);
  for (const baseRule of base?.rules ?? []) {
    if (disabled.has(baseRule.id)) continue;
    const override = own.get(baseRule.id);
    if (override) own.delete(baseRule.id);
    rules.push(override ? overrideRule(baseRule, override, config.path) : baseRule);
  }
  for (const rule of own.values()) rules.push(newRule(rule, config.path));
  rules.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  for (const { ruleIds, allowlist, line } of config.targeted) {
    for (const id of ruleIds) {
      const rule = rules.find((r) => r.id === id);
      if (!rule) {
        throw new PalisadeError(
          'config',
          `${config.path}:${line}: [[allowlists]] targetRules: no rule '${id}'`,
        );
      }
      rule.allowlists = [...rule.allowlists, allowlist];
    }
  }
  return { rules, allowlists: [...config.allowlists, ...(base?.allowlists ?? [])] };
}

function newRule(rule: GitleaksRule, file: string): RuleSpec {
  const at = `${file}:${rule.line}: rule '${rule.id}'`;
  if (!rule.regex && !rule.path) throw new PalisadeError('config', `${at}: set a regex, a path or both`);
  if (rule.secretGroup !== undefined && rule.regex && rule.secretGroup > rule.groups) {
    throw new PalisadeError(
      'config',
      `${at}: secretGroup ${rule.secretGroup} but the regex has ${rule.groups} groups`,
    );
  }
  const spec: RuleSpec = {
    id: rule.id,
    description: rule.description ?? rule.id,
    severity: 'high',
    tags: rule.tags,
    keywords: rule.keywords,
    // gitleaks asks the secret of its `generic*` rules to hold a digit; configurations rely on it.
    requireDigit: rule.id.startsWith('generic'),
    generic: false,
    scope: 'file',
    allowlists: rule.allowlists,
    trusted: false,
    origin: file,
  };
  if (rule.regex) spec.regex = rule.regex;
  if (rule.path) spec.path = rule.path;
  if (rule.secretGroup !== undefined) spec.secretGroup = rule.secretGroup;
  if (rule.entropy !== undefined) spec.entropy = rule.entropy;
  return spec;
}

function overrideRule(base: RuleSpec, rule: GitleaksRule, file: string): RuleSpec {
  const merged: RuleSpec = {
    ...base,
    tags: [...base.tags, ...rule.tags],
    keywords: [...base.keywords, ...rule.keywords],
    allowlists: [...base.allowlists, ...rule.allowlists],
  };
  if (rule.description) merged.description = rule.description;
  if (rule.entropy) merged.entropy = rule.entropy;
  if (rule.secretGroup) merged.secretGroup = rule.secretGroup;
  if (rule.path) merged.path = rule.path;
  if (rule.regex) {
    merged.regex = rule.regex;
    merged.trusted = false;
    merged.scope = 'file';
    merged.origin = file;
    delete merged.multiline;
  }
  return merged;
}

function allowlist(raw: RawAllowlist, at: string): AllowlistSpec {
  const condition = (raw.condition ?? '').toUpperCase();
  if (!['', 'OR', '||', 'AND', '&&'].includes(condition)) {
    throw new PalisadeError(
      'config',
      `${at}: allowlist condition '${raw.condition}': expected 'and' or 'or'`,
    );
  }
  const target = raw.regextarget ?? 'secret';
  if (target !== 'secret' && target !== 'match' && target !== 'line') {
    throw new PalisadeError(
      'config',
      `${at}: allowlist regexTarget '${target}': expected 'secret', 'match' or 'line'`,
    );
  }
  const spec: AllowlistSpec = {
    condition: condition === 'AND' || condition === '&&' ? 'and' : 'or',
    regexes: (raw.regexes ?? []).map((r) => {
      const translated = translate(r, `${at}: allowlist regex`);
      return { source: translated.source, flags: translated.flags };
    }),
    regexTarget: target,
    stopwords: raw.stopwords ?? [],
    paths: (raw.paths ?? []).map((p) => pathRegex(p, `${at}: allowlist path`)),
    commits: raw.commits ?? [],
    trusted: false,
  };
  if (spec.regexes.length + spec.stopwords.length + spec.paths.length + spec.commits.length === 0) {
    throw new PalisadeError('config', `${at}: an allowlist needs commits, paths, regexes or stopwords`);
  }
  if (raw.description !== undefined) spec.description = raw.description;
  return spec;
}

function pathRegex(pattern: string, at: string): PathSpec {
  const translated = translate(pattern, at);
  return { regex: translated.source, flags: translated.flags };
}

function translate(pattern: string, at: string): TranslatedRegex {
  let translated: TranslatedRegex;
  try {
    translated = translateGoRegex(pattern);
    new RegExp(translated.source, translated.flags);
  } catch (error) {
    const reason =
      error instanceof RegexTranslationError || error instanceof SyntaxError ? error.message : String(error);
    throw new PalisadeError('config', `${at}: ${firstLine(reason)}`);
  }
  return translated;
}

/** Finds the line of a rule or an allowlist table in the text, for messages. */
class Locator {
  private readonly lines: string[];

  constructor(text: string) {
    this.lines = text.split('\n');
  }

  /** The line of `id = "..."` inside a `[[rules]]` table (not in `[[rules.required]]`). */
  ruleLine(id: string): number {
    const pattern = new RegExp(`^\\s*id\\s*=\\s*(["'])${escapeRegex(id)}\\1`, 'i');
    let table = '';
    for (let i = 0; i < this.lines.length; i++) {
      const line = this.lines[i] ?? '';
      const header = /^\s*\[\[?\s*([\w.]+)\s*\]\]?/.exec(line);
      if (header) table = header[1]!.toLowerCase();
      else if (table === 'rules' && pattern.test(line)) return i + 1;
    }
    return 0;
  }

  allowlistLine(nth: number): number {
    let seen = -1;
    for (let i = 0; i < this.lines.length; i++) {
      if (/^\s*\[\[?allowlists?\]\]?\s*$/i.test(this.lines[i] ?? '') && ++seen === nth) return i + 1;
    }
    return 0;
  }
}

function lowercaseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(lowercaseKeys);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.toLowerCase(), lowercaseKeys(v)]));
  }
  return value;
}

function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
