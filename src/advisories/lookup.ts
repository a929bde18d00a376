import type { Ecosystem, EpssScore, KevEntry, OsvRecord } from '../model/index.ts';

/**
 * What matching needs from an advisory source: the records that name a package, and the
 * likelihood signals for a CVE. The local store, the OSV API client and test doubles implement it,
 * so matching never knows where advisories come from.
 */
export interface AdvisoryLookup {
  /** Records whose `affected[]` names this package (name compared in its ecosystem's normal form). */
  lookup(ecosystem: Ecosystem, name: string): OsvRecord[] | Promise<OsvRecord[]>;
  epss(cve: string): EpssScore | undefined;
  kev(cve: string): KevEntry | undefined;
}

/**
 * The form in which package names are compared: PyPI names per PEP 503, lowercase where the
 * ecosystem is case-insensitive, as written elsewhere.
 */
export function normalizePackageName(ecosystem: Ecosystem | string, name: string): string {
  switch (ecosystem) {
    case 'PyPI':
      return name.toLowerCase().replace(/[-_.]+/g, '-');
    case 'NuGet':
    case 'Packagist':
    case 'crates.io':
      return name.toLowerCase();
    default:
      return name;
  }
}
