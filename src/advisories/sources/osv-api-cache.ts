import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** An advisory the OSV API named for a query: its id, and when it last changed. */
export interface VulnRef {
  id: string;
  modified?: string;
}

export interface OsvQuery {
  ecosystem: string;
  name: string;
  version: string;
}

const FORMAT = 1;

/**
 * The OSV API's answers per (ecosystem, name, version), kept so that `--offline` can repeat a scan
 * made online. querybatch is a POST, which the HTTP cache does not keep; the records themselves
 * are GETs and live in the HTTP cache. One file, read once and written once per scan.
 */
export class QueryCache {
  private readonly path: string;
  private answers: Record<string, [string, string?][]> | undefined;

  constructor(cacheDir: string) {
    this.path = join(cacheDir, 'osv-api', 'queries.json');
  }

  get(query: OsvQuery): VulnRef[] | undefined {
    const refs: unknown = this.load()[cacheKey(query)];
    if (!Array.isArray(refs)) return undefined;
    const out: VulnRef[] = [];
    for (const ref of refs as unknown[]) {
      if (!Array.isArray(ref) || typeof ref[0] !== 'string') return undefined; // damaged: ask again
      out.push(typeof ref[1] === 'string' ? { id: ref[0], modified: ref[1] } : { id: ref[0] });
    }
    return out;
  }

  /** Records the answers and writes the file; a concurrent writer may win, which costs only a refetch. */
  save(answers: ReadonlyMap<OsvQuery, readonly VulnRef[]>): void {
    this.answers = undefined;
    const merged = { ...this.load() };
    for (const [query, refs] of answers) {
      merged[cacheKey(query)] = refs.map((r) => (r.modified === undefined ? [r.id] : [r.id, r.modified]));
    }
    mkdirSync(join(this.path, '..'), { recursive: true });
    const temporary = `${this.path}.${process.pid}.tmp`;
    try {
      writeFileSync(temporary, JSON.stringify({ format: FORMAT, answers: merged }));
      renameSync(temporary, this.path);
    } catch {
      rmSync(temporary, { force: true }); // a cache that cannot be written only costs the next offline run
    }
    this.answers = merged;
  }

  private load(): Record<string, [string, string?][]> {
    if (this.answers) return this.answers;
    try {
      const data = JSON.parse(readFileSync(this.path, 'utf8')) as {
        format?: number;
        answers?: Record<string, [string, string?][]>;
      };
      this.answers = data.format === FORMAT && data.answers ? data.answers : {};
    } catch {
      this.answers = {}; // absent or damaged: the cache is only an optimisation
    }
    return this.answers;
  }
}

export function cacheKey(query: OsvQuery): string {
  return JSON.stringify([query.ecosystem, query.name, query.version]);
}
