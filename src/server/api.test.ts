// Authentication, authorization and payload checks of the API, on both backends.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { Database } from '../store/database.ts';
import { testBackends } from '../store/testing/backends.ts';
import { responseSchemas } from './openapi.ts';
import { npm, scanResult } from './testing/fixtures.ts';
import { type Harness, harness } from './testing/harness.ts';

const error = (r: { json: unknown }) =>
  (r.json as { error: { status: number; code: string; message: string } }).error;

for (const backend of testBackends()) {
  describe(`API access and payloads (${backend.name})`, { skip: backend.skip }, () => {
    let database: Database;
    let h: Harness;
    before(async () => {
      database = await backend.open();
      h = await harness(database, { limits: { uploadBytes: 200_000, jsonBytes: 2_000 } });
    });
    after(() => database?.close());

    test('no token, a malformed header, an unknown or a revoked token: 401', async () => {
      const missing = await h.request('GET', '/api/v1/projects', { token: null });
      assert.equal(missing.status, 401);
      assert.equal(missing.headers.get('www-authenticate'), 'Bearer realm="palisade"');
      assert.match(error(missing).message, /missing bearer token/);
      const basic = await h.request('GET', '/api/v1/projects', {
        token: null,
        headers: { authorization: 'Basic YTpi' },
      });
      assert.equal(basic.status, 401);
      const unknown = await h.request('GET', '/api/v1/projects', { token: 'pal_not-a-real-token' });
      assert.equal(unknown.status, 401);
      assert.equal(error(unknown).message, 'unknown or revoked token');

      const created = await h.request('POST', '/api/v1/tokens', {
        body: { name: 'ci', grants: [{ project: 'web', role: 'uploader' }] },
      });
      assert.equal(created.status, 201);
      const { id, token } = created.json as { id: number; token: string };
      assert.match(token, /^pal_[A-Za-z0-9_-]{43}$/);
      assert.equal((await h.request('GET', '/api/v1/me', { token })).status, 200);
      assert.equal((await h.request('DELETE', `/api/v1/tokens/${id}`)).status, 204);
      assert.equal((await h.request('GET', '/api/v1/me', { token })).status, 401);
      assert.equal((await h.request('DELETE', `/api/v1/tokens/${id}`)).status, 409);
    });

    test('tokens are stored as sha256, never in clear', async () => {
      const created = await h.request('POST', '/api/v1/tokens', {
        body: { name: 'hash-check', grants: [{ role: 'viewer' }] },
      });
      const { token } = created.json as { token: string };
      const rows = await database.db.selectFrom('tokens').select('hash').execute();
      assert.ok(rows.every((r) => /^[0-9a-f]{64}$/.test(r.hash)));
      assert.ok(!rows.some((r) => r.hash === token));
      const listed = await h.request('GET', '/api/v1/tokens');
      assert.ok(!listed.text.includes(token));
    });

    test('roles per project: viewer reads, uploader uploads, admin triages; other projects are 403', async () => {
      const upload = await scanResult([npm('lodash', '4.17.15')]);
      const viewer = await h.token('viewer', 'roles');
      const uploader = await h.token('uploader', 'roles');
      const admin = await h.token('admin', 'roles');
      const stranger = await h.token('admin', 'elsewhere');
      const post = (token: string) =>
        h.request('POST', '/api/v1/uploads?project=roles', { token, body: upload });

      const denied = await post(viewer);
      assert.equal(denied.status, 403);
      assert.match(error(denied).message, /is viewer on project "roles"; this needs uploader/);
      assert.equal((await post(stranger)).status, 403);
      assert.match(error(await post(stranger)).message, /has no access to project "roles"/);
      assert.equal((await post(uploader)).status, 201);

      const findings = await h.request('GET', '/api/v1/projects/roles/findings', { token: viewer });
      assert.equal(findings.status, 200);
      assert.equal(
        (await h.request('GET', '/api/v1/projects/roles/findings', { token: stranger })).status,
        403,
      );
      const id = (findings.json as { findings: { id: number }[] }).findings[0]!.id;

      const triage = { state: 'false_positive', reason: 'lodash.template is never called' };
      assert.equal(
        (await h.request('PATCH', `/api/v1/findings/${id}`, { token: viewer, body: triage })).status,
        403,
      );
      assert.equal(
        (await h.request('PATCH', `/api/v1/findings/${id}`, { token: uploader, body: triage })).status,
        403,
      );
      assert.equal(
        (await h.request('PATCH', `/api/v1/findings/${id}`, { token: admin, body: triage })).status,
        200,
      );

      const listed = await h.request('GET', '/api/v1/projects', { token: viewer });
      assert.deepEqual(
        (listed.json as { projects: { name: string }[] }).projects.map((p) => p.name),
        ['roles'],
      );
      // A project admin may not mint tokens for other projects, nor global ones.
      const mint = (project: string | null) =>
        h.request('POST', '/api/v1/tokens', {
          token: admin,
          body: { name: 'x', grants: [{ project, role: 'viewer' }] },
        });
      assert.equal((await mint('roles')).status, 201);
      assert.equal((await mint('elsewhere')).status, 403);
      assert.equal((await mint(null)).status, 403);
      assert.equal((await h.request('POST', '/api/v1/rematch', { token: admin })).status, 403);
    });

    test('bad payloads are 400 with a message that says what is wrong', async () => {
      const cases: [string, { raw?: string; body?: unknown; path?: string }, RegExp][] = [
        ['empty body', { raw: '' }, /request body is empty/],
        ['not JSON', { raw: '{"schemaVersion": 1,' }, /not valid JSON/],
        ['a JSON array', { body: [1, 2] }, /must be a JSON object/],
        [
          'unknown document',
          { body: { hello: 'world' } },
          /unrecognized document: expected a palisade scan result/,
        ],
        [
          'scan result with a bad severity',
          {
            body: {
              schemaVersion: 1,
              target: 't',
              components: [],
              findings: [
                {
                  id: 'x',
                  kind: 'vulnerability',
                  ruleId: 'GHSA-1',
                  title: 't',
                  severity: 'urgent',
                  location: { path: 'p', line: 1 },
                  fingerprint: 'f',
                  risk: { score: 0 },
                },
              ],
            },
          },
          /^scan result: findings\[0\]\.severity: Invalid option: expected one of "critical"\|"high"\|"medium"\|"low"\|"info"$/,
        ],
        [
          'scan result with a component missing its purl',
          {
            body: {
              schemaVersion: 1,
              target: 't',
              components: [
                {
                  ecosystem: 'npm',
                  name: 'a',
                  scope: 'prod',
                  direct: true,
                  licenses: [],
                  location: { path: 'p', line: 1 },
                  source: { type: 'registry' },
                  dependencies: [],
                },
              ],
              findings: [],
            },
          },
          /^scan result: components\[0\]\.purl: /,
        ],
        [
          'CycloneDX of an unsupported version',
          { body: { bomFormat: 'CycloneDX', specVersion: '2.0' } },
          /specVersion 2\.0 is not supported/,
        ],
        ['SPDX 3', { body: { spdxVersion: 'SPDX-3.0' } }, /SPDX-3\.0 is not supported/],
        [
          'no project',
          { body: { bomFormat: 'CycloneDX', specVersion: '1.6' }, path: '/api/v1/uploads' },
          /name the project/,
        ],
        [
          'a bad environment',
          {
            body: { bomFormat: 'CycloneDX', specVersion: '1.6' },
            path: '/api/v1/uploads?project=p&environment=Prod!',
          },
          /^query: environment: an environment is 1-32 lowercase/,
        ],
      ];
      for (const [name, c, message] of cases) {
        const response = await h.request('POST', c.path ?? '/api/v1/uploads?project=payloads', {
          ...(c.raw !== undefined
            ? { raw: c.raw, headers: { 'content-type': 'application/json' } }
            : { body: c.body }),
        });
        assert.equal(response.status, 400, name);
        assert.match(error(response).message, message, name);
        assert.equal(error(response).code, 'bad_request', name);
      }
      const triage = await h.request('PATCH', '/api/v1/findings/abc', { body: {} });
      assert.equal(triage.status, 400);
      assert.equal(error(triage).message, 'id must be a positive integer, not "abc"');
      const event = await h.request('POST', '/api/v1/events', { body: { project: 'p', kind: 'deployment' } });
      assert.equal(event.status, 400);
      assert.equal(
        error(event).message,
        'event: environment: required for deployment events: where it was deployed',
      );
      const media = await h.request('POST', '/api/v1/uploads?project=p', {
        raw: 'a,b',
        headers: { 'content-type': 'text/csv' },
      });
      assert.equal(media.status, 415);
    });

    test('bodies over the limit are 413, compressed or not', async () => {
      const big = JSON.stringify({
        bomFormat: 'CycloneDX',
        specVersion: '1.6',
        padding: 'x'.repeat(250_000),
      });
      const plain = await h.request('POST', '/api/v1/uploads?project=limits', {
        raw: big,
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(plain.status, 413);
      assert.match(error(plain).message, /larger than the limit of 200000 bytes/);
      // 250 kB of JSON gzips to a few hundred bytes: the limit applies after decompression too.
      const zipped = await h.request('POST', '/api/v1/uploads?project=limits', {
        raw: gzipSync(big),
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      });
      assert.equal(zipped.status, 413);
      assert.match(error(zipped).message, /decompressed body is larger than the limit/);
      const triage = await h.request('PATCH', '/api/v1/findings/1', {
        raw: JSON.stringify({ reason: 'y'.repeat(3000) }),
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(triage.status, 413);
    });

    test('gzip uploads, envelopes and idempotent retries', async () => {
      const upload = await scanResult([npm('minimist', '1.2.5')]);
      const zipped = await h.request(
        'POST',
        '/api/v1/uploads?project=gz&branch=main&environment=ci&commit=abc1234',
        {
          raw: gzipSync(JSON.stringify(upload)),
          headers: {
            'content-type': 'application/json',
            'content-encoding': 'gzip',
            'idempotency-key': 'run-42',
          },
        },
      );
      assert.equal(zipped.status, 201);
      const body = responseSchemas.upload.parse(zipped.json);
      assert.deepEqual(body.lifecycle, { created: 1, reopened: 0, fixed: 0 });
      assert.equal(body.scan.commit, 'abc1234');
      const retry = await h.request('POST', '/api/v1/uploads?project=gz&branch=main&environment=ci', {
        body: upload,
        headers: { 'idempotency-key': 'run-42' },
      });
      assert.equal(retry.status, 200);
      assert.equal(responseSchemas.upload.parse(retry.json).scan.id, body.scan.id);
      assert.equal(responseSchemas.upload.parse(retry.json).replayed, true);
      const scans = await h.request('GET', '/api/v1/projects/gz/scans');
      assert.equal((scans.json as { scans: unknown[] }).scans.length, 1);

      const envelope = await h.request('POST', '/api/v1/uploads', {
        body: { project: 'gz', branch: 'release/1.x', environment: 'staging', document: upload },
      });
      assert.equal(envelope.status, 201);
      const scan = responseSchemas.upload.parse(envelope.json).scan;
      assert.deepEqual([scan.branch, scan.environment], ['release/1.x', 'staging']);
      const document = await h.request('GET', `/api/v1/scans/${scan.id}/document`);
      assert.deepEqual(document.json, upload);
    });

    test('project names with a slash travel URL-encoded', async () => {
      const upload = await scanResult([npm('minimist', '1.2.5')]);
      assert.equal(
        (await h.request('POST', '/api/v1/uploads?project=acme%2Fweb', { body: upload })).status,
        201,
      );
      const findings = await h.request('GET', '/api/v1/projects/acme%2Fweb/findings');
      assert.equal(findings.status, 200);
      assert.equal((findings.json as { total: number }).total, 1);
    });

    test('health, readiness, OpenAPI and unknown routes', async () => {
      assert.deepEqual((await h.request('GET', '/healthz', { token: null })).json, { status: 'ok' });
      assert.deepEqual((await h.request('GET', '/readyz', { token: null })).json, { status: 'ready' });
      const doc = (await h.request('GET', '/openapi.json', { token: null })).json as {
        openapi: string;
        paths: Record<string, object>;
      };
      assert.equal(doc.openapi, '3.1.0');
      const routes = new Set(
        h.app.routes
          .filter((r) => r.method !== 'ALL')
          .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`),
      );
      const documented = new Set(
        Object.entries(doc.paths).flatMap(([path, ops]) =>
          Object.keys(ops).map((method) => `${method} ${path}`),
        ),
      );
      assert.deepEqual(
        [...routes].filter((r) => !documented.has(r)).sort(),
        [],
        'routes missing from /openapi.json',
      );
      assert.deepEqual(
        [...documented].filter((r) => !routes.has(r)).sort(),
        [],
        'documented routes that do not exist',
      );
      const missing = await h.request('GET', '/api/v1/nope');
      assert.equal(missing.status, 404);
      assert.equal(error(missing).message, 'no route for GET /api/v1/nope');
    });
  });
}
