import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { PalisadeError } from '../model/index.ts';
import { type FixtureServer, type Route, startFixtureServer } from '../testing/fixture-server.ts';
import { type DbUpdateOptions, importDatabase, updateDatabase } from './db.ts';
import { AdvisoryStore } from './store/reader.ts';

const testdata = join(dirname(fileURLToPath(import.meta.url)), 'testdata');
const file = (path: string): Buffer => readFileSync(join(testdata, path));

function exportRoutes(): Route[] {
  return [
    { path: '/osv/Go/all.zip', body: file('osv/Go-all.zip') },
    { path: '/osv/crates.io/all.zip', body: file('osv/crates.io-all.zip') },
    { path: '/osv/PyPI/all.zip', body: file('osv/PyPI-all.zip') },
    { path: '/epss.csv.gz', body: file('epss_scores-sample.csv.gz') },
    { path: '/kev.json', body: file('known_exploited_vulnerabilities.json') },
  ];
}

function options(server: FixtureServer, overrides: Partial<DbUpdateOptions> = {}): DbUpdateOptions {
  return {
    ecosystems: ['Go', 'crates.io', 'PyPI'],
    osvUrl: `${server.url}/osv`,
    epssUrl: `${server.url}/epss.csv.gz`,
    kevUrl: `${server.url}/kev.json`,
    fetch: { retries: 1, backoffMs: 1, timeoutMs: 2000 },
    ...overrides,
  };
}

async function networkError(promise: Promise<unknown>): Promise<PalisadeError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof PalisadeError, String(error));
    assert.ok(!error.message.includes('\n'));
    return error;
  }
  return assert.fail('expected an error');
}

describe('advisory database', () => {
  let server: FixtureServer;
  let root: string;
  before(async () => {
    server = await startFixtureServer(exportRoutes());
    root = mkdtempSync(join(tmpdir(), 'palisade-db-'));
  });
  after(() => server.close());

  it('downloads the real OSV exports, EPSS and KEV, and indexes them by package', async () => {
    const manifest = await updateDatabase(root, options(server));
    assert.deepEqual(server.unused(), []);
    assert.equal(manifest.ecosystems.Go?.count, 4291);
    assert.equal(manifest.ecosystems['crates.io']?.count, 1206);
    assert.equal(manifest.ecosystems.PyPI?.count, 2661);
    assert.equal(manifest.kev?.count, 7);
    assert.equal(manifest.epss?.count, 12);
    const store = AdvisoryStore.open(root)!;
    const xnet = store.lookup('Go', 'golang.org/x/net').map((r) => r.id);
    assert.ok(xnet.includes('GO-2023-2102'), 'HTTP/2 rapid reset is indexed under golang.org/x/net');
    assert.ok(store.lookup('PyPI', 'Django').length > 50, 'PyPI names are looked up in their normal form');
    assert.deepEqual(store.lookup('PyPI', 'pyyaml'), store.lookup('PyPI', 'PyYAML'));
    assert.deepEqual(store.lookup('npm', 'lodash'), []);
    assert.equal(store.kev('CVE-2023-44487')?.dateAdded, '2023-10-10');
    assert.equal(store.epss('CVE-2023-44487')?.percentile, 0.99963);
    assert.equal(store.epss('CVE-1999-0001'), undefined);
    store.close();
  });

  it('keeps the previous database whole when a source fails, is hostile or corrupt', async () => {
    const before = AdvisoryStore.open(root)!;
    const generation = before.dir;
    before.close();
    const failures: [string, Route[]][] = [
      ['500', [{ path: '/osv/Go/all.zip', status: 500 }]],
      ['timeout', [{ path: '/osv/Go/all.zip', delayMs: 500, body: 'late' }]],
      ['zip bomb', [{ path: '/osv/Go/all.zip', body: file('hostile/bomb.zip') }]],
      ['malformed record', [{ path: '/osv/Go/all.zip', body: file('hostile/malformed-record.zip') }]],
      ['truncated JSON', [{ path: '/osv/Go/all.zip', body: file('hostile/not-json.zip') }]],
      ['truncated archive', [{ path: '/osv/Go/all.zip', body: file('hostile/truncated.zip') }]],
    ];
    const messages: string[] = [];
    for (const [, routes] of failures) {
      const bad = await startFixtureServer(routes);
      const error = await networkError(
        updateDatabase(
          root,
          options(bad, {
            ecosystems: ['Go'],
            epssUrl: false,
            kevUrl: false,
            fetch: { retries: 0, timeoutMs: 100 },
          }),
        ),
      );
      messages.push(error.message);
      await bad.close();
      const store = AdvisoryStore.open(root)!;
      assert.equal(store.dir, generation);
      assert.equal(store.manifest.ecosystems.Go?.count, 4291);
      assert.ok(store.lookup('Go', 'golang.org/x/net').length > 0);
      store.close();
      assert.equal(
        readdirSync(root).filter((e) => e.startsWith('gen-')).length,
        1,
        'no partial generation left',
      );
    }
    assert.match(messages[0]!, /\/osv\/Go\/all\.zip: HTTP 500/);
    assert.match(messages[1]!, /\/osv\/Go\/all\.zip: timed out/);
    assert.match(messages[2]!, /GHSA-bomb-0000-0000\.json: uncompressed size over the limit/);
    assert.match(messages[3]!, /GO-2020-0002\.json: not an OSV record \('modified': /);
    assert.match(messages[4]!, /GO-2020-0003\.json: not valid JSON/);
    assert.match(messages[5]!, /all\.zip: .*corrupt/);
  });

  it('refreshes incrementally from modified_id.csv when it knows where it stopped', async () => {
    const store = AdvisoryStore.open(root)!;
    const since = store.manifest.ecosystems['crates.io']!.lastModified;
    const record = store.lookup('crates.io', 'tokio')[0]!;
    store.close();
    const updated = { ...record, modified: '2099-01-01T00:00:00Z', summary: 'updated upstream' };
    const incremental = await startFixtureServer([
      { path: '/osv/crates.io/modified_id.csv', body: `2099-01-01T00:00:00Z,${record.id}\n${since},OLD-1\n` },
      { path: `/osv/crates.io/${record.id}.json`, body: JSON.stringify(updated) },
    ]);
    const manifest = await updateDatabase(
      root,
      options(incremental, { ecosystems: ['crates.io'], epssUrl: false, kevUrl: false }),
    );
    assert.deepEqual(incremental.unused(), []);
    assert.equal(incremental.requests.length, 2, 'no full archive download');
    await incremental.close();
    assert.equal(manifest.ecosystems['crates.io']?.count, 1206);
    assert.equal(manifest.ecosystems['crates.io']?.lastModified, '2099-01-01T00:00:00Z');
    assert.equal(manifest.ecosystems.Go?.count, 4291, 'other ecosystems carried over');
    assert.equal(manifest.kev?.count, 7, 'KEV carried over');
    const after = AdvisoryStore.open(root)!;
    assert.equal(
      after.lookup('crates.io', 'tokio').find((r) => r.id === record.id)?.summary,
      'updated upstream',
    );
    after.close();
  });

  it('imports an export archive or a directory for air-gapped installs', async () => {
    const offlineRoot = mkdtempSync(join(tmpdir(), 'palisade-import-'));
    await importDatabase(offlineRoot, join(testdata, 'osv/crates.io-all.zip'));
    const manifest = await importDatabase(offlineRoot, join(testdata, 'osv/npm'));
    assert.equal(manifest.ecosystems['crates.io']?.count, 1206);
    assert.ok((manifest.ecosystems.npm?.count ?? 0) >= 40);
    const store = AdvisoryStore.open(offlineRoot)!;
    assert.ok(store.lookup('npm', 'lodash').some((r) => r.id === 'GHSA-35jh-r3h4-6jhm'));
    store.close();
    const error = await networkError(importDatabase(offlineRoot, join(testdata, 'nope.zip')));
    assert.match(error.message, /nope\.zip: no such file or directory; give an OSV all\.zip/);
  });
});
