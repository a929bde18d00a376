// The upload client against a real listening server, and its retries against a failing one.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PalisadeError } from '../model/index.ts';
import { openPgliteForTest } from '../store/testing/backends.ts';
import { startFixtureServer } from '../testing/fixture-server.ts';
import { sendEvents, uploadDocument } from './client.ts';
import { silentLogger } from './logger.ts';
import { type RunningServer, startServer } from './start.ts';
import { npm, scanResult } from './testing/fixtures.ts';

const TOKEN = 'pal_client-test-admin';

describe('upload client', () => {
  let server: RunningServer;
  before(async () => {
    server = await startServer({
      port: 0,
      database: await openPgliteForTest(),
      adminToken: TOKEN,
      logger: silentLogger,
    });
  });
  after(() => server?.shutdown());

  test('uploads a scan result gzipped, then events', async () => {
    const document = JSON.stringify(await scanResult([npm('minimist', '1.2.5')]));
    const receipt = await uploadDocument({ url: `${server.url}/`, token: TOKEN }, document, {
      project: 'cli',
      branch: 'main',
      environment: 'ci',
      commit: 'abc1234',
    });
    assert.deepEqual(
      [receipt.scan.project, receipt.scan.findings, receipt.lifecycle.created, receipt.matching],
      ['cli', 1, 1, 'uploaded'],
    );
    const events = (await sendEvents({ url: server.url, token: TOKEN }, [
      { project: 'cli', kind: 'deployment', environment: 'prod', commit: 'abc1234' },
    ])) as { events: { deployed_scan?: { id: number } }[] };
    assert.equal(events.events[0]?.deployed_scan?.id, receipt.scan.id);
  });

  test('4xx are not retried and say what the server said', async () => {
    await assert.rejects(
      uploadDocument({ url: server.url, token: 'pal_wrong' }, '{}', { project: 'cli' }),
      (error: unknown) =>
        error instanceof PalisadeError &&
        error.code === 'config' &&
        error.message.endsWith(
          'unknown or revoked token; set PALISADE_TOKEN to a token from `POST /api/v1/tokens`',
        ),
    );
    await assert.rejects(
      uploadDocument({ url: server.url, token: TOKEN }, '{"hello": 1}', { project: 'cli' }),
      (error: unknown) =>
        error instanceof PalisadeError &&
        error.code === 'input' &&
        /refused the upload \(400\): unrecognized document/.test(error.message),
    );
  });

  test('5xx are retried with the same idempotency key, then reported', async () => {
    const flaky = await startFixtureServer([
      { method: 'POST', path: '/api/v1/uploads?project=p', status: 503, times: 1 },
      { method: 'POST', path: '/api/v1/uploads?project=p', status: 201, body: '{"scan":{"id":7}}' },
    ]);
    try {
      const receipt = await uploadDocument({ url: flaky.url, token: TOKEN, backoffMs: 1 }, '{}', {
        project: 'p',
      });
      assert.equal(receipt.scan.id, 7);
      assert.equal(flaky.requests.length, 2);
      assert.equal(
        flaky.requests[0]!.headers['idempotency-key'],
        flaky.requests[1]!.headers['idempotency-key'],
      );
      assert.equal(flaky.requests[0]!.headers['content-encoding'], 'gzip');
    } finally {
      await flaky.close();
    }
    const down = await startFixtureServer([
      { method: 'POST', path: '/api/v1/uploads?project=p', status: 502 },
    ]);
    try {
      await assert.rejects(
        uploadDocument({ url: down.url, token: TOKEN, retries: 1, backoffMs: 1 }, '{}', { project: 'p' }),
        (error: unknown) =>
          error instanceof PalisadeError &&
          error.code === 'network' &&
          /after 2 attempts \(502: HTTP 502\)/.test(error.message),
      );
    } finally {
      await down.close();
    }
  });
});
