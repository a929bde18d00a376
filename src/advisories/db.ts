import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { type Ecosystem, type OsvRecord, PalisadeError } from '../model/index.ts';
import type { FetchOptions } from './http.ts';
import { fetchWithRetry } from './http.ts';
import { parseOsvRecord, readOsvZip } from './osv-archive.ts';
import { parseEpss } from './sources/epss.ts';
import { parseKev } from './sources/kev.ts';
import { changedSince, downloadEcosystem, downloadRecord } from './sources/osv-export.ts';
import { baseEcosystem, StoreBuilder } from './store/builder.ts';
import type { StoreManifest } from './store/layout.ts';
import { AdvisoryStore } from './store/reader.ts';

export type DbProgress = (event: { stage: 'osv' | 'epss' | 'kev' | 'commit'; detail: string }) => void;

export interface DbUpdateOptions {
  ecosystems: readonly Ecosystem[];
  osvUrl: string;
  /** false: leave EPSS (or KEV) as the previous generation had it. */
  epssUrl: string | false;
  kevUrl: string | false;
  fetch: FetchOptions;
  onProgress?: DbProgress;
}

/**
 * Refreshes the database under `root` from the network. Each ecosystem is refreshed incrementally
 * when the previous generation knows where it stopped, or downloaded whole otherwise. The previous
 * generation stays live until the new one is complete; any failure leaves it untouched.
 */
export function updateDatabase(root: string, options: DbUpdateOptions): Promise<StoreManifest> {
  return inNewGeneration(root, async (builder, previous) => {
    const refreshed = new Map<string, string>();
    const replaced = new Set<string>();
    for (const ecosystem of options.ecosystems) {
      const since = previous?.manifest.ecosystems[ecosystem]?.lastModified;
      const changed = since ? await changedSince(options.osvUrl, ecosystem, since, options.fetch) : undefined;
      if (changed) {
        for (const id of changed)
          builder.add(await downloadRecord(options.osvUrl, ecosystem, id, options.fetch));
        options.onProgress?.({ stage: 'osv', detail: `${ecosystem}: ${changed.length} changed` });
      } else {
        const count = await downloadEcosystem(options.osvUrl, ecosystem, options.fetch, (r) =>
          builder.add(r),
        );
        replaced.add(ecosystem);
        options.onProgress?.({ stage: 'osv', detail: `${ecosystem}: ${count} advisories` });
      }
      refreshed.set(ecosystem, `${options.osvUrl}/${ecosystem}`);
    }
    if (options.epssUrl) {
      const { body } = await fetchWithRetry(options.epssUrl, options.fetch);
      builder.setEpss(parseEpss(body, options.epssUrl), options.epssUrl);
      options.onProgress?.({ stage: 'epss', detail: options.epssUrl });
    }
    if (options.kevUrl) {
      const { body } = await fetchWithRetry(options.kevUrl, options.fetch);
      const kev = parseKev(body.toString('utf8'), options.kevUrl);
      builder.setKev(kev.entries, kev.version, options.kevUrl);
      options.onProgress?.({ stage: 'kev', detail: `${kev.entries.length} entries` });
    }
    return finish(builder, previous, replaced, refreshed);
  });
}

/**
 * Builds a new generation beside the live one: any failure removes the partial generation and
 * leaves the previous database as it was.
 */
async function inNewGeneration(
  root: string,
  build: (builder: StoreBuilder, previous: AdvisoryStore | undefined) => Promise<StoreManifest>,
): Promise<StoreManifest> {
  const previous = AdvisoryStore.open(root);
  const builder = new StoreBuilder(root);
  try {
    return await build(builder, previous);
  } catch (error) {
    builder.abort();
    throw error;
  } finally {
    previous?.close();
  }
}

/**
 * Imports advisories for air-gapped installs: an OSV export archive (`all.zip`) or a directory of
 * OSV JSON records, which may also hold the KEV catalog (`known_exploited_vulnerabilities.json`)
 * and an EPSS file (`epss_scores*.csv[.gz]`). Ecosystems present in the import replace the stored ones.
 */
export async function importDatabase(root: string, source: string): Promise<StoreManifest> {
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(source);
  } catch {
    throw new PalisadeError(
      'usage',
      `${source}: no such file or directory; give an OSV all.zip or a directory of OSV records`,
    );
  }
  return inNewGeneration(root, async (builder, previous) => {
    const replaced = new Set<string>();
    const collect = (record: OsvRecord): void => {
      for (const a of record.affected ?? []) if (a.package) replaced.add(baseEcosystem(a.package.ecosystem));
      builder.add(record);
    };
    if (stat.isDirectory()) importDirectory(source, builder, collect);
    else await readOsvZip(readFileSync(source), source, collect);
    const refreshed = new Map([...replaced].map((e) => [e, `import ${basename(source)}`]));
    return finish(builder, previous, replaced, refreshed);
  });
}

function importDirectory(dir: string, builder: StoreBuilder, collect: (record: OsvRecord) => void): void {
  for (const relative of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const path = join(dir, relative);
    const name = basename(relative);
    if (!statSync(path).isFile()) continue;
    if (name === 'known_exploited_vulnerabilities.json') {
      const kev = parseKev(readFileSync(path, 'utf8'), path);
      builder.setKev(kev.entries, kev.version, path);
    } else if (/^epss.*\.csv(\.gz)?$/.test(name)) {
      builder.setEpss(parseEpss(readFileSync(path), path), path);
    } else if (name.endsWith('.json')) {
      collect(parseOsvRecord(readFileSync(path, 'utf8'), path));
    }
  }
}

/** Carries over what this run did not replace, then swaps the new generation in. */
function finish(
  builder: StoreBuilder,
  previous: AdvisoryStore | undefined,
  replaced: Set<string>,
  refreshed: Map<string, string>,
): StoreManifest {
  const now = new Date().toISOString();
  if (previous) {
    for (const record of previous.records()) {
      if (builder.has(record.id)) continue;
      const ecosystems = (record.affected ?? []).flatMap((a) =>
        a.package ? [baseEcosystem(a.package.ecosystem)] : [],
      );
      if (ecosystems.length === 0 || ecosystems.some((e) => !replaced.has(e))) builder.add(record);
    }
    builder.carryOver(previous.dir, previous.manifest);
  }
  return builder.commit((ecosystem) => {
    const source = refreshed.get(ecosystem);
    if (source) return { source, updatedAt: now };
    const before = previous?.manifest.ecosystems[ecosystem];
    return { source: before?.source ?? 'carried over', updatedAt: before?.updatedAt ?? now };
  });
}
