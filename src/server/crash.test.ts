// Transactions under failure: an ingest that throws half way, a server killed (SIGKILL) in the
// middle of a large upload and restarted on the same data, a graceful stop (SIGTERM) that lets
// the upload in flight finish, and queued work that a restarted server picks up.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ScanResult } from '../model/index.ts';
import { writeCycloneDxJson } from '../report/cyclonedx.ts';
import { syntheticScan } from '../report/testdata/synthetic.ts';
import type { Database } from '../store/database.ts';
import { testBackends } from '../store/testing/backends.ts';
import { responseSchemas } from './openapi.ts';
import { npm, scanResult } from './testing/fixtures.ts';
import { harness } from './testing/harness.ts';
import { type ServerProcess, spawnServer } from './testing/process.ts';

const ADMIN = 'pal_crash-test-admin-token';

async function api(server: ServerProcess, method: string, path: string, body?: unknown) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as unknown) : undefined };
}

async function projectNames(server: ServerProcess): Promise<string[]> {
  const { json } = await api(server, 'GET', '/api/v1/projects');
  return (json as { projects: { name: string }[] }).projects.map((p) => p.name);
}

for (const backend of testBackends()) {
  describe(`failures mid-ingest (${backend.name})`, { skip: backend.skip }, () => {
    let database: Database;
    let large: ScanResult;
    before(async () => {
      database = await backend.open();
      large = syntheticScan(5_000);
    });
    after(() => database?.close());

    test('an ingest that throws after writing components leaves nothing visible', async () => {
      const h = await harness(database, {
        ingestHooks: {
          afterComponents: () => {
            throw new Error('disk full');
          },
        },
      });
      const response = await h.request('POST', '/api/v1/uploads?project=half', {
        body: await scanResult([npm('lodash', '4.17.15')]),
      });
      assert.equal(response.status, 500);
      assert.match(
        (response.json as { error: { message: string } }).error.message,
        /^internal error \(request /,
      );
      for (const table of [
        'projects',
        'scans',
        'sboms',
        'components',
        'findings',
        'finding_transitions',
      ] as const) {
        const { n } = await database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        assert.equal(n, 0, `${table} after the failed ingest`);
      }
    });

    test('SIGKILL during a large upload: after a restart no part of it is visible, and uploads work', async () => {
      const env = { ...(await backend.serverEnv()), PALISADE_ADMIN_TOKEN: ADMIN };
      const first = await spawnServer({ ...env, PALISADE_TEST_INGEST_PAUSE_MS: '5000' });
      const document = writeCycloneDxJson(large, { toolVersion: 'test', reproducible: true });
      const upload = api(first, 'POST', '/api/v1/uploads?project=big&branch=main', document).catch(
        (error: unknown) => error,
      );
      const written = await first.waitForLog((l) => l.msg === 'components written');
      assert.equal(typeof written.scan, 'number');
      first.child.kill('SIGKILL');
      assert.equal(await first.exited, 'SIGKILL');
      assert.ok((await upload) instanceof Error, 'the client saw the connection drop');

      const second = await spawnServer(env);
      try {
        assert.deepEqual(await projectNames(second), [], 'the project was created by the killed transaction');
        const retry = await api(second, 'POST', '/api/v1/uploads?project=big&branch=main', document);
        assert.equal(retry.status, 201);
        const scan = responseSchemas.upload.parse(retry.json).scan;
        assert.equal(scan.components, 5_000);
        const components = await api(second, 'GET', `/api/v1/scans/${scan.id}/components?limit=1`);
        assert.equal((components.json as { total: number }).total, 5_000);
      } finally {
        second.child.kill('SIGTERM');
        assert.equal(await second.exited, 0);
      }
    });

    test('SIGTERM lets the upload in flight commit, then stops; queued matching resumes after a restart', async () => {
      const env = { ...(await backend.serverEnv()), PALISADE_ADMIN_TOKEN: ADMIN };
      const first = await spawnServer({ ...env, PALISADE_TEST_INGEST_PAUSE_MS: '1500' });
      const sbom = await scanResult([npm('lodash', '4.17.15'), npm('minimist', '1.2.5')]);
      const cyclonedx = writeCycloneDxJson(
        { ...sbom, findings: [] },
        { toolVersion: 'test', reproducible: true },
      );
      const pending = api(first, 'POST', '/api/v1/uploads?project=graceful&environment=prod', cyclonedx);
      await first.waitForLog((l) => l.msg === 'components written');
      first.child.kill('SIGTERM');
      const response = await pending;
      assert.equal(response.status, 201, 'the upload in flight finished');
      const uploaded = responseSchemas.upload.parse(response.json);
      assert.equal(
        uploaded.matching,
        'queued',
        'an SBOM without vulnerabilities waits for the server to match it',
      );
      assert.equal(await first.exited, 0);
      const messages = first.logs.map((l) => l.msg);
      assert.ok(messages.indexOf('shutting down') < messages.indexOf('stopped'));
      for (const line of first.logs) {
        assert.notEqual(line.msg, 'not json', `every stdout line is a JSON log line: ${String(line.text)}`);
        assert.match(String(line.time), /^\d{4}-\d\d-\d\dT/);
        assert.ok(['debug', 'info', 'warn', 'error'].includes(String(line.level)));
      }
      const request = first.logs.find((l) => l.msg === 'request' && l.path === '/api/v1/uploads');
      assert.deepEqual(
        [request?.method, request?.status, typeof request?.ms, typeof request?.request_id],
        ['POST', 201, 'number', 'string'],
      );

      // This replica has the advisories the first one lacked: it takes the queued job over.
      const second = await spawnServer({ ...env, PALISADE_TEST_ADVISORIES: 'npm' });
      try {
        await second.waitForLog((l) => l.msg === 'scan matched' && l.scan === uploaded.scan.id, 30_000);
        const scan = responseSchemas.scan.parse(
          (await api(second, 'GET', `/api/v1/scans/${uploaded.scan.id}`)).json,
        );
        assert.equal(scan.matched, true);
        assert.equal(scan.findings, 4);
        const findings = await api(second, 'GET', '/api/v1/projects/graceful/findings');
        assert.equal((findings.json as { total: number }).total, 4);
      } finally {
        second.child.kill('SIGTERM');
        assert.equal(await second.exited, 0);
      }
    });
  });
}
