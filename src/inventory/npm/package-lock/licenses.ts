import { licensesFrom } from '../../license.ts';

/**
 * licensesFrom per entry, remembered by the license string: a lockfile repeats a handful of
 * strings ("MIT", "ISC") thousands of times and SPDX parsing each one again dominated extraction.
 * One cache per extraction, so hostile input cannot grow it beyond its own size.
 */
export class LicenseCache {
  private readonly byString = new Map<string, string[]>();

  of(value: unknown): string[] {
    if (value === undefined) return [];
    if (typeof value !== 'string') return licensesFrom(value);
    let licenses = this.byString.get(value);
    if (!licenses) {
      licenses = licensesFrom(value);
      this.byString.set(value, licenses);
    }
    return licenses;
  }
}
