import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import {
  type Ecosystem,
  type EpssScore,
  type KevEntry,
  type OsvRecord,
  PalisadeError,
} from '../../model/index.ts';
import { type AdvisoryLookup, normalizePackageName } from '../lookup.ts';
import {
  CURRENT_FILE,
  EPSS_FILE,
  generationDir,
  INDEX_FILE,
  KEV_FILE,
  MANIFEST_FILE,
  type PackageIndex,
  RECORDS_FILE,
  STORE_FORMAT,
  type StoreManifest,
} from './layout.ts';

/**
 * A read-only view of the live generation. Opening reads only the manifest and the package
 * index; records are read by offset when a package is looked up, and EPSS/KEV when first asked.
 */
export class AdvisoryStore implements AdvisoryLookup {
  readonly manifest: StoreManifest;
  readonly dir: string;
  private readonly index: PackageIndex;
  private readonly fd: number;
  private readonly parsed = new Map<number, OsvRecord>();
  private epssScores: Record<string, [number, number]> | undefined;
  private epssDate = '';
  private kevEntries: Map<string, KevEntry> | undefined;

  private constructor(dir: string, manifest: StoreManifest, index: PackageIndex) {
    this.dir = dir;
    this.manifest = manifest;
    this.index = index;
    this.fd = openSync(join(dir, RECORDS_FILE), 'r');
  }

  /** Opens the database under `root`, or returns undefined when none was ever built there. */
  static open(root: string): AdvisoryStore | undefined {
    const pointer = join(root, CURRENT_FILE);
    if (!existsSync(pointer)) return undefined;
    const dir = generationDir(root, readFileSync(pointer, 'utf8').trim());
    try {
      const manifest = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8')) as StoreManifest;
      if (manifest.format !== STORE_FORMAT) {
        throw new Error(`format ${manifest.format}, expected ${STORE_FORMAT}`);
      }
      const index = JSON.parse(readFileSync(join(dir, INDEX_FILE), 'utf8')) as PackageIndex;
      return new AdvisoryStore(dir, manifest, index);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new PalisadeError(
        'input',
        `${dir}: the advisory database is unreadable (${reason}); run \`palisade db update\` to rebuild it`,
      );
    }
  }

  lookup(ecosystem: Ecosystem, name: string): OsvRecord[] {
    const refs = this.index[ecosystem]?.[normalizePackageName(ecosystem, name)];
    if (!refs) return [];
    return refs.map(([offset, length]) => this.record(offset, length));
  }

  /** Every stored record, in storage order: for carrying records into a new generation. */
  *records(): Generator<OsvRecord> {
    const text = readFileSync(join(this.dir, RECORDS_FILE), 'utf8');
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      yield JSON.parse(text.slice(start, end)) as OsvRecord;
      start = end + 1;
    }
  }

  epss(cve: string): EpssScore | undefined {
    if (!this.epssScores) {
      const file = join(this.dir, EPSS_FILE);
      const data = existsSync(file)
        ? (JSON.parse(readFileSync(file, 'utf8')) as {
            date: string;
            scores: Record<string, [number, number]>;
          })
        : { date: '', scores: {} };
      this.epssScores = data.scores;
      this.epssDate = data.date;
    }
    const entry = this.epssScores[cve];
    return entry ? { score: entry[0], percentile: entry[1], date: this.epssDate } : undefined;
  }

  kev(cve: string): KevEntry | undefined {
    if (!this.kevEntries) {
      const file = join(this.dir, KEV_FILE);
      const entries = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as KevEntry[]) : [];
      this.kevEntries = new Map(entries.map((e) => [e.cveId, e]));
    }
    return this.kevEntries.get(cve);
  }

  close(): void {
    closeSync(this.fd);
  }

  private record(offset: number, length: number): OsvRecord {
    const cached = this.parsed.get(offset);
    if (cached) return cached;
    const buffer = Buffer.allocUnsafe(length);
    readSync(this.fd, buffer, 0, length, offset);
    const record = JSON.parse(buffer.toString('utf8')) as OsvRecord;
    this.parsed.set(offset, record);
    return record;
  }
}
