// Ingest benchmark (issue 7: "a 5,000-component CycloneDX SBOM with its findings in under 2 s on
// each backend"): `node bench/server-ingest.ts [components] [runs]`.
// The SBOM is palisade's own CycloneDX of a synthetic npm graph, with a vulnerabilities section
// from the real matcher run against synthetic advisories on one package in ten. Each upload goes
// over HTTP to a running server (PGlite in a data directory, as `palisade server --data-dir` runs,
// and PostgreSQL: PALISADE_BENCH_DATABASE_URL, else a throwaway cluster) and is timed from the
// request to the response: parsing, validation and the whole transaction. First: a new project,
// every finding new. Repeat: the same SBOM again, every finding seen again.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { matchComponents } from '../src/advisories/match.ts';
import { MemoryLookup } from '../src/advisories/sources/memory-lookup.ts';
import type { OsvRecord } from '../src/model/index.ts';
import { writeCycloneDxJson } from '../src/report/cyclonedx.ts';
import { syntheticScan } from '../src/report/testdata/synthetic.ts';
import { silentLogger } from '../src/server/logger.ts';
import { startServer } from '../src/server/start.ts';
import { type Database, openDatabase } from '../src/store/database.ts';
import { startPostgres, type TestPostgres } from '../src/store/testing/postgres.ts';

const count = Number(process.argv[2] ?? 5_000);
const runs = Number(process.argv[3] ?? 5);
const TOKEN = 'pal_bench-admin';

async function buildSbom(): Promise<{ body: string; findings: number }> {
  const scan = syntheticScan(count);
  const records: OsvRecord[] = scan.components
    .filter((_, i) => i % 10 === 0)
    .flatMap((c, i) =>
      Array.from({ length: 1 + (i % 2) }, (_, k) => ({
        id: `GHSA-bench-${i}-${k}`,
        modified: '2026-01-01T00:00:00Z',
        aliases: [`CVE-2026-${10000 + i * 2 + k}`],
        summary: `Synthetic advisory ${k} on ${c.name}`,
        severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
        affected: [
          {
            package: { ecosystem: 'npm', name: c.name },
            ranges: [{ type: 'SEMVER' as const, events: [{ introduced: '0' }, { fixed: '99.0.0' }] }],
          },
        ],
      })),
    );
  const { findings } = await matchComponents(scan.components, new MemoryLookup(records));
  const body = writeCycloneDxJson({ ...scan, findings }, { toolVersion: 'bench', reproducible: true });
  return { body, findings: findings.length };
}

async function measure(database: Database, body: string): Promise<{ first: number[]; repeat: number[] }> {
  const server = await startServer({
    port: 0,
    database,
    adminToken: TOKEN,
    logger: silentLogger,
    jobs: { enabled: false },
  });
  const upload = async (project: string) => {
    const started = performance.now();
    const response = await fetch(`${server.url}/api/v1/uploads?project=${project}&environment=ci`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body,
    });
    const text = await response.text();
    if (response.status !== 201) throw new Error(`upload failed: ${response.status} ${text}`);
    return performance.now() - started;
  };
  try {
    await upload('warm-up');
    const first: number[] = [];
    const repeat: number[] = [];
    for (let i = 0; i < runs; i++) {
      first.push(await upload(`bench-${i}`));
      repeat.push(await upload(`bench-${i}`));
    }
    return { first, repeat };
  } finally {
    await server.shutdown();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

const { body, findings } = await buildSbom();
console.log(
  `SBOM: ${count} components, ${findings} findings, ${(body.length / 1e6).toFixed(1)} MB of CycloneDX 1.6 JSON`,
);

const dir = mkdtempSync(join(tmpdir(), 'palisade-bench-'));
let cluster: TestPostgres | undefined;
try {
  const backends: [string, () => Promise<Database>][] = [
    ['PGlite (data directory)', () => openDatabase({ dataDir: join(dir, 'pglite') })],
    [
      'PostgreSQL',
      async () => {
        let url = process.env.PALISADE_BENCH_DATABASE_URL;
        if (!url) {
          cluster = await startPostgres();
          url = await cluster.createDatabase('bench');
        }
        return openDatabase({ databaseUrl: url });
      },
    ],
  ];
  for (const [name, open] of backends) {
    const { first, repeat } = await measure(await open(), body);
    const verdict = Math.max(median(first), median(repeat)) < 2000 ? 'meets' : 'misses';
    console.log(
      `${name}: first upload ${median(first).toFixed(0)} ms, repeat ${median(repeat).toFixed(0)} ms (median of ${runs}; max ${Math.max(...first, ...repeat).toFixed(0)} ms) — ${verdict} the < 2000 ms target`,
    );
  }
} finally {
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
}
