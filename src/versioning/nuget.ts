import { compareDigits, compareStrings } from './numeric.ts';
import { defineScheme, type VersionScheme } from './scheme.ts';

/*
 * NuGet: NuGetVersion as NuGet.Versioning orders it (NuGet/NuGet.Client
 * src/NuGet.Core/NuGet.Versioning/VersionComparer.cs, default mode). SemVer 2.0.0 plus a fourth
 * "revision" number (1.0 == 1.0.0 == 1.0.0.0), leading zeros allowed (1.01 == 1.1), prerelease
 * labels compared case-insensitively (1.0.0-BETA == 1.0.0-beta), build metadata ignored.
 */

interface NuGetVersion {
  readonly numbers: readonly [string, string, string, string];
  readonly labels: readonly string[];
  readonly text: string;
}

const PATTERN =
  /^(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

const INT32_MAX = '2147483647';

function fitsInt32(digits: string): boolean {
  return compareDigits(digits, INT32_MAX) <= 0;
}

function parseNuGet(version: string): NuGetVersion | null {
  const m = PATTERN.exec(version.trim());
  if (!m) return null;
  const numbers = [m[1]!, m[2] ?? '0', m[3] ?? '0', m[4] ?? '0'] as const;
  // Each part is a System.Int32 in NuGet.
  if (!numbers.every(fitsInt32)) return null;
  return { numbers, labels: m[5] ? m[5].split('.') : [], text: version.trim() };
}

/** `int.TryParse` of a label: digits with an optional minus, within Int32. */
function labelNumber(label: string): number | null {
  if (!/^-?\d+$/.test(label)) return null;
  const n = Number(label);
  return n >= -2147483648 && n <= 2147483647 ? n : null;
}

// VersionComparer.CompareRelease: numbers numerically and below words; words with
// StringComparer.OrdinalIgnoreCase (upper-cased ordinal comparison).
function compareLabel(a: string, b: string): number {
  const x = labelNumber(a);
  const y = labelNumber(b);
  if (x !== null && y !== null) return x === y ? 0 : x < y ? -1 : 1;
  if (x !== null) return -1;
  if (y !== null) return 1;
  return compareStrings(a.toUpperCase(), b.toUpperCase());
}

function compareNuGet(a: NuGetVersion, b: NuGetVersion): number {
  for (let i = 0; i < 4; i++) {
    const c = compareDigits(a.numbers[i]!, b.numbers[i]!);
    if (c !== 0) return c;
  }
  if (a.labels.length === 0 || b.labels.length === 0) {
    return a.labels.length === b.labels.length ? 0 : a.labels.length === 0 ? 1 : -1;
  }
  const n = Math.min(a.labels.length, b.labels.length);
  for (let i = 0; i < n; i++) {
    const c = compareLabel(a.labels[i]!, b.labels[i]!);
    if (c !== 0) return c;
  }
  return a.labels.length === b.labels.length ? 0 : a.labels.length < b.labels.length ? -1 : 1;
}

/** NuGet's normalized form (NuGetVersion.ToNormalizedString): three or four numbers, no metadata. */
function normalizeNuGet(v: NuGetVersion): string {
  const [major, minor, patch, revision] = v.numbers.map((n) => n.replace(/^0+(?=\d)/, ''));
  let s = `${major}.${minor}.${patch}`;
  if (revision !== '0') s += `.${revision}`;
  if (v.labels.length > 0) s += `-${v.labels.join('.')}`;
  return s;
}

export const nugetScheme: VersionScheme = defineScheme<NuGetVersion>({
  name: 'NuGet',
  parse: parseNuGet,
  compare: compareNuGet,
  normalize: normalizeNuGet,
});
