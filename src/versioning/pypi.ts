import { parse as parsePep440 } from '@renovatebot/pep440';
import { compareStrings } from './numeric.ts';
import { defineScheme, type VersionScheme } from './scheme.ts';

/**
 * A PEP 440 version reduced to the sort key of `packaging.version.Version._cmpkey`
 * (https://packaging.python.org/en/latest/specifications/version-specifiers/): epoch, release
 * without trailing zeros, then pre/post/dev with the sentinels that put `1.0.dev0 < 1.0a0 <
 * 1.0 < 1.0.post0`, then the local segment.
 */
interface Pep440 {
  readonly epoch: number;
  readonly release: readonly number[];
  /** -Infinity: dev-only release (sorts before any prerelease); +Infinity: no prerelease. */
  readonly preRank: number;
  readonly pre: readonly [string, number] | null;
  readonly post: number;
  readonly dev: number;
  readonly local: readonly (string | number)[] | null;
  readonly raw: RawPep440;
}

/** What `parse` of @renovatebot/pep440 returns at run time (its .d.ts describes `explain` instead). */
interface RawPep440 {
  readonly epoch: number;
  readonly release: readonly number[];
  readonly pre: readonly [string, number] | null;
  readonly post: readonly [string, number] | null;
  readonly dev: readonly [string, number] | null;
  readonly local: readonly (string | number)[] | null;
}

function parseRaw(version: string): RawPep440 | null {
  return parsePep440(version.trim()) as unknown as RawPep440 | null;
}

// The library parses with the canonical PEP 440 regex (case-insensitive, optional `v`, the
// alternate spellings alpha/beta/c/pre/preview/rev/r and the implicit post release `1.0-1`).
function parsePyPI(version: string): Pep440 | null {
  const p = parseRaw(version);
  if (!p) return null;
  const release = [...p.release];
  while (release.length > 0 && release[release.length - 1] === 0) release.pop();
  const post = p.post ? p.post[1] : Number.NEGATIVE_INFINITY;
  const dev = p.dev ? p.dev[1] : Number.POSITIVE_INFINITY;
  const preRank = p.pre ? 0 : !p.post && p.dev ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  return { epoch: p.epoch, release, preRank, pre: p.pre, post, dev, local: p.local, raw: p };
}

function compareNumbers(a: number, b: number): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

function compareRelease(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareNumbers(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return compareNumbers(a.length, b.length);
}

function comparePre(a: Pep440, b: Pep440): number {
  if (a.pre && b.pre) return compareStrings(a.pre[0], b.pre[0]) || compareNumbers(a.pre[1], b.pre[1]);
  return compareNumbers(a.preRank, b.preRank);
}

// PEP 440 local versions: numeric segments above alphanumeric ones, alphanumeric ones in
// lexicographic order, and with an equal prefix the longer one sorts last.
function compareLocal(a: Pep440['local'], b: Pep440['local']): number {
  if (!a || !b) return a === b ? 0 : a ? 1 : -1;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (typeof x === 'number' && typeof y === 'number') {
      const c = compareNumbers(x, y);
      if (c !== 0) return c;
    } else if (typeof x === 'number') return 1;
    else if (typeof y === 'number') return -1;
    else {
      const c = compareStrings(x, y);
      if (c !== 0) return c;
    }
  }
  return compareNumbers(a.length, b.length);
}

function comparePyPI(a: Pep440, b: Pep440): number {
  return (
    compareNumbers(a.epoch, b.epoch) ||
    compareRelease(a.release, b.release) ||
    comparePre(a, b) ||
    compareNumbers(a.post, b.post) ||
    compareNumbers(a.dev, b.dev) ||
    compareLocal(a.local, b.local)
  );
}

function formatPyPI(p: RawPep440): string {
  let s = p.epoch !== 0 ? `${p.epoch}!` : '';
  s += p.release.join('.');
  if (p.pre) s += `${p.pre[0]}${p.pre[1]}`;
  if (p.post) s += `.post${p.post[1]}`;
  if (p.dev) s += `.dev${p.dev[1]}`;
  if (p.local) s += `+${p.local.join('.')}`;
  return s;
}

/** PyPI: PEP 440 (the ordering pip and `packaging` use). */
export const pypiScheme: VersionScheme = defineScheme<Pep440>({
  name: 'PEP 440',
  parse: parsePyPI,
  compare: comparePyPI,
  normalize: (p) => formatPyPI(p.raw),
});
