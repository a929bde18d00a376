import { compareDigits, compareStrings, isDigitCode } from './numeric.ts';
import { defineScheme, type VersionScheme } from './scheme.ts';

/*
 * Alpine: apk's version comparison, ported from apk-tools src/version.c (the current tokenizer:
 * digit{.digit}...{letter}{_suffix{#}}...{~hash}{-r#}). Versions are compared token by token:
 * numbers numerically, except that a number with a leading zero after a dot compares as a
 * string (1.02 < 1.2, Gentoo style); suffixes _alpha < _beta < _pre < _rc < (none) < _cvs <
 * _svn < _git < _hg < _p; when one version runs out, the other is greater unless what it has
 * next is a prerelease suffix.
 */

const INITIAL_DIGIT = 0;
const DIGIT = 1;
const LETTER = 2;
const SUFFIX = 3;
const SUFFIX_NO = 4;
const COMMIT_HASH = 5;
const REVISION_NO = 6;
const END = 7;

const SUFFIXES = ['alpha', 'beta', 'pre', 'rc', '', 'cvs', 'svn', 'git', 'hg', 'p'];
const SUFFIX_NONE = SUFFIXES.indexOf('');

interface Token {
  readonly type: number;
  /** The token's text: digits, the letter, the suffix word or the hash. */
  readonly text: string;
  /** Index in SUFFIXES for a suffix token. */
  readonly suffix: number;
}

type Scanned = readonly [Token, number];

/** Splits a version into tokens ending with END; null where apk_version_validate fails. */
function tokenize(s: string): Token[] | null {
  const first = digits(s, 0, INITIAL_DIGIT);
  if (!first) return null;
  const tokens: Token[] = [first[0]];
  let pos = first[1];
  while (pos < s.length) {
    const next = nextToken(s, pos, tokens[tokens.length - 1]!.type);
    if (!next) return null;
    tokens.push(next[0]);
    pos = next[1];
  }
  tokens.push({ type: END, text: '', suffix: -1 });
  return tokens;
}

function isLower(c: number): boolean {
  return c >= 97 && c <= 122;
}

function isHex(c: number): boolean {
  return isDigitCode(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

function spanEnd(s: string, start: number, test: (c: number) => boolean): number {
  let end = start;
  while (end < s.length && test(s.charCodeAt(end))) end++;
  return end;
}

function digits(s: string, start: number, type: number): Scanned | null {
  const end = spanEnd(s, start, isDigitCode);
  return end === start ? null : [{ type, text: s.slice(start, end), suffix: -1 }, end];
}

/** token_next: the token at `start` and where it ends, or null when it may not follow a `prev` token. */
function nextToken(s: string, start: number, prev: number): Scanned | null {
  const c = s.charCodeAt(start);
  if (isLower(c)) {
    return prev <= DIGIT ? [{ type: LETTER, text: s[start]!, suffix: -1 }, start + 1] : null;
  }
  if (c === 46 /* . */) return prev <= DIGIT ? digits(s, start + 1, DIGIT) : null;
  if (isDigitCode(c)) {
    if (prev === SUFFIX) return digits(s, start, SUFFIX_NO);
    return prev <= DIGIT ? digits(s, start, DIGIT) : null;
  }
  if (c === 95 /* _ */) {
    if (prev > SUFFIX_NO) return null;
    const end = spanEnd(s, start + 1, isLower);
    const word = s.slice(start + 1, end);
    const suffix = word === '' ? -1 : SUFFIXES.indexOf(word);
    return suffix < 0 ? null : [{ type: SUFFIX, text: word, suffix }, end];
  }
  if (c === 126 /* ~ */) {
    if (prev >= COMMIT_HASH) return null;
    const end = spanEnd(s, start + 1, isHex);
    return end === start + 1 ? null : [{ type: COMMIT_HASH, text: s.slice(start + 1, end), suffix: -1 }, end];
  }
  if (c === 45 /* - */ && s.charCodeAt(start + 1) === 114 /* r */ && prev < REVISION_NO) {
    return digits(s, start + 2, REVISION_NO);
  }
  return null;
}

/** apk_blob_sort: bytewise, a prefix first. */
function blobSort(a: string, b: string): number {
  return compareStrings(a, b);
}

/** token_cmp for two tokens of the same type. */
function compareToken(a: Token, b: Token): number {
  switch (a.type) {
    case DIGIT:
      // a leading zero makes both compare as strings, as Gentoo does
      if (a.text.charCodeAt(0) === 48 || b.text.charCodeAt(0) === 48) return blobSort(a.text, b.text);
      return compareDigits(a.text, b.text);
    case INITIAL_DIGIT:
    case SUFFIX_NO:
    case REVISION_NO:
      return compareDigits(a.text, b.text);
    case LETTER:
      return compareStrings(a.text, b.text);
    case SUFFIX:
      return a.suffix === b.suffix ? 0 : a.suffix < b.suffix ? -1 : 1;
    default:
      return blobSort(a.text, b.text);
  }
}

function compareApk(a: readonly Token[], b: readonly Token[]): number {
  let i = 0;
  for (; a[i]!.type === b[i]!.type && a[i]!.type < END; i++) {
    const r = compareToken(a[i]!, b[i]!);
    if (r !== 0) return r;
  }
  const ta = a[i]!;
  const tb = b[i]!;
  if (ta.type === tb.type) return 0;
  if (ta.type === SUFFIX && ta.suffix < SUFFIX_NONE) return -1;
  if (tb.type === SUFFIX && tb.suffix < SUFFIX_NONE) return 1;
  return ta.type > tb.type ? -1 : 1;
}

export const alpineScheme: VersionScheme = defineScheme<Token[]>({
  name: 'Alpine apk',
  parse: tokenize,
  compare: compareApk,
});
