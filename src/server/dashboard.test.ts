// Serving the dashboard's built assets: headers, caching, compression, a rebuild while running,
// the page shown when there is no build, and that no request reaches a file outside the build.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import type { Database } from '../store/database.ts';
import { openPgliteForTest } from '../store/testing/backends.ts';
import { createServer } from './app.ts';
import { CONTENT_SECURITY_POLICY } from './dashboard.ts';

const SCRIPT = `console.log(${JSON.stringify('x'.repeat(4000))});\n`;

describe('dashboard assets', () => {
  let database: Database;
  let root: string;
  let build: string;
  let app: ReturnType<typeof createServer>;
  before(async () => {
    database = await openPgliteForTest();
    root = mkdtempSync(join(tmpdir(), 'palisade-dashboard-'));
    build = join(root, 'build');
    writeFileSync(join(root, 'secret.txt'), 'outside the build');
    app = createServer({ db: database.db, dashboardDir: build });
  });
  after(async () => {
    rmSync(root, { recursive: true, force: true });
    await database?.close();
  });

  test('no build: / says how to build it, the API still answers', async () => {
    const response = await app.request('/');
    assert.equal(response.status, 503);
    assert.equal(response.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
    assert.match(await response.text(), /npm run build:dashboard/);
    assert.equal((await app.request('/healthz')).status, 200);
    assert.equal((await app.request('/assets/index-abc.js')).status, 404);
  });

  test('the build: index.html revalidated, hashed assets cached for a year, gzip on request', async () => {
    mkdirSync(join(build, 'assets'), { recursive: true });
    writeFileSync(
      join(build, 'index.html'),
      '<!doctype html><script type="module" src="/assets/index-abc.js"></script>',
    );
    writeFileSync(join(build, 'assets', 'index-abc.js'), SCRIPT);
    writeFileSync(join(build, 'assets', 'index-abc.css'), 'body{color:black}');

    const page = await app.request('/');
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(page.headers.get('cache-control'), 'no-cache');
    assert.equal(page.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
    assert.match(CONTENT_SECURITY_POLICY, /script-src 'self';/);
    assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe-inline|unsafe-eval/);
    assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(page.headers.get('x-frame-options'), 'DENY');
    assert.match(await page.text(), /index-abc\.js/);
    const etag = page.headers.get('etag');
    assert.ok(etag);
    assert.equal((await app.request('/', { headers: { 'if-none-match': etag } })).status, 304);

    const plain = await app.request('/assets/index-abc.js');
    assert.equal(plain.status, 200);
    assert.equal(plain.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal(plain.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(plain.headers.get('content-encoding'), null);
    assert.equal(await plain.text(), SCRIPT);
    const zipped = await app.request('/assets/index-abc.js', { headers: { 'accept-encoding': 'gzip, br' } });
    assert.equal(zipped.headers.get('content-encoding'), 'gzip');
    assert.equal(zipped.headers.get('vary'), 'Accept-Encoding');
    const bytes = Buffer.from(await zipped.arrayBuffer());
    assert.ok(bytes.length < SCRIPT.length / 10, `compressed to ${bytes.length} bytes`);
    assert.equal(gunzipSync(bytes).toString('utf8'), SCRIPT);
    const css = await app.request('/assets/index-abc.css', { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(css.headers.get('content-type'), 'text/css; charset=utf-8');
    assert.equal(css.headers.get('content-encoding'), null, 'too small to be worth compressing');
  });

  test('nothing outside the build, no symlinks, no directories, no other paths', async () => {
    symlinkSync(join(root, 'secret.txt'), join(build, 'assets', 'link.js'));
    mkdirSync(join(build, 'assets', 'nested'));
    writeFileSync(join(build, 'assets', 'nested', 'a.js'), 'nested');
    writeFileSync(join(build, 'assets', '.hidden.js'), 'hidden');
    // A rebuild (new index.html) makes the handler read the directory again.
    writeFileSync(join(build, 'index.html'), '<!doctype html><title>rebuilt</title>');
    assert.match(await (await app.request('/')).text(), /rebuilt/);
    for (const path of [
      '/assets/link.js',
      '/assets/nested',
      '/assets/nested/a.js',
      '/assets/.hidden.js',
      '/assets/..%2Fsecret.txt',
      '/assets/..%2F..%2Fsecret.txt',
      '/assets/%2e%2e/secret.txt',
      '/../secret.txt',
      '/secret.txt',
      '/index.html',
      '/assets/',
    ]) {
      const response = await app.request(path);
      assert.equal(response.status, 404, path);
      assert.doesNotMatch(await response.text(), /outside the build/, path);
    }
    const api = await app.request('/api/v1/projects');
    assert.equal(api.status, 401);
    assert.equal(api.headers.get('x-content-type-options'), 'nosniff');
    assert.equal((await app.request('/openapi.json')).status, 200);
  });

  test('hostile asset paths: encoded traversal, backslashes, NUL, bad escapes, huge names are 404', async () => {
    for (const path of [
      '/assets/..%5csecret.txt',
      '/assets/..%5C..%5Csecret.txt',
      '/assets/%252e%252e%252fsecret.txt',
      '/assets/%25%32%65%25%32%65%25%32%66secret.txt',
      '/assets/index-abc.js%00',
      '/assets/index-abc.js%00.png',
      '/assets/%00',
      '/assets/%E0%A4%A',
      '/assets/%',
      '/assets/%ff%fe',
      '/assets/__proto__',
      '/assets/constructor',
      '/assets/hasOwnProperty',
      `/assets/${'a'.repeat(100_000)}.js`,
      `/${'../'.repeat(10_000)}etc/passwd`,
      '/assets/index-abc.js/',
      '/assets//index-abc.js',
      '/%2e%2e%2f%2e%2e%2fsecret.txt',
    ]) {
      const response = await app.request(path);
      assert.equal(response.status, 404, path.slice(0, 80));
      assert.doesNotMatch(await response.text(), /outside the build|stack|Error/, path.slice(0, 80));
    }
  });

  test('dashboardDir null: the API alone', async () => {
    const bare = createServer({ db: database.db, dashboardDir: null });
    const response = await bare.request('/');
    assert.equal(response.status, 404);
    assert.match(await response.text(), /no route for GET \//);
  });
});
