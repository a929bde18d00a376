import type { Ecosystem, EpssScore, KevEntry, OsvRecord } from '../../model/index.ts';
import { type AdvisoryLookup, normalizePackageName } from '../lookup.ts';
import { baseEcosystem } from '../store/builder.ts';

export interface LikelihoodSignals {
  epss?: ReadonlyMap<string, EpssScore>;
  kev?: ReadonlyMap<string, KevEntry>;
}

/**
 * Advisories held in memory, indexed the way the store indexes them (base ecosystem + normal
 * name of every affected package). What the online sources return, and the test double of matching.
 */
export class MemoryLookup implements AdvisoryLookup {
  /** One record per id, in first-seen order. */
  readonly records: readonly OsvRecord[];
  private readonly index = new Map<string, OsvRecord[]>();
  private readonly signals: LikelihoodSignals;

  /**
   * When two records share an id (the same GHSA from two sources), the one modified last wins;
   * on a tie, the first given.
   */
  constructor(records: Iterable<OsvRecord>, signals: LikelihoodSignals = {}) {
    const byId = new Map<string, OsvRecord>();
    for (const record of records) {
      const seen = byId.get(record.id);
      if (!seen || newer(record.modified, seen.modified)) byId.set(record.id, record);
    }
    this.records = [...byId.values()];
    this.signals = signals;
    for (const record of this.records) {
      const keys = new Set<string>();
      for (const affected of record.affected ?? []) {
        if (!affected.package) continue;
        const ecosystem = baseEcosystem(affected.package.ecosystem);
        keys.add(key(ecosystem, affected.package.name));
      }
      for (const k of keys) {
        const list = this.index.get(k);
        if (list) list.push(record);
        else this.index.set(k, [record]);
      }
    }
  }

  lookup(ecosystem: Ecosystem, name: string): OsvRecord[] {
    return [...(this.index.get(key(ecosystem, name)) ?? [])];
  }

  epss(cve: string): EpssScore | undefined {
    return this.signals.epss?.get(cve);
  }

  kev(cve: string): KevEntry | undefined {
    return this.signals.kev?.get(cve);
  }
}

function key(ecosystem: string, name: string): string {
  return `${ecosystem}\u0000${normalizePackageName(ecosystem, name)}`;
}

/** RFC 3339 instants compared as time; unparsable ones never win. */
function newer(a: string, b: string): boolean {
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  return !Number.isNaN(ta) && (Number.isNaN(tb) || ta > tb);
}
