import { compareDigits, compareStrings, isDigitCode } from './numeric.ts';
import { defineScheme, type VersionScheme } from './scheme.ts';

/*
 * Maven's version order: a port of org.apache.maven.artifact.versioning.ComparableVersion as of
 * Maven 3.9 (apache/maven, maven-artifact, with MNG-5568, MNG-6572, MNG-6964 and MNG-7644), the
 * class Maven itself, maven-resolver's generic scheme and OSV's Maven matching follow
 * (https://maven.apache.org/pom.html#version-order-specification).
 *
 * A version is a list of items: numbers, qualifier strings and sub-lists. A `-` (and a switch
 * between letters and digits) opens a sub-list; trailing "null" items (0, "", ga, final,
 * release, empty lists) are dropped. Qualifiers order alpha < beta < milestone < rc = cr <
 * snapshot < "" = ga = final = release < sp < any other string (alphabetically).
 */

type Item =
  | { readonly kind: 'number'; readonly digits: string }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'list'; readonly items: Item[] };

const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const ALIASES: Record<string, string> = { ga: '', final: '', release: '', cr: 'rc' };
const RELEASE_INDEX = String(QUALIFIERS.indexOf(''));
const ZERO: Item = { kind: 'number', digits: '0' };

function stringItem(raw: string, followedByDigit: boolean): Item {
  let value = raw;
  if (followedByDigit && value.length === 1) {
    // a1 = alpha-1, b1 = beta-1, m1 = milestone-1
    if (value === 'a') value = 'alpha';
    else if (value === 'b') value = 'beta';
    else if (value === 'm') value = 'milestone';
  }
  return { kind: 'string', value: ALIASES[value] ?? value };
}

function numberItem(raw: string): Item {
  const digits = raw.replace(/^0+(?=\d)/, '');
  return { kind: 'number', digits };
}

function parseItem(isDigit: boolean, buf: string): Item {
  return isDigit ? numberItem(buf) : stringItem(buf, false);
}

function comparableQualifier(q: string): string {
  const i = QUALIFIERS.indexOf(q);
  return i === -1 ? `${QUALIFIERS.length}-${q}` : String(i);
}

function isNull(item: Item): boolean {
  switch (item.kind) {
    case 'number':
      return item.digits === '0';
    case 'string':
      return comparableQualifier(item.value) === RELEASE_INDEX;
    case 'list':
      return item.items.length === 0;
  }
}

function normalizeList(items: Item[]): void {
  for (let i = items.length - 1; i >= 0; i--) {
    const last = items[i]!;
    if (isNull(last)) items.splice(i, 1);
    else if (last.kind !== 'list') break;
  }
}

/** `item.compareTo(other)` of ComparableVersion, with `null` for a missing item. */
function compareItem(item: Item, other: Item | null): number {
  switch (item.kind) {
    case 'number':
      if (other === null) return item.digits === '0' ? 0 : 1; // 1.0 == 1, 1.1 > 1
      return other.kind === 'number' ? compareDigits(item.digits, other.digits) : 1; // 1.1 > 1-sp, 1.1 > 1-1
    case 'string':
      if (other === null) return compareStrings(comparableQualifier(item.value), RELEASE_INDEX); // 1-rc < 1, 1-ga > 1
      if (other.kind === 'string') {
        return compareStrings(comparableQualifier(item.value), comparableQualifier(other.value));
      }
      return -1; // 1.any < 1.1, 1.any < 1-1
    case 'list':
      return compareList(item.items, other);
  }
}

function compareList(items: readonly Item[], other: Item | null): number {
  if (other === null) {
    // MNG-6964: the whole list decides, not only its first item.
    for (const i of items) {
      const r = compareItem(i, null);
      if (r !== 0) return r;
    }
    return 0;
  }
  if (other.kind === 'number') return -1; // 1-1 < 1.0.x
  if (other.kind === 'string') return 1; // 1-1 > 1-sp
  const right = other.items;
  const n = Math.max(items.length, right.length);
  for (let i = 0; i < n; i++) {
    const l = items[i] ?? null;
    const r = right[i] ?? null;
    const result = l === null ? (r === null ? 0 : -compareItem(r, null)) : compareItem(l, r);
    if (result !== 0) return result;
  }
  return 0;
}

/** The parse state of ComparableVersion.parseVersion: the list being filled and every list opened. */
interface Parser {
  list: Item[];
  readonly lists: Item[][];
}

/** Opens a sub-list inside the current list and makes it current. */
function open(p: Parser): void {
  const sub: Item[] = [];
  p.list.push({ kind: 'list', items: sub });
  p.list = sub;
  p.lists.push(sub);
}

// ComparableVersion accepts any string. Here a version must look like one: no spaces, no
// unresolved `${property}`, no range syntax like `[1.0,2.0)`, nothing a repository path refuses.
const VALID = /^[A-Za-z0-9][A-Za-z0-9._+~-]*$/;

function parseMaven(version: string): Item[] | null {
  if (!VALID.test(version)) return null;
  const text = version.toLowerCase();
  const root: Item[] = [];
  const p: Parser = { list: root, lists: [root] };
  let isDigit = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 /* . */ || c === 45 /* - */) {
      p.list.push(i === start ? ZERO : parseItem(isDigit, text.slice(start, i)));
      start = i + 1;
      if (c === 45) open(p);
      continue;
    }
    const digit = isDigitCode(c);
    if (digit && !isDigit && i > start) {
      // MNG-7644: 1.0.0.X1 < 1.0.0-X2, i.e. ".X" is treated as "-X" for any qualifier X
      if (p.list.length > 0) open(p);
      p.list.push(stringItem(text.slice(start, i), true));
      start = i;
      open(p);
    } else if (!digit && isDigit && i > start) {
      p.list.push(parseItem(true, text.slice(start, i)));
      start = i;
      open(p);
    }
    isDigit = digit;
  }
  if (text.length > start) {
    if (!isDigit && p.list.length > 0) open(p);
    p.list.push(parseItem(isDigit, text.slice(start)));
  }
  // Innermost lists first, as ComparableVersion pops its stack.
  for (let i = p.lists.length - 1; i >= 0; i--) normalizeList(p.lists[i]!);
  return root;
}

function canonical(items: readonly Item[]): string {
  let out = '';
  for (const item of items) {
    if (out.length > 0) out += item.kind === 'list' ? '-' : '.';
    out += item.kind === 'number' ? item.digits : item.kind === 'string' ? item.value : canonical(item.items);
  }
  return out;
}

/** Maven: ComparableVersion order. */
export const mavenScheme: VersionScheme = defineScheme<Item[]>({
  name: 'Maven',
  parse: parseMaven,
  compare: (a, b) => compareList(a, { kind: 'list', items: b }),
  normalize: canonical,
});
