// Realistic uploads for the server tests: npm components matched by the real matcher against
// real GHSA records (src/advisories/testdata/osv/npm), so findings, fingerprints and fixes are
// what `palisade scan --format json` would upload.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { matchComponents } from '../../advisories/match.ts';
import { MemoryLookup } from '../../advisories/sources/memory-lookup.ts';
import {
  type Component,
  type KevEntry,
  makePurl,
  type OsvRecord,
  type Reachability,
  type ScanResult,
} from '../../model/index.ts';

const NPM_RECORDS = join(import.meta.dirname, '../../advisories/testdata/osv/npm');

export function npmRecords(): OsvRecord[] {
  return readdirSync(NPM_RECORDS)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(NPM_RECORDS, f), 'utf8')) as OsvRecord);
}

/** The real records, with KEV entries for the CVEs given (the sample catalog has no npm CVEs). */
export function npmLookup(options: { kev?: string[]; only?: (r: OsvRecord) => boolean } = {}): MemoryLookup {
  const kev = new Map<string, KevEntry>(
    (options.kev ?? []).map((cveId) => [
      cveId,
      { cveId, dateAdded: '2025-01-15', dueDate: '2025-02-05', knownRansomwareCampaignUse: false },
    ]),
  );
  return new MemoryLookup(npmRecords().filter(options.only ?? (() => true)), { kev });
}

export function npm(
  name: string,
  version: string,
  options: { path?: string; line?: number; direct?: boolean; dependencies?: string[] } = {},
): Component {
  return {
    purl: makePurl('npm', name, version),
    ecosystem: 'npm',
    name,
    version,
    scope: 'prod',
    direct: options.direct ?? true,
    licenses: ['MIT'],
    location: { path: options.path ?? 'package-lock.json', line: options.line ?? 10 },
    source: { type: 'registry' },
    dependencies: options.dependencies ?? [],
  };
}

/** A scan result as the CLI uploads it: the components and what matching finds on them. */
export async function scanResult(
  components: Component[],
  options: {
    lookup?: MemoryLookup;
    reachability?: Record<string, Reachability>;
    target?: string;
    failedFiles?: number;
  } = {},
): Promise<ScanResult> {
  const { findings } = await matchComponents(components, options.lookup ?? npmLookup());
  for (const f of findings) {
    const reachability = f.component ? options.reachability?.[f.component.name] : undefined;
    if (reachability) f.reachability = reachability;
  }
  return {
    schemaVersion: 1,
    target: options.target ?? 'app',
    components,
    findings,
    decisions: [],
    coverage: {
      files: [
        {
          path: 'package-lock.json',
          type: 'npm/package-lock',
          status: 'parsed',
          components: components.length,
        },
        ...Array.from({ length: options.failedFiles ?? 0 }, (_, i) => ({
          path: `broken-${i}/package-lock.json`,
          type: 'npm/package-lock',
          status: 'failed' as const,
          error: 'unexpected end of JSON',
        })),
      ],
      unresolved: [],
    },
    projects: [],
  };
}
