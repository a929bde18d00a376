import { type Ecosystem, PalisadeError } from '../model/index.ts';
import { requireValid } from './compare.ts';
import type { OsvAffected, OsvRange } from './osv-types.ts';
import { schemeFor } from './registry.ts';
import type { VersionScheme } from './scheme.ts';
import { osvSemverScheme } from './semver.ts';

/*
 * OSV range evaluation (https://ossf.github.io/osv-schema/#evaluation): a version is affected
 * when it is listed in `versions` or lies in one of the SEMVER/ECOSYSTEM ranges. GIT ranges
 * name commits, not versions, and are left to a matcher that has the repository.
 *
 * The schema's algorithm walks the events sorted by version and keeps the status set by the last
 * one that applies (introduced: v >= e; fixed: v >= e; last_affected: v > e). That is the status
 * of the greatest applicable event, which one pass finds without sorting. Events at equal
 * versions keep their record order (the schema's `sorted` is Python's, which is stable): so
 * `fixed: X, introduced: X` joins two ranges at X, and `introduced: X, fixed: X` is empty.
 */

type EventKind = 'introduced' | 'fixed' | 'last_affected' | 'limit';
const EVENT_KINDS: readonly EventKind[] = ['introduced', 'fixed', 'last_affected', 'limit'];

interface Event {
  readonly kind: EventKind;
  readonly version: string;
}

function describe(affected: OsvAffected): string {
  const pkg = affected.package;
  return pkg ? `OSV range of ${pkg.ecosystem}/${pkg.name}` : 'OSV range';
}

function readEvent(raw: unknown, affected: OsvAffected): Event {
  if (raw !== null && typeof raw === 'object') {
    let kind: EventKind | undefined;
    let count = 0;
    for (const k of EVENT_KINDS) {
      if (k in raw) {
        kind = k;
        count++;
      }
    }
    const version = kind === undefined ? undefined : (raw as Record<string, unknown>)[kind];
    if (count === 1 && kind !== undefined && typeof version === 'string') return { kind, version };
  }
  throw new PalisadeError(
    'input',
    `${describe(affected)}: each event needs exactly one of introduced, fixed, last_affected or limit, as a string; fix the advisory record`,
  );
}

function schemeOf(ecosystem: Ecosystem, range: OsvRange): VersionScheme | undefined {
  if (range.type === 'SEMVER') return osvSemverScheme;
  if (range.type === 'ECOSYSTEM') return schemeFor(ecosystem);
  return undefined;
}

function inRange(
  ecosystem: Ecosystem,
  scheme: VersionScheme,
  version: string,
  range: OsvRange,
  affected: OsvAffected,
): boolean {
  let best: Event | undefined;
  let hasLimit = false;
  let beforeLimit = false;
  for (const raw of range.events) {
    const event = readEvent(raw, affected);
    // "0" is the schema's "before every version" and needs no parsing.
    const earliest = event.kind === 'introduced' && event.version === '0';
    if (event.kind === 'limit' && event.version.includes('*')) {
      hasLimit = true;
      beforeLimit = true;
      continue;
    }
    if (!earliest) requireValid(ecosystem, scheme, event.version, `${describe(affected)}: ${event.kind} `);
    const c = earliest ? 1 : scheme.compare(version, event.version);
    if (event.kind === 'limit') {
      hasLimit = true;
      if (c < 0) beforeLimit = true;
      continue;
    }
    const applies = event.kind === 'last_affected' ? c > 0 : c >= 0;
    if (applies && (best === undefined || sortsAfter(scheme, event, best))) best = event;
  }
  if (hasLimit && !beforeLimit) return false;
  return best?.kind === 'introduced';
}

function sortsAfter(scheme: VersionScheme, event: Event, than: Event): boolean {
  const earliest = (e: Event) => e.kind === 'introduced' && e.version === '0';
  if (earliest(event)) return false;
  if (earliest(than)) return true;
  return scheme.compare(event.version, than.version) >= 0;
}

// The schema compares `versions` entries as strings. Where a scheme has a canonical spelling,
// that is used too (PyPI `1.1-Alpha.1` is the listed `1.1a1`). The normalized set is cached per
// list: records are parsed once and evaluated many times.
const listSets = new WeakMap<readonly string[], WeakMap<VersionScheme, ReadonlySet<string>>>();

function listed(scheme: VersionScheme, version: string, versions: readonly string[]): boolean {
  let byScheme = listSets.get(versions);
  if (!byScheme) {
    byScheme = new WeakMap();
    listSets.set(versions, byScheme);
  }
  let set = byScheme.get(scheme);
  if (!set) {
    const normalize = scheme.normalize;
    const spellings = normalize ? versions.filter((v) => scheme.isValid(v)).map((v) => normalize(v)) : [];
    set = new Set([...versions, ...spellings]);
    byScheme.set(scheme, set);
  }
  if (set.has(version)) return true;
  return scheme.normalize !== undefined && scheme.isValid(version) && set.has(scheme.normalize(version));
}

/**
 * Whether `version` of a package in `ecosystem` is affected by one OSV `affected[]` entry (the
 * caller has matched the package). Throws PalisadeError('input') when a range must be evaluated
 * and the version, or one of the range's events, is not valid in the range's ordering.
 */
export function isAffected(ecosystem: Ecosystem, version: string, affected: OsvAffected): boolean {
  if (affected.versions && listed(schemeFor(ecosystem), version, affected.versions)) return true;
  for (const range of affected.ranges ?? []) {
    const scheme = schemeOf(ecosystem, range);
    if (!scheme) continue;
    requireValid(ecosystem, scheme, version);
    if (inRange(ecosystem, scheme, version, range, affected)) return true;
  }
  return false;
}

/** The `fixed` versions of an entry's SEMVER and ECOSYSTEM ranges, once each, in record order. */
export function fixedVersions(affected: OsvAffected): string[] {
  const out = new Set<string>();
  for (const range of affected.ranges ?? []) {
    if (range.type === 'GIT') continue;
    for (const event of range.events) {
      if ('fixed' in event && typeof event.fixed === 'string') out.add(event.fixed);
    }
  }
  return [...out];
}
