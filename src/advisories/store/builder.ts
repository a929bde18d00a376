import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { EpssScore, KevEntry, OsvRecord } from '../../model/index.ts';
import { normalizePackageName } from '../lookup.ts';
import {
  CURRENT_FILE,
  type EcosystemManifest,
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

/** The ecosystem an OSV `affected[].package.ecosystem` belongs to: "Debian:12" -> "Debian". */
export function baseEcosystem(ecosystem: string): string {
  const colon = ecosystem.indexOf(':');
  return colon < 0 ? ecosystem : ecosystem.slice(0, colon);
}

/**
 * Writes a new generation of the database. Nothing is visible to readers until `commit`, which
 * fsyncs the generation and swaps CURRENT by rename; `abort` removes the partial generation.
 */
export class StoreBuilder {
  private readonly root: string;
  private readonly name: string;
  private readonly dir: string;
  private readonly fd: number;
  private offset = 0;
  private readonly index: PackageIndex = {};
  private readonly seen = new Set<string>();
  private readonly stats = new Map<string, { count: number; lastModified: string }>();
  private epss: StoreManifest['epss'];
  private kev: StoreManifest['kev'];
  private closed = false;

  constructor(root: string) {
    this.root = root;
    this.name = `gen-${Date.now()}-${process.pid}`;
    this.dir = generationDir(root, this.name);
    mkdirSync(this.dir, { recursive: true });
    this.fd = openSync(join(this.dir, RECORDS_FILE), 'w');
  }

  /** Adds a record once (by id); records are indexed under every package they name. */
  add(record: OsvRecord): void {
    if (this.seen.has(record.id)) return;
    this.seen.add(record.id);
    const bytes = Buffer.from(`${JSON.stringify(record)}\n`);
    writeSync(this.fd, bytes);
    const ref: [number, number] = [this.offset, bytes.length - 1];
    this.offset += bytes.length;
    const keys = new Set<string>();
    const ecosystems = new Set<string>();
    for (const affected of record.affected ?? []) {
      if (!affected.package) continue;
      const ecosystem = baseEcosystem(affected.package.ecosystem);
      const key = `${ecosystem}\u0000${normalizePackageName(ecosystem, affected.package.name)}`;
      if (keys.has(key)) continue;
      keys.add(key);
      if (!ecosystems.has(ecosystem)) this.countRecord(ecosystem, record.modified);
      ecosystems.add(ecosystem);
      const name = normalizePackageName(ecosystem, affected.package.name);
      const byName = this.index[ecosystem] ?? {};
      this.index[ecosystem] = byName;
      const refs = byName[name];
      if (refs) refs.push(ref);
      else byName[name] = [ref];
    }
  }

  has(id: string): boolean {
    return this.seen.has(id);
  }

  /** Records added so far. */
  get count(): number {
    return this.seen.size;
  }

  private countRecord(ecosystem: string, modified: string): void {
    const stat = this.stats.get(ecosystem);
    if (!stat) this.stats.set(ecosystem, { count: 1, lastModified: modified });
    else {
      stat.count++;
      if (modified > stat.lastModified) stat.lastModified = modified;
    }
  }

  setEpss(scores: Map<string, EpssScore>, source: string): void {
    const date = scores.values().next().value?.date ?? '';
    const compact: Record<string, [number, number]> = {};
    for (const [cve, s] of scores) compact[cve] = [s.score, s.percentile];
    writeFileSync(join(this.dir, EPSS_FILE), JSON.stringify({ date, scores: compact }));
    this.epss = { date, count: scores.size, source };
  }

  setKev(entries: KevEntry[], version: string, source: string): void {
    writeFileSync(join(this.dir, KEV_FILE), JSON.stringify(entries));
    this.kev = { version, count: entries.length, source };
  }

  /** Copies EPSS/KEV files of a previous generation that this update does not refresh. */
  carryOver(previousDir: string, manifest: StoreManifest): void {
    if (!this.epss && manifest.epss) {
      writeFileSync(join(this.dir, EPSS_FILE), readText(join(previousDir, EPSS_FILE)));
      this.epss = manifest.epss;
    }
    if (!this.kev && manifest.kev) {
      writeFileSync(join(this.dir, KEV_FILE), readText(join(previousDir, KEV_FILE)));
      this.kev = manifest.kev;
    }
  }

  /**
   * Makes the generation live. `provenance` says where each ecosystem's records came from; an
   * ecosystem carried over unchanged keeps the provenance it had.
   */
  commit(provenance: (ecosystem: string) => Pick<EcosystemManifest, 'source' | 'updatedAt'>): StoreManifest {
    this.close();
    const ecosystems: Record<string, EcosystemManifest> = {};
    for (const [ecosystem, stat] of [...this.stats].sort(([a], [b]) => (a < b ? -1 : 1))) {
      ecosystems[ecosystem] = { ...stat, ...provenance(ecosystem) };
    }
    const manifest: StoreManifest = {
      format: STORE_FORMAT,
      createdAt: new Date().toISOString(),
      ecosystems,
      ...(this.epss ? { epss: this.epss } : {}),
      ...(this.kev ? { kev: this.kev } : {}),
    };
    writeDurable(join(this.dir, INDEX_FILE), JSON.stringify(this.index));
    writeDurable(join(this.dir, MANIFEST_FILE), JSON.stringify(manifest, null, 2));
    const pointer = join(this.root, `${CURRENT_FILE}.${process.pid}.tmp`);
    writeDurable(pointer, this.name);
    renameSync(pointer, join(this.root, CURRENT_FILE));
    removeOtherGenerations(this.root, this.name);
    return manifest;
  }

  abort(): void {
    this.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    fsyncSync(this.fd);
    closeSync(this.fd);
  }
}

function writeDurable(path: string, text: string): void {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function readText(path: string): string {
  return readFileSync(path, 'utf8');
}

/** Old generations go once the new one is live; open readers keep their files until they close. */
function removeOtherGenerations(root: string, keep: string): void {
  for (const entry of readdirSync(root)) {
    if (entry.startsWith('gen-') && entry !== keep)
      rmSync(join(root, entry), { recursive: true, force: true });
  }
}
