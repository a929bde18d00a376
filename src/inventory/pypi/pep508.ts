/**
 * PEP 508 dependency specifiers (`name[extra1,extra2] (>=1,<2) ; marker` or `name @ url ; marker`),
 * the shape every Python manifest and lockfile writes requirements in. A hand-written scanner rather
 * than one large regular expression, so that hostile input stays linear and errors can say what is wrong.
 */

export interface VersionClause {
  operator: string;
  version: string;
}

export interface Requirement {
  name: string;
  extras: string[];
  specifiers: VersionClause[];
  url?: string;
  marker?: string;
}

export type ParsedRequirement = { ok: true; value: Requirement } | { ok: false; reason: string };

const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/;
const OPERATOR = /^(===|~=|==|!=|<=|>=|<|>)/;
const VERSION = /^[A-Za-z0-9_.*+!-]+$/;

export function parseRequirement(text: string): ParsedRequirement {
  const input = text.trim();
  const nameMatch = NAME.exec(input);
  if (!nameMatch) return fail(`"${preview(input)}" does not start with a package name`);
  const name = nameMatch[0];
  let rest = input.slice(name.length).trimStart();

  let extras: string[] = [];
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) return fail(`unclosed "[" in the extras of ${name}`);
    extras = rest
      .slice(1, close)
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean);
    if (extras.some((e) => !NAME.test(e) || NAME.exec(e)?.[0] !== e))
      return fail(`invalid extras in ${name}`);
    rest = rest.slice(close + 1).trimStart();
  }

  if (rest.startsWith('@')) return parseUrlRequirement(name, extras, rest.slice(1).trimStart());

  const semicolon = rest.indexOf(';');
  const specText = (semicolon < 0 ? rest : rest.slice(0, semicolon)).trim();
  const specifiers = parseSpecifiers(specText);
  if (!specifiers) return fail(`invalid version specifier "${preview(specText)}" for ${name}`);
  const requirement: Requirement = { name, extras, specifiers };
  if (semicolon >= 0) {
    const marker = rest.slice(semicolon + 1).trim();
    if (marker === '') return fail(`empty environment marker after ";" for ${name}`);
    requirement.marker = marker;
  }
  return { ok: true, value: requirement };
}

function parseUrlRequirement(name: string, extras: string[], rest: string): ParsedRequirement {
  // A URL may contain ";", so the marker separator is " ;" (PEP 508 requires whitespace before it).
  const separator = /\s;/.exec(rest);
  const url = (separator ? rest.slice(0, separator.index) : rest).trim();
  if (url === '' || /\s/.test(url)) return fail(`invalid URL after "@" for ${name}`);
  const requirement: Requirement = { name, extras, specifiers: [], url };
  if (separator) {
    const marker = rest.slice(separator.index + 2).trim();
    if (marker === '') return fail(`empty environment marker after ";" for ${name}`);
    requirement.marker = marker;
  }
  return { ok: true, value: requirement };
}

/** `>=1.0,<2`, `(>=1.0, <2)` or an empty string; undefined when a clause is not `operator version`. */
export function parseSpecifiers(text: string): VersionClause[] | undefined {
  let body = text.trim();
  if (body.startsWith('(')) {
    if (!body.endsWith(')')) return undefined;
    body = body.slice(1, -1).trim();
  }
  if (body === '') return [];
  const clauses: VersionClause[] = [];
  for (const part of body.split(',')) {
    const clause = part.trim();
    const operator = OPERATOR.exec(clause)?.[0];
    if (!operator) return undefined;
    const version = clause.slice(operator.length).trim();
    if (!VERSION.test(version)) return undefined;
    clauses.push({ operator, version });
  }
  return clauses;
}

/** The version an `==` (without wildcard) or `===` clause pins, if any: the only case a manifest names one version. */
export function pinnedVersion(specifiers: readonly VersionClause[]): string | undefined {
  for (const { operator, version } of specifiers) {
    if (operator === '===' || (operator === '==' && !version.includes('*'))) return version;
  }
  return undefined;
}

export function formatSpecifiers(specifiers: readonly VersionClause[]): string {
  return specifiers.map((s) => `${s.operator}${s.version}`).join(',');
}

function fail(reason: string): ParsedRequirement {
  return { ok: false, reason };
}

/** A short, printable excerpt of untrusted text for messages (never the whole line). */
export function preview(text: string, max = 60): string {
  const flat = text.replace(/\p{Cc}/gu, '?');
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
