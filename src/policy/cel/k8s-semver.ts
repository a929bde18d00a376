import semver from 'semver';
import { fail } from './errors.ts';
import type { LibraryContext } from './libraries.ts';

/** A semantic version as blang/semver (Kubernetes' parser) accepts it: strictly `MAJOR.MINOR.PATCH[-pre][+build]`. */
export class Semver {
  readonly version: semver.SemVer;

  constructor(version: semver.SemVer) {
    this.version = version;
  }

  compareTo(other: Semver): bigint {
    return BigInt(this.version.compare(other.version));
  }

  equals(other: unknown): boolean {
    return other instanceof Semver && this.compareTo(other) === 0n;
  }

  toString(): string {
    return this.version.version;
  }
}

const STRICT =
  /^\d+\.\d+\.\d+(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

/** Parses like `semver.Parse`, or with `normalize` like Kubernetes' `normalizeAndParse`. Returns an error message on failure. */
export function parseSemver(text: string, normalize = false): Semver | string {
  let s = text;
  if (normalize) {
    const n = normalizeVersion(s);
    if (n.error) return n.error;
    s = n.text;
  }
  // blang/semver refuses what npm's parser tolerates: a `v` prefix, whitespace, leading zeros.
  if (!STRICT.test(s)) return `Invalid character(s) found in version ${JSON.stringify(s)}`;
  const core = s.split(/[-+]/, 1)[0] as string;
  if (core.split('.').some((p) => p.length > 1 && p.startsWith('0'))) {
    return `Version segment starts with 0: ${JSON.stringify(s)}`;
  }
  const pre = /-([^+]*)/.exec(s)?.[1];
  if (pre?.split('.').some((p) => /^\d+$/.test(p) && p.length > 1 && p.startsWith('0'))) {
    return `Numeric PreRelease version must not contain leading zeroes ${JSON.stringify(pre)}`;
  }
  const parsed = semver.parse(s);
  return parsed ? new Semver(parsed) : `Invalid version ${JSON.stringify(s)}`;
}

function normalizeVersion(input: string): { text: string; error?: string } {
  const s = input.startsWith('v') ? input.slice(1) : input;
  const parts = splitN(s, '.', 3).map((p) => {
    if (p.length <= 1) return p;
    const trimmed = p.replace(/^0+/, '');
    return trimmed === '' || !/^\d/.test(trimmed) ? `0${trimmed}` : trimmed;
  });
  if (parts.length < 3) {
    if (/[+-]/.test(parts[parts.length - 1] ?? '')) {
      return { text: s, error: 'short version cannot contain PreRelease/Build meta data' };
    }
    while (parts.length < 3) parts.push('0');
  }
  return { text: parts.join('.') };
}

function splitN(s: string, sep: string, n: number): string[] {
  const parts = s.split(sep);
  return parts.length <= n ? parts : [...parts.slice(0, n - 1), parts.slice(n - 1).join(sep)];
}

function semverOrFail(s: string, normalize: boolean): Semver {
  const v = parseSemver(s, normalize);
  return typeof v === 'string' ? fail(v) : v;
}

/** The Kubernetes semver library. */
export function registerSemver(ctx: LibraryContext): void {
  ctx.type('Semver', Semver);
  ctx.equality('Semver');
  ctx.fn('semver(string): Semver', (s: string) => semverOrFail(s, false));
  ctx.fn('semver(string, bool): Semver', (s: string, normalize: boolean) => semverOrFail(s, normalize));
  ctx.fn('isSemver(string): bool', (s: string) => typeof parseSemver(s) !== 'string');
  ctx.fn(
    'isSemver(string, bool): bool',
    (s: string, normalize: boolean) => typeof parseSemver(s, normalize) !== 'string',
  );
  ctx.fn('Semver.major(): int', (v: Semver) => BigInt(v.version.major));
  ctx.fn('Semver.minor(): int', (v: Semver) => BigInt(v.version.minor));
  ctx.fn('Semver.patch(): int', (v: Semver) => BigInt(v.version.patch));
  ctx.fn('Semver.compareTo(Semver): int', (v: Semver, o: Semver) => v.compareTo(o));
  ctx.fn('Semver.isGreaterThan(Semver): bool', (v: Semver, o: Semver) => v.compareTo(o) > 0n);
  ctx.fn('Semver.isLessThan(Semver): bool', (v: Semver, o: Semver) => v.compareTo(o) < 0n);
  ctx.fn('string(Semver): string', (v: Semver) => v.toString());
}
