import { compareDigits, compareStrings } from './numeric.ts';
import { defineScheme, type VersionScheme } from './scheme.ts';

/*
 * RubyGems: a port of Gem::Version (rubygems/rubygems lib/rubygems/version.rb). A version is a
 * series of numeric and alphabetic segments; any letter makes it a prerelease, so `1.0.a < 1.0`.
 * A `-` is rewritten to `.pre.` (so `1.0.0-rc1` is a prerelease of 1.0.0); trailing zero
 * segments and zero segments right before the first letter do not count (`1.0 == 1`,
 * `1.0.a == 1.a`). Numeric segments sort above alphabetic ones; alphabetic ones sort by bytes.
 */

// Gem::Version::ANCHORED_VERSION_PATTERN; the atomic group of the Ruby original is not needed
// here because every repetition must start with a dot.
const PATTERN = /^\s*([0-9]+(?:\.[0-9a-zA-Z]+)*(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?)\s*$/;

type Segment = string | { readonly n: string };

function partition(version: string): Segment[] {
  const out: Segment[] = [];
  for (const m of version.matchAll(/\d+|[a-z]+/gi)) {
    const s = m[0];
    out.push(/^\d/.test(s) ? { n: s } : s);
  }
  return out;
}

function canonicalSegments(version: string): Segment[] {
  // remove trailing 0 segments, using a dot or a letter as anchor
  let canonical = version.replace(/(?<=[a-zA-Z.])[.0]+$/, '');
  // remove 0 segments before the first letter of a prerelease
  if (/[a-zA-Z]/.test(version)) canonical = canonical.replace(/(?<=\.|^)[0.]+(?=[a-zA-Z])/, '');
  return partition(canonical);
}

function parseGem(version: string): Segment[] | null {
  const m = PATTERN.exec(version);
  if (!m) return null;
  return canonicalSegments(m[1]!.replaceAll('-', '.pre.'));
}

const ZERO: Segment = { n: '0' };

function compareGem(a: readonly Segment[], b: readonly Segment[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const l = a[i] ?? ZERO;
    const r = b[i] ?? ZERO;
    if (typeof l === 'string') {
      if (typeof r !== 'string') return -1;
      const c = compareStrings(l, r);
      if (c !== 0) return c;
    } else {
      if (typeof r === 'string') return 1;
      const c = compareDigits(l.n, r.n);
      if (c !== 0) return c;
    }
  }
  return 0;
}

export const rubygemsScheme: VersionScheme = defineScheme<Segment[]>({
  name: 'RubyGems',
  parse: parseGem,
  compare: compareGem,
});
