// Continuous monitoring: when the advisories change, the newest scan of every project, branch and
// environment is matched again through the job queue, and findings that are new raise
// notifications, delivered with retries to a generic webhook and a Slack-compatible one.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { AdvisoryLookup } from '../advisories/lookup.ts';
import type { Database } from '../store/database.ts';
import { enqueueJob } from '../store/jobs.ts';
import { testBackends } from '../store/testing/backends.ts';
import { type FixtureServer, startFixtureServer } from '../testing/fixture-server.ts';
import type { AdvisorySource } from './advisory-source.ts';
import { jobHandlers } from './jobs/handlers.ts';
import { REMATCH_ALL_JOB } from './jobs/kinds.ts';
import type { NewFindingsPayload } from './jobs/notify.ts';
import { createWorker, type Worker } from './jobs/worker.ts';
import { silentLogger } from './logger.ts';
import { responseSchemas } from './openapi.ts';
import { startServer } from './start.ts';
import { npm, npmLookup, scanResult } from './testing/fixtures.ts';
import { type Harness, harness } from './testing/harness.ts';

const WS = 'GHSA-3h5v-q93c-6h6q';

/** The advisories before and after an update that published the ws advisory. */
const before_ = npmLookup({ only: (r) => r.id !== WS });
const updated = npmLookup();

function switchable(): AdvisorySource & { use(name: string, lookup: AdvisoryLookup): void } {
  let current = { name: 'v1', lookup: before_ as AdvisoryLookup };
  return {
    generation: () => current.name,
    lookup: () => current.lookup,
    close: () => {},
    use: (name, lookup) => {
      current = { name, lookup };
    },
  };
}

for (const backend of testBackends()) {
  describe(`continuous monitoring (${backend.name})`, { skip: backend.skip }, () => {
    let database: Database;
    let h: Harness;
    let hooks: FixtureServer;
    let worker: Worker;
    before(async () => {
      database = await backend.open();
      h = await harness(database);
    });
    after(() => database?.close());
    afterEach(() => hooks?.close());

    async function setUp(routes: Parameters<typeof startFixtureServer>[0], maxAttempts = 3) {
      hooks = await startFixtureServer(routes);
      const source = switchable();
      source.use('v2', updated);
      worker = createWorker({
        db: database.db,
        logger: silentLogger,
        retryDelayMs: 1,
        handlers: jobHandlers({
          db: database.db,
          logger: silentLogger,
          now: h.clock.now,
          advisories: source,
          notify: {
            targets: [
              { name: 'webhook', url: `${hooks.url}/hook`, format: 'generic', secret: 's3cret' },
              { name: 'slack', url: `${hooks.url}/slack`, format: 'slack' },
            ],
            maxAttempts,
            publicUrl: 'https://palisade.example.com/',
          },
        }),
      });
    }

    /** Runs jobs until the queue is empty, waiting out retry backoff. */
    async function settle(): Promise<void> {
      for (let idle = 0; idle < 20; ) {
        if (await worker.drain()) idle = 0;
        else {
          idle++;
          await new Promise((r) => setTimeout(r, 10));
        }
      }
    }

    test('new advisories: re-match finds the new vulnerability, notifies both targets, retries a failed delivery', async () => {
      await setUp([
        { method: 'POST', path: '/hook', status: 502, times: 1 },
        { method: 'POST', path: '/hook', status: 204 },
        { method: 'POST', path: '/slack', status: 200, body: 'ok' },
      ]);
      h.clock.set('2026-07-01T00:00:00Z');
      const components = [npm('ws', '5.0.0'), npm('minimist', '1.2.5')];
      const uploaded = await h.request('POST', '/api/v1/uploads?project=monitor&environment=prod', {
        body: await scanResult(components, { lookup: before_ }),
      });
      assert.equal(responseSchemas.upload.parse(uploaded.json).scan.findings, 1);

      h.clock.set('2026-07-02T00:00:00Z');
      await enqueueJob(database.db, REMATCH_ALL_JOB, { generation: 'v2' });
      await settle();

      const findings = await h.request('GET', '/api/v1/projects/monitor/findings');
      const ws = (
        findings.json as { findings: ReturnType<typeof responseSchemas.finding.parse>[] }
      ).findings.find((f) => f.rule_id === WS);
      assert.ok(ws, 'the re-match stored the ws finding');
      assert.equal(ws.first_seen_at, '2026-07-02T00:00:00.000Z');
      assert.equal(ws.first_seen_environment, 'prod');

      const generic = hooks.requests.filter((r) => r.path === '/hook');
      assert.equal(generic.length, 2, 'one failed attempt, one retry');
      const payload = JSON.parse(generic[1]!.body) as NewFindingsPayload;
      assert.deepEqual(payload, {
        type: 'palisade.new_findings',
        project: 'monitor',
        branch: 'main',
        environment: 'prod',
        scan: responseSchemas.upload.parse(uploaded.json).scan.id,
        reason: 'advisories',
        at: '2026-07-02T00:00:00.000Z',
        count: 1,
        findings: [
          {
            rule_id: WS,
            title: 'ws affected by a DoS when handling a request with many HTTP headers',
            severity: 'high',
            package: 'ws',
            version: '5.0.0',
            fixed_version: '5.2.4',
            kev: false,
          },
        ],
        url: 'https://palisade.example.com/projects/monitor',
      });
      assert.equal(generic[1]!.headers['x-palisade-event'], 'new_findings');
      assert.match(String(generic[1]!.headers['x-palisade-signature']), /^sha256=[0-9a-f]{64}$/);
      assert.equal(generic[0]!.headers['x-palisade-delivery'], generic[1]!.headers['x-palisade-delivery']);

      const slack = hooks.requests.filter((r) => r.path === '/slack');
      assert.equal(slack.length, 1);
      const message = JSON.parse(slack[0]!.body) as {
        text: string;
        blocks: { type: string; text?: { text: string } }[];
      };
      assert.equal(message.text, '1 new finding in monitor (main, prod)');
      assert.deepEqual(
        message.blocks.map((b) => b.type),
        ['header', 'section', 'context'],
      );
      assert.equal(message.blocks[1]!.text!.text, `• *high* ${WS} in ws@5.0.0 — fix: 5.2.4`);

      const listed = await h.request('GET', '/api/v1/notifications?project=monitor');
      const rows = (listed.json as { notifications: { target: string; status: string; attempts: number }[] })
        .notifications;
      assert.deepEqual(rows.map((n) => [n.target, n.status, n.attempts]).sort(), [
        ['slack', 'sent', 1],
        ['webhook', 'sent', 2],
      ]);
      assert.ok(!listed.text.includes(hooks.url), 'webhook URLs are not stored or shown');

      // The same advisories again: nothing is new, nobody is notified.
      await enqueueJob(database.db, REMATCH_ALL_JOB, { generation: 'v2-again' });
      await settle();
      assert.equal(hooks.requests.length, 3);
    });

    test('a target that keeps failing is given up after the last attempt', async () => {
      await setUp(
        [
          { method: 'POST', path: '/hook', status: 500 },
          { method: 'POST', path: '/slack', status: 200 },
        ],
        2,
      );
      const uploaded = await h.request('POST', '/api/v1/uploads?project=flaky&environment=prod', {
        body: await scanResult([npm('ws', '5.0.0')], { lookup: before_ }),
      });
      assert.equal(uploaded.status, 201);
      await enqueueJob(database.db, REMATCH_ALL_JOB, { generation: 'v3' });
      await settle();
      const listed = await h.request('GET', '/api/v1/notifications?project=flaky');
      const rows = (
        listed.json as {
          notifications: { target: string; status: string; attempts: number; last_error: string }[];
        }
      ).notifications;
      const webhook = rows.find((n) => n.target === 'webhook')!;
      assert.deepEqual(
        [webhook.status, webhook.attempts, webhook.last_error],
        ['failed', 2, 'webhook: HTTP 500'],
      );
      assert.equal(hooks.requests.filter((r) => r.path === '/hook').length, 2);
    });

    test('the running server notices a new advisory generation once, and an uploaded SBOM is matched by it', async () => {
      hooks = await startFixtureServer([{ method: 'POST', path: '/hook', status: 200 }]);
      const source = switchable();
      const running = await startServer({
        port: 0,
        database: await backend.open(),
        adminToken: 'pal_monitoring-admin',
        logger: silentLogger,
        advisories: source,
        advisoryPollMs: 3_600_000,
        jobs: { pollMs: 10, retryDelayMs: 1 },
        notify: { targets: [{ name: 'webhook', url: `${hooks.url}/hook`, format: 'generic' }] },
      });
      try {
        const api = (method: string, path: string, body?: unknown) =>
          fetch(`${running.url}${path}`, {
            method,
            headers: { authorization: 'Bearer pal_monitoring-admin', 'content-type': 'application/json' },
            ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          });
        const sbom = await scanResult([npm('ws', '5.0.0'), npm('minimist', '1.2.5')], { lookup: before_ });
        const response = await api('POST', '/api/v1/uploads?project=watched&environment=prod', {
          bomFormat: 'CycloneDX',
          specVersion: '1.6',
          components: sbom.components.map((c) => ({
            type: 'library',
            name: c.name,
            version: c.version,
            purl: c.purl,
          })),
        });
        const scan = responseSchemas.upload.parse(await response.json()).scan;
        await until(
          async () =>
            responseSchemas.scan.parse(await (await api('GET', `/api/v1/scans/${scan.id}`)).json()).matched,
        );
        // Matched with generation v1 (claimed at start): minimist only, new to the project, so notified.
        await until(() => hooks.requests.length === 1);
        const first = JSON.parse(hooks.requests[0]!.body) as NewFindingsPayload;
        assert.deepEqual(
          [first.reason, first.findings.map((f) => f.rule_id)],
          ['upload', ['GHSA-xvch-5gv4-984h']],
        );

        assert.equal(await running.checkAdvisories(), false, 'v1 was already claimed at start');
        source.use('v2', updated);
        assert.equal(await running.checkAdvisories(), true);
        assert.equal(await running.checkAdvisories(), false, 'each generation is claimed once');
        await until(() => hooks.requests.length === 2);
        const payload = JSON.parse(hooks.requests[1]!.body) as NewFindingsPayload;
        assert.deepEqual([payload.reason, payload.findings.map((f) => f.rule_id)], ['advisories', [WS]]);
      } finally {
        await running.shutdown();
      }
    });
  });
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
