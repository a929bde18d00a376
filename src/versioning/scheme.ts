/**
 * A version scheme: how one ecosystem spells and orders versions. Each scheme parses a version
 * string once into a private representation and compares those; `defineScheme` wraps that pair
 * with a bounded parse cache so that range evaluation over many advisories stays cheap.
 */
export interface VersionScheme {
  /** Short name of the ordering, for messages: "semver", "PEP 440", "Maven ComparableVersion". */
  readonly name: string;
  isValid(version: string): boolean;
  /** Negative, zero or positive; throws `InvalidVersionError` when either side is not valid. */
  compare(a: string, b: string): number;
  /** A canonical spelling where the scheme has one (e.g. PEP 440 `1.0a1` for `1.0-alpha.1`). */
  normalize?(version: string): string;
}

/** A version for a one-line message: quoted, escaped, and cut short if it is long. */
export function quoteVersion(version: string): string {
  return JSON.stringify(version.length > 80 ? `${version.slice(0, 80)}…` : version);
}

/** Thrown by a scheme for a string it cannot parse; the public API turns it into a PalisadeError. */
export class InvalidVersionError extends Error {
  readonly version: string;
  readonly scheme: string;

  constructor(scheme: string, version: string) {
    super(`${quoteVersion(version)} is not a valid ${scheme} version`);
    this.name = 'InvalidVersionError';
    this.scheme = scheme;
    this.version = version;
  }
}

/** How a scheme is written: parse (null when invalid) and compare two parsed values. */
export interface SchemeDefinition<P> {
  readonly name: string;
  parse(version: string): P | null;
  compare(a: P, b: P): number;
  normalize?(parsed: P, version: string): string;
}

/** Upper bound on cached parses per scheme; a scan touches far fewer distinct versions. */
export const CACHE_LIMIT = 20_000;

/** Versions longer than this are rejected outright: no real version is, and it bounds parse cost. */
export const MAX_VERSION_LENGTH = 256;

const INVALID = Symbol('invalid');

function remember<V>(cache: Map<string, V>, key: string, value: V): void {
  if (cache.size >= CACHE_LIMIT) {
    // Insertion order makes the first key the oldest: a cheap FIFO eviction.
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
  cache.set(key, value);
}

export function defineScheme<P>(definition: SchemeDefinition<P>): VersionScheme {
  const cache = new Map<string, P | typeof INVALID>();

  const lookup = (version: string): P | typeof INVALID => {
    const hit = cache.get(version);
    if (hit !== undefined) return hit;
    const parsed =
      version.length === 0 || version.length > MAX_VERSION_LENGTH ? null : definition.parse(version);
    const value = parsed ?? INVALID;
    remember(cache, version, value);
    return value;
  };

  const parsedOrThrow = (version: string): P => {
    const parsed = lookup(version);
    if (parsed === INVALID) throw new InvalidVersionError(definition.name, version);
    return parsed;
  };

  const scheme: VersionScheme = {
    name: definition.name,
    isValid: (version) => lookup(version) !== INVALID,
    compare: (a, b) => definition.compare(parsedOrThrow(a), parsedOrThrow(b)),
  };
  const normalize = definition.normalize;
  if (!normalize) return scheme;
  const normalized = new Map<string, string>();
  return {
    ...scheme,
    normalize: (version) => {
      let out = normalized.get(version);
      if (out === undefined) {
        out = normalize(parsedOrThrow(version), version);
        remember(normalized, version, out);
      }
      return out;
    },
  };
}
