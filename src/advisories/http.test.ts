import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { PalisadeError } from '../model/index.ts';
import { startFixtureServer } from '../testing/fixture-server.ts';
import { fetchWithRetry } from './http.ts';

const fast = { backoffMs: 1, timeoutMs: 2000 };

async function rejection(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof PalisadeError);
    assert.equal(error.code, 'network');
    return error.message;
  }
  return assert.fail('expected a network error');
}

describe('fetchWithRetry', () => {
  it('retries 5xx with backoff, then succeeds', async () => {
    const server = await startFixtureServer([
      { path: '/data', status: 503, times: 2 },
      { path: '/data', body: 'payload' },
    ]);
    const { body, fromCache } = await fetchWithRetry(`${server.url}/data`, fast);
    assert.equal(body.toString(), 'payload');
    assert.equal(fromCache, false);
    assert.equal(server.requests.length, 3);
    assert.deepEqual(server.unused(), []);
    await server.close();
  });

  it('does not retry a 404 and names the URL in a one-line error', async () => {
    const server = await startFixtureServer([]);
    const message = await rejection(fetchWithRetry(`${server.url}/missing`, fast));
    assert.equal(
      message,
      `${server.url}/missing: HTTP 404 Not Found; check the URL, the network or the mirror setting`,
    );
    assert.equal(server.requests.length, 1);
    await server.close();
  });

  it('times out a silent server, after the configured retries', async () => {
    const server = await startFixtureServer([{ path: '/slow', delayMs: 1000, body: 'late' }]);
    const message = await rejection(
      fetchWithRetry(`${server.url}/slow`, { timeoutMs: 50, retries: 1, backoffMs: 1 }),
    );
    assert.match(message, /\/slow: timed out;/);
    assert.equal(server.requests.length, 2);
    await server.close();
  });

  it('refuses oversized bodies', async () => {
    const server = await startFixtureServer([{ path: '/big', body: 'x'.repeat(10_000) }]);
    const message = await rejection(fetchWithRetry(`${server.url}/big`, { ...fast, maxBytes: 100 }));
    assert.match(message, /response larger than 100 bytes/);
    await server.close();
  });

  it('revalidates with the cached ETag and serves the cache on 304 and offline', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'palisade-http-'));
    const server = await startFixtureServer([
      { path: '/feed', headers: { etag: '"v1"' }, body: 'first', times: 1 },
      {
        path: '/feed',
        handle: (request) =>
          request.headers['if-none-match'] === '"v1"' ? { status: 304 } : { status: 500 },
      },
    ]);
    assert.equal(
      (await fetchWithRetry(`${server.url}/feed`, { ...fast, cacheDir })).body.toString(),
      'first',
    );
    const second = await fetchWithRetry(`${server.url}/feed`, { ...fast, cacheDir });
    assert.deepEqual([second.body.toString(), second.fromCache], ['first', true]);
    await server.close();
    const offline = await fetchWithRetry(`${server.url}/feed`, { offline: true, cacheDir });
    assert.equal(offline.body.toString(), 'first');
    const message = await rejection(
      fetchWithRetry('http://127.0.0.1:9/never', { offline: true, cacheDir: join(cacheDir, 'x') }),
    );
    assert.match(message, /--offline forbids the network/);
  });
});
