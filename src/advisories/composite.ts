import type { Ecosystem, EpssScore, KevEntry, OsvRecord } from '../model/index.ts';
import type { AdvisoryLookup } from './lookup.ts';

/** Several sources as one: records are merged by id (first source wins), signals from the first that has them. */
export class CompositeLookup implements AdvisoryLookup {
  private readonly sources: readonly AdvisoryLookup[];

  constructor(sources: readonly AdvisoryLookup[]) {
    this.sources = sources;
  }

  async lookup(ecosystem: Ecosystem, name: string): Promise<OsvRecord[]> {
    const byId = new Map<string, OsvRecord>();
    for (const source of this.sources) {
      for (const record of await source.lookup(ecosystem, name))
        if (!byId.has(record.id)) byId.set(record.id, record);
    }
    return [...byId.values()];
  }

  epss(cve: string): EpssScore | undefined {
    for (const source of this.sources) {
      const score = source.epss(cve);
      if (score) return score;
    }
    return undefined;
  }

  kev(cve: string): KevEntry | undefined {
    for (const source of this.sources) {
      const entry = source.kev(cve);
      if (entry) return entry;
    }
    return undefined;
  }
}
