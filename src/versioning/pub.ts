import { compareDigits, compareStrings } from './numeric.ts';
import { defineScheme, type VersionScheme } from './scheme.ts';

/*
 * Pub (Dart): Version.compareTo of package:pub_semver (dart-lang/tools pkgs/pub_semver
 * lib/src/version.dart). SemVer-shaped, but unlike SemVer 2.0.0 leading zeros are allowed and
 * build metadata takes part in the order: 1.0.0 < 1.0.0+1 < 1.0.0+2, and a prerelease's build
 * still sorts after the bare prerelease.
 */

type Part = { readonly num: string; readonly negative: boolean } | string;

interface PubVersion {
  readonly core: readonly [string, string, string];
  readonly pre: readonly Part[];
  readonly build: readonly Part[];
}

// pub_semver's completeVersion pattern.
const PATTERN =
  /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

// Version._splitParts: a part that `int.tryParse` accepts is a number, anything else a string.
function splitParts(text: string | undefined): Part[] {
  if (!text) return [];
  return text.split('.').map((part) => {
    const m = /^(-?)(\d+)$/.exec(part);
    return m ? { num: m[2]!, negative: m[1] === '-' && !/^0+$/.test(m[2]!) } : part;
  });
}

function parsePub(version: string): PubVersion | null {
  const m = PATTERN.exec(version);
  if (!m) return null;
  return { core: [m[1]!, m[2]!, m[3]!], pre: splitParts(m[4]), build: splitParts(m[5]) };
}

function compareNumberParts(a: Exclude<Part, string>, b: Exclude<Part, string>): number {
  if (a.negative !== b.negative) return a.negative ? -1 : 1;
  const c = compareDigits(a.num, b.num);
  return a.negative ? -c : c;
}

// Version._compareLists: missing parts first, numbers before strings, strings by code units.
function compareLists(a: readonly Part[], b: readonly Part[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    let c: number;
    if (typeof x === 'string') c = typeof y === 'string' ? compareStrings(x, y) : 1;
    else c = typeof y === 'string' ? -1 : compareNumberParts(x, y);
    if (c !== 0) return c;
  }
  return 0;
}

function comparePub(a: PubVersion, b: PubVersion): number {
  for (let i = 0; i < 3; i++) {
    const c = compareDigits(a.core[i]!, b.core[i]!);
    if (c !== 0) return c;
  }
  if (a.pre.length === 0 && b.pre.length > 0) return 1;
  if (b.pre.length === 0 && a.pre.length > 0) return -1;
  const pre = compareLists(a.pre, b.pre);
  if (pre !== 0) return pre;
  if (a.build.length === 0 && b.build.length > 0) return -1;
  if (b.build.length === 0 && a.build.length > 0) return 1;
  return compareLists(a.build, b.build);
}

export const pubScheme: VersionScheme = defineScheme<PubVersion>({
  name: 'Pub',
  parse: parsePub,
  compare: comparePub,
});
