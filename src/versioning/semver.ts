import { compareDigits, compareStrings } from './numeric.ts';
import { defineScheme, type VersionScheme } from './scheme.ts';

/** One dot-separated identifier of a prerelease or build tag. */
export interface Identifier {
  readonly text: string;
  readonly numeric: boolean;
}

export interface SemVer {
  readonly major: string;
  readonly minor: string;
  readonly patch: string;
  readonly pre: readonly Identifier[];
  readonly build: readonly Identifier[];
}

// The grammar of https://semver.org/#backusnaur-form-grammar-for-valid-semver-versions (the
// regex the spec itself suggests): no leading zeros in numbers, non-empty identifiers.
const STRICT =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

export function identifiers(tag: string | undefined): Identifier[] {
  if (tag === undefined || tag === '') return [];
  return tag.split('.').map((text) => ({ text, numeric: /^\d+$/.test(text) }));
}

/** Parses a SemVer 2.0.0 version exactly as the specification spells it (no `v`, no padding). */
export function parseSemVer(version: string): SemVer | null {
  const m = STRICT.exec(version);
  if (!m) return null;
  return { major: m[1]!, minor: m[2]!, patch: m[3]!, pre: identifiers(m[4]), build: identifiers(m[5]) };
}

/** SemVer 2.0.0 §11: numeric identifiers numerically, below alphanumeric ones, which sort in ASCII order. */
export function compareIdentifier(a: Identifier, b: Identifier): number {
  if (a.numeric && b.numeric) return compareDigits(a.text, b.text);
  if (a.numeric) return -1;
  if (b.numeric) return 1;
  return compareStrings(a.text, b.text);
}

/** Lexicographic over identifiers; with an equal prefix the shorter list sorts first. */
export function compareIdentifierLists(
  a: readonly Identifier[],
  b: readonly Identifier[],
  compare: (x: Identifier, y: Identifier) => number = compareIdentifier,
): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compare(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

export function compareCore(a: SemVer, b: SemVer): number {
  return (
    compareDigits(a.major, b.major) || compareDigits(a.minor, b.minor) || compareDigits(a.patch, b.patch)
  );
}

/** SemVer 2.0.0 precedence: build metadata is ignored, a prerelease sorts below its release. */
export function compareSemVer(a: SemVer, b: SemVer): number {
  const core = compareCore(a, b);
  if (core !== 0) return core;
  if (a.pre.length === 0 || b.pre.length === 0) {
    return a.pre.length === b.pre.length ? 0 : a.pre.length === 0 ? 1 : -1;
  }
  return compareIdentifierLists(a.pre, b.pre);
}

export function formatSemVer(v: SemVer, withBuild = true): string {
  let s = `${v.major}.${v.minor}.${v.patch}`;
  if (v.pre.length > 0) s += `-${v.pre.map((i) => i.text).join('.')}`;
  if (withBuild && v.build.length > 0) s += `+${v.build.map((i) => i.text).join('.')}`;
  return s;
}

/** crates.io and Hex: SemVer 2.0.0 as specified (Cargo's `semver` crate, Elixir's `Version`). */
export const semverScheme: VersionScheme = defineScheme<SemVer>({
  name: 'SemVer 2.0.0',
  parse: parseSemVer,
  compare: compareSemVer,
  normalize: (v) => formatSemVer(v),
});

/**
 * Ordering for OSV `SEMVER` ranges, whatever the ecosystem. OSV drops the `v` of Go versions in
 * events while Go modules keep it, so a leading `v` is accepted here; nothing else is relaxed.
 */
export const osvSemverScheme: VersionScheme = defineScheme<SemVer>({
  name: 'SemVer 2.0.0',
  parse: (version) => parseSemVer(version.charCodeAt(0) === 118 ? version.slice(1) : version),
  compare: compareSemVer,
  normalize: (v) => formatSemVer(v),
});
