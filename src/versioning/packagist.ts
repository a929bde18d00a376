import { compareDigits, isDigitCode, sign } from './numeric.ts';
import { defineScheme, type VersionScheme } from './scheme.ts';

/*
 * Packagist: Composer normalizes a version (composer/semver VersionParser::normalize) and then
 * orders normalized versions with PHP's version_compare (php-src ext/standard/versioning.c).
 * Both are ported here: `v1.2` becomes 1.2.0.0, `1.0-b2` becomes 1.0.0.0-beta2, `2.x-dev`
 * becomes 2.9999999.9999999.9999999-dev; then stability words order
 * dev < alpha = a < beta = b < RC = rc < (a number) < pl = p = patch.
 * Branch names (`dev-main`) have no order and are not valid here.
 */

// VersionParser::$modifierRegex. Composer's possessive `((?:[.-]?\d+)*+)` is written as
// `((?:[.-]?\d)*)`, the same language without the backtracking a regex engine would need.
const MODIFIER = '[._-]?(?:(stable|beta|b|RC|alpha|a|patch|pl|p)((?:[.-]?\\d)*)?)?([.-]?dev)?';
const CLASSICAL = new RegExp(`^v?(\\d{1,5})(\\.\\d+)?(\\.\\d+)?(\\.\\d+)?${MODIFIER}$`, 'i');
const DATETIME = new RegExp(`^v?(\\d{4}(?:[.:-]?\\d{2}){1,6}(?:[.:-]?\\d{1,3}){0,2})${MODIFIER}$`, 'i');
const BRANCH = /^v?(\d+)(\.(?:\d+|[xX*]))?(\.(?:\d+|[xX*]))?(\.(?:\d+|[xX*]))?$/;

function expandStability(stability: string): string {
  const s = stability.toLowerCase();
  if (s === 'a') return 'alpha';
  if (s === 'b') return 'beta';
  if (s === 'p' || s === 'pl') return 'patch';
  if (s === 'rc') return 'RC';
  return s;
}

function withModifiers(version: string, m: RegExpExecArray, index: number): string {
  let out = version;
  const stability = m[index];
  if (stability) {
    if (stability.toLowerCase() === 'stable') return out;
    out += `-${expandStability(stability)}${(m[index + 1] ?? '').replace(/^[.-]+/, '')}`;
  }
  if (m[index + 2]) out += '-dev';
  return out;
}

/** VersionParser::normalize for versions that have an order; null for branches and garbage. */
export function normalizeComposer(input: string): string | null {
  let version = input.trim();
  const alias = /^([^,\s]+) +as +([^,\s]+)$/.exec(version);
  if (alias) version = alias[1]!;
  version = version.replace(/@(?:stable|RC|beta|alpha|dev)$/i, '');
  const build = /^([^,\s+]+)\+\S+$/.exec(version);
  if (build) version = build[1]!;

  const classical = CLASSICAL.exec(version);
  if (classical) {
    const core = `${classical[1]}${classical[2] || '.0'}${classical[3] || '.0'}${classical[4] || '.0'}`;
    return withModifiers(core, classical, 5);
  }
  const datetime = DATETIME.exec(version);
  if (datetime) return withModifiers(datetime[1]!.replace(/\D/g, '.'), datetime, 2);

  const dev = /^(.*?)[.-]?dev$/i.exec(version);
  const branch = dev ? BRANCH.exec(dev[1]!.trim()) : null;
  if (branch) {
    let out = '';
    for (let i = 1; i < 5; i++) out += branch[i] ? branch[i]!.replace(/[*X]/g, 'x') : '.x';
    return `${out.replaceAll('x', '9999999')}-dev`;
  }
  return null;
}

/** php_canonicalize_version, split on dots: `1.0.0.0-beta2` → [1, 0, 0, 0, beta, 2]. */
export function canonicalParts(version: string): string[] {
  const isAlnum = (c: number) => isDigitCode(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  let out = version[0] ?? '';
  for (let i = 1; i < version.length; i++) {
    const c = version.charCodeAt(i);
    const prev = version.charCodeAt(i - 1);
    const last = out.charCodeAt(out.length - 1);
    const special = c === 45 || c === 95 || c === 43; // - _ +
    const digitSwitch = c !== 46 && prev !== 46 && isDigitCode(c) !== isDigitCode(prev);
    if (special) {
      if (last !== 46) out += '.';
    } else if (digitSwitch) {
      if (last !== 46) out += '.';
      out += version[i];
    } else if (!isAlnum(c)) {
      if (last !== 46) out += '.';
    } else {
      out += version[i];
    }
  }
  return out.split('.');
}

const SPECIAL_FORMS: ReadonlyArray<readonly [string, number]> = [
  ['dev', 0],
  ['alpha', 1],
  ['a', 1],
  ['beta', 2],
  ['b', 2],
  ['RC', 3],
  ['rc', 3],
  ['#', 4],
  ['pl', 5],
  ['p', 5],
];

/** compare_special_version_forms: a prefix match (so `patch` counts as `p`); unknown words sort first. */
function formOrder(part: string): number {
  for (const [name, order] of SPECIAL_FORMS) if (part.startsWith(name)) return order;
  return -1;
}

const NUMBER_FORM = 4;

function comparePart(a: string, b: string): number {
  const aDigit = isDigitCode(a.charCodeAt(0));
  const bDigit = isDigitCode(b.charCodeAt(0));
  if (aDigit && bDigit) return compareDigits(a, b);
  if (!aDigit && !bDigit) return sign(formOrder(a) - formOrder(b));
  return aDigit ? sign(NUMBER_FORM - formOrder(b)) : sign(formOrder(a) - NUMBER_FORM);
}

/** php_version_compare over canonical parts. */
export function phpVersionCompare(a: readonly string[], b: readonly string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = comparePart(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  // The longer version wins if it goes on with a number; a word after it decides against "#".
  if (a.length > n) return isDigitCode(a[n]!.charCodeAt(0)) ? 1 : sign(formOrder(a[n]!) - NUMBER_FORM);
  if (b.length > n) return isDigitCode(b[n]!.charCodeAt(0)) ? -1 : sign(NUMBER_FORM - formOrder(b[n]!));
  return 0;
}

interface Composer {
  readonly normalized: string;
  readonly parts: readonly string[];
}

export const packagistScheme: VersionScheme = defineScheme<Composer>({
  name: 'Composer',
  parse: (version) => {
    const normalized = normalizeComposer(version);
    return normalized === null ? null : { normalized, parts: canonicalParts(normalized) };
  },
  compare: (a, b) => phpVersionCompare(a.parts, b.parts),
  normalize: (v) => v.normalized,
});
