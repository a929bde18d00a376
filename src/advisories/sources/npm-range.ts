import semver from 'semver';
import type { OsvAffected, OsvEvent, OsvRange } from '../../model/index.ts';

/**
 * An npm advisory's `vulnerable_versions` (a node-semver range) as an OSV `affected` entry: one
 * SEMVER range per comparator set, `introduced` from `>=` (or "0"), `fixed` from `<`,
 * `last_affected` from `<=`, both from an exact version. Sets that these events cannot say
 * exactly (`>1.2.3`, two lower bounds, …) become the explicit list of the `queried` versions that
 * satisfy them, so matching stays exact for what was asked. The range as written is kept in
 * `database_specific.vulnerable_versions`. Returns undefined when the range does not parse.
 */
export function affectedFromNpmRange(
  name: string,
  vulnerableVersions: string,
  queried: readonly string[],
): OsvAffected | undefined {
  let range: semver.Range;
  try {
    range = new semver.Range(vulnerableVersions);
  } catch {
    return undefined;
  }
  const ranges: OsvRange[] = [];
  const versions = new Set<string>();
  for (const set of range.set) {
    const events = eventsOf(set);
    if (events) {
      ranges.push({ type: 'SEMVER', events });
      continue;
    }
    const inexact = new semver.Range(set.map((c) => c.value).join(' '));
    for (const version of queried) if (inexact.test(version)) versions.add(version);
  }
  return {
    package: { ecosystem: 'npm', name },
    ...(ranges.length > 0 ? { ranges } : {}),
    ...(versions.size > 0 ? { versions: [...versions].sort(semver.compareLoose) } : {}),
    database_specific: { vulnerable_versions: vulnerableVersions },
  };
}

/** The events of one comparator set, or undefined when they cannot express it exactly. */
function eventsOf(set: readonly semver.Comparator[]): OsvEvent[] | undefined {
  let lower: string | undefined;
  let upper: OsvEvent | undefined;
  for (const comparator of set) {
    if (comparator.value === '') continue; // `*`: no bound
    const version = comparator.semver.version;
    switch (comparator.operator) {
      case '>=':
        if (lower !== undefined) return undefined;
        lower = version;
        break;
      case '<':
        if (upper !== undefined) return undefined;
        upper = { fixed: version };
        break;
      case '<=':
        if (upper !== undefined) return undefined;
        upper = { last_affected: version };
        break;
      case '':
      case '=':
        if (lower !== undefined || upper !== undefined) return undefined;
        lower = version;
        upper = { last_affected: version };
        break;
      default:
        return undefined; // '>': the first version above is not nameable as an event
    }
  }
  const bound = upper?.fixed ?? upper?.last_affected;
  if (lower !== undefined && bound !== undefined && semver.gt(lower, bound)) return undefined;
  return [{ introduced: lower ?? '0' }, ...(upper ? [upper] : [])];
}
