// 50 uploads at once to one new project and branch: every scan is stored, no fingerprint twice,
// and complete scans apply in some serial order, as the branch lock promises.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Finding, ScanResult } from '../model/index.ts';
import { type Database, openDatabase } from '../store/database.ts';
import { testBackends } from '../store/testing/backends.ts';
import { responseSchemas } from './openapi.ts';
import { npm, scanResult } from './testing/fixtures.ts';
import { type Harness, harness } from './testing/harness.ts';

const UPLOADS = 50;

/** The shared findings of the base scan, plus one of its own (a secret, say, only this upload has). */
function withOwnFinding(base: ScanResult, i: number): ScanResult {
  const own: Finding = {
    id: `secret-${i}`,
    kind: 'secret',
    ruleId: 'aws-access-key',
    title: 'AWS access key',
    severity: 'high',
    location: { path: `config/${i}.env`, line: 3 },
    evidence: 'AKIA************MPLE',
    fingerprint: `secret-fingerprint-${i}`,
    risk: { score: 5, factors: [] },
  };
  return { ...base, findings: [...base.findings, own] };
}

for (const backend of testBackends()) {
  describe(`concurrent uploads (${backend.name})`, { skip: backend.skip }, () => {
    let database: Database;
    let h: Harness;
    let base: ScanResult;
    before(async () => {
      database = await backend.open();
      h = await harness(database);
      base = await scanResult([npm('lodash', '4.17.15'), npm('minimist', '1.2.5')]);
    });
    after(() => database?.close());

    async function countFindings(project: string) {
      const rows = await database.db
        .selectFrom('findings as f')
        .innerJoin('projects as p', 'p.id', 'f.project_id')
        .select(['f.fingerprint', 'f.status'])
        .where('p.name', '=', project)
        .execute();
      return { rows, distinct: new Set(rows.map((r) => r.fingerprint)).size };
    }

    /** The project exists before the burst, so the burst races on the findings themselves. */
    async function createProject(name: string) {
      const empty = { ...base, components: [], findings: [] };
      assert.equal(
        (await h.request('POST', `/api/v1/uploads?project=${name}&complete=false`, { body: empty })).status,
        201,
      );
    }

    test(`${UPLOADS} partial uploads at once: all stored, every finding once`, async () => {
      await createProject('busy');
      const responses = await Promise.all(
        Array.from({ length: UPLOADS }, (_, i) =>
          h.request('POST', '/api/v1/uploads?project=busy&branch=main&complete=false', {
            body: withOwnFinding(base, i),
          }),
        ),
      );
      assert.deepEqual(
        responses.map((r) => r.status),
        Array(UPLOADS).fill(201),
      );
      const scans = await h.request('GET', `/api/v1/projects/busy/scans?limit=${UPLOADS * 2}`);
      assert.equal((scans.json as { scans: unknown[] }).scans.length, UPLOADS + 1);
      const { rows, distinct } = await countFindings('busy');
      assert.equal(rows.length, base.findings.length + UPLOADS);
      assert.equal(distinct, rows.length);
      // Exactly one upload created each shared finding; the others saw it.
      const created = responses.map((r) => responseSchemas.upload.parse(r.json).lifecycle.created);
      assert.equal(
        created.reduce((a, b) => a + b, 0),
        base.findings.length + UPLOADS,
      );
      const links = await database.db
        .selectFrom('scan_findings')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(links.n, UPLOADS * (base.findings.length + 1));
    });

    test(`${UPLOADS} complete uploads at once apply one after another`, async () => {
      await createProject('serial');
      const responses = await Promise.all(
        Array.from({ length: UPLOADS }, (_, i) =>
          h.request('POST', '/api/v1/uploads?project=serial&branch=main', { body: withOwnFinding(base, i) }),
        ),
      );
      assert.ok(responses.every((r) => r.status === 201));
      const { rows, distinct } = await countFindings('serial');
      assert.equal(distinct, rows.length);
      const own = rows.filter((r) => r.fingerprint.startsWith('secret-'));
      assert.equal(own.length, UPLOADS);
      // Each complete scan fixes the previous one's own finding: one is left open, the last applied.
      assert.equal(own.filter((r) => r.status === 'open').length, 1);
      assert.ok(rows.filter((r) => !r.fingerprint.startsWith('secret-')).every((r) => r.status === 'open'));
      const fixed = responses.map((r) => responseSchemas.upload.parse(r.json).lifecycle.fixed);
      assert.equal(
        fixed.reduce((a, b) => a + b, 0),
        UPLOADS - 1,
      );
    });

    // PGlite is one process's database; replicas are a PostgreSQL deployment.
    if (backend.name === 'postgres')
      test('two replicas on one PostgreSQL: migrate together, then share the uploads', async () => {
        const url = (await backend.serverEnv()).PALISADE_DATABASE_URL!;
        const replicas = await Promise.all([
          openDatabase({ databaseUrl: url }),
          openDatabase({ databaseUrl: url }),
        ]);
        try {
          const [a, b] = await Promise.all(replicas.map((r) => harness(r)));
          const responses = await Promise.all(
            Array.from({ length: UPLOADS }, (_, i) =>
              (i % 2 ? a! : b!).request('POST', '/api/v1/uploads?project=replicated&complete=false', {
                body: withOwnFinding(base, i),
              }),
            ),
          );
          assert.ok(responses.every((r) => r.status === 201));
          const rows = await replicas[0]!.db.selectFrom('findings').select('fingerprint').execute();
          assert.equal(rows.length, base.findings.length + UPLOADS);
          assert.equal(new Set(rows.map((r) => r.fingerprint)).size, rows.length);
          const migrations = await replicas[0]!.db
            .selectFrom('kysely_migration' as never)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow();
          assert.equal(migrations.n, 1);
        } finally {
          await Promise.all(replicas.map((r) => r.close()));
        }
      });
  });
}
