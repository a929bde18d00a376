import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { OsvRecord } from '../../model/index.ts';
import { type FixtureServer, type Route, startFixtureServer } from '../../testing/fixture-server.ts';
import { queryOsvApi } from './osv-api.ts';
import { component, FAST, rejection, testdata } from './testing.ts';

const IDS = [
  'GHSA-29mw-wpgm-hmr9',
  'GHSA-35jh-r3h4-6jhm',
  'GHSA-c2qf-rxjj-qqgw',
  'GHSA-p6mc-m468-83gw',
  'GHSA-qw6h-vgh9-j6wx',
  'GHSA-rv95-896h-c2vc',
  'GHSA-xvch-5gv4-984h',
];
const RECORDS = new Map(IDS.map((id) => [id, JSON.parse(testdata('osv', `${id}.json`)) as OsvRecord]));

/** What api.osv.dev answers for these versions; lodash's answer comes in two pages. */
const ANSWERS: Record<string, string[][]> = {
  'lodash@4.17.15': [['GHSA-35jh-r3h4-6jhm', 'GHSA-p6mc-m468-83gw'], ['GHSA-29mw-wpgm-hmr9']],
  'minimist@1.2.5': [['GHSA-xvch-5gv4-984h']],
  'express@4.18.2': [['GHSA-qw6h-vgh9-j6wx', 'GHSA-rv95-896h-c2vc']],
  'semver@7.5.1': [['GHSA-c2qf-rxjj-qqgw']],
};

interface BatchQuery {
  package: { ecosystem: string; name: string };
  version: string;
  page_token?: string;
}

/** A querybatch endpoint over ANSWERS, honouring page tokens as the real API does. */
function querybatch(modified: Record<string, string> = {}, extra: Partial<Route> = {}): Route {
  return {
    method: 'POST',
    path: '/v1/querybatch',
    ...extra,
    handle: (_request, body) => {
      const { queries } = JSON.parse(body) as { queries: BatchQuery[] };
      const results = queries.map((q) => {
        const pages = ANSWERS[`${q.package.name}@${q.version}`] ?? [[]];
        const page = q.page_token ? Number(q.page_token.replace('page-', '')) : 0;
        const ids = pages[page] ?? [];
        return {
          ...(ids.length > 0
            ? { vulns: ids.map((id) => ({ id, modified: modified[id] ?? RECORDS.get(id)!.modified })) }
            : {}),
          ...(page + 1 < pages.length ? { next_page_token: `page-${page + 1}` } : {}),
        };
      });
      return { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ results }) };
    },
  };
}

function vulnRoutes(ids: readonly string[] = IDS): Route[] {
  return ids.map((id) => ({ path: `/v1/vulns/${id}`, body: testdata('osv', `${id}.json`) }));
}

const COMPONENTS = [
  component('npm', 'lodash', '4.17.15'),
  component('npm', 'minimist', '1.2.5'),
  component('npm', 'express', '4.18.2'),
  component('npm', 'semver', '7.5.1'),
  component('PyPI', 'requests', '2.31.0'),
  // Asked once however often it appears; never asked: unpinned, or not from a registry.
  component('npm', 'lodash', '4.17.15'),
  component('npm', 'left-pad'),
  component('npm', 'internal-lib', '1.0.0', { type: 'git', url: 'https://github.com/acme/internal-lib.git' }),
];

function paths(server: FixtureServer, method: string): string[] {
  return server.requests.filter((r) => r.method === method).map((r) => r.path);
}

function ids(records: OsvRecord[]): string[] {
  return records.map((r) => r.id).sort();
}

describe('queryOsvApi', () => {
  it('batches the queries, follows page tokens per query and fetches each advisory once', async () => {
    const server = await startFixtureServer([querybatch(), ...vulnRoutes()]);
    const lookup = await queryOsvApi(COMPONENTS, { baseUrl: `${server.url}/`, fetch: FAST });

    const bodies = server.requests.filter((r) => r.method === 'POST').map((r) => JSON.parse(r.body));
    assert.deepEqual(bodies, [
      {
        queries: [
          { package: { ecosystem: 'PyPI', name: 'requests' }, version: '2.31.0' },
          { package: { ecosystem: 'npm', name: 'express' }, version: '4.18.2' },
          { package: { ecosystem: 'npm', name: 'lodash' }, version: '4.17.15' },
          { package: { ecosystem: 'npm', name: 'minimist' }, version: '1.2.5' },
          { package: { ecosystem: 'npm', name: 'semver' }, version: '7.5.1' },
        ],
      },
      {
        queries: [
          { package: { ecosystem: 'npm', name: 'lodash' }, version: '4.17.15', page_token: 'page-1' },
        ],
      },
    ]);
    assert.equal(server.requests[0]?.headers['content-type'], 'application/json');
    assert.deepEqual(paths(server, 'GET').sort(), IDS.map((id) => `/v1/vulns/${id}`).sort());
    assert.deepEqual(ids(lookup.lookup('npm', 'lodash')), [
      'GHSA-29mw-wpgm-hmr9',
      'GHSA-35jh-r3h4-6jhm',
      'GHSA-p6mc-m468-83gw',
    ]);
    // Indexed under every package a record names, as the store does.
    assert.deepEqual(ids(lookup.lookup('npm', 'lodash-es')), ids(lookup.lookup('npm', 'lodash')));
    assert.deepEqual(ids(lookup.lookup('npm', 'express')), ['GHSA-qw6h-vgh9-j6wx', 'GHSA-rv95-896h-c2vc']);
    assert.deepEqual(lookup.lookup('PyPI', 'requests'), []);
    assert.deepEqual(lookup.lookup('npm', 'minimist')[0], RECORDS.get('GHSA-xvch-5gv4-984h'));
    assert.deepEqual(server.unused(), []);
    await server.close();
  });

  it('makes no request when nothing is queryable', async () => {
    const server = await startFixtureServer([]);
    const lookup = await queryOsvApi([component('npm', 'left-pad')], { baseUrl: server.url, fetch: FAST });
    assert.deepEqual([lookup.records, server.requests], [[], []]);
    await server.close();
  });

  it('splits 1,001 components into requests of 1,000 and 1 and fetches each advisory once', async () => {
    const many = Array.from({ length: 1001 }, (_, i) => component('npm', `pkg-${i}`, '1.0.0'));
    many[500] = component('npm', 'lodash', '4.17.15');
    many[1000] = component('npm', 'minimist', '1.2.5');
    const wanted = [
      'GHSA-29mw-wpgm-hmr9',
      'GHSA-35jh-r3h4-6jhm',
      'GHSA-p6mc-m468-83gw',
      'GHSA-xvch-5gv4-984h',
    ];
    const server = await startFixtureServer([querybatch(), ...vulnRoutes(wanted)]);
    const lookup = await queryOsvApi(many, { baseUrl: server.url, fetch: FAST });
    const sizes = server.requests
      .filter((r) => r.method === 'POST')
      .map((r) => (JSON.parse(r.body) as { queries: unknown[] }).queries.length);
    // 1,000 + 1, then lodash's second page.
    assert.deepEqual(sizes, [1000, 1, 1]);
    assert.equal(paths(server, 'GET').length, 4);
    assert.deepEqual(ids([...lookup.records]), wanted);
    assert.deepEqual(server.unused(), []);
    await server.close();
  });

  it('serves unchanged advisories from the cache on the next run and refetches changed ones', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'palisade-osv-api-'));
    const changed = { ...RECORDS.get('GHSA-xvch-5gv4-984h')!, modified: '2025-01-02T03:04:05.123456Z' };
    const modified: Record<string, string> = {};
    const server = await startFixtureServer([
      querybatch(modified),
      ...vulnRoutes().map((route) => ({ ...route, times: 1 })),
      { path: '/v1/vulns/GHSA-xvch-5gv4-984h', body: JSON.stringify(changed) },
    ]);
    const options = { baseUrl: server.url, fetch: { ...FAST, cacheDir } };
    const run = async (): Promise<{ gets: string[]; posts: number; records: OsvRecord[] }> => {
      const before = server.requests.length;
      const lookup = await queryOsvApi(COMPONENTS, options);
      const made = server.requests.slice(before);
      return {
        gets: made.filter((r) => r.method === 'GET').map((r) => r.path),
        posts: made.filter((r) => r.method === 'POST').length,
        records: [...lookup.records],
      };
    };

    assert.equal((await run()).gets.length, 7);
    const second = await run();
    assert.deepEqual([second.gets, second.posts, ids(second.records)], [[], 2, IDS]);

    modified['GHSA-xvch-5gv4-984h'] = changed.modified;
    const third = await run();
    assert.deepEqual(third.gets, ['/v1/vulns/GHSA-xvch-5gv4-984h']);
    assert.equal(third.records.find((r) => r.id === 'GHSA-xvch-5gv4-984h')?.modified, changed.modified);
    assert.deepEqual(server.unused(), []);

    // Offline repeats the last online answers from the cache, without a single request.
    const before = server.requests.length;
    const replay = await queryOsvApi(COMPONENTS, { ...options, fetch: { ...options.fetch, offline: true } });
    assert.equal(server.requests.length, before);
    assert.deepEqual(ids([...replay.records]), IDS);
    assert.equal(replay.lookup('npm', 'minimist')[0]?.modified, changed.modified);
    await server.close();
  });

  it('fails clearly offline when the cache has no answer', async () => {
    const server = await startFixtureServer([]);
    const cacheDir = mkdtempSync(join(tmpdir(), 'palisade-osv-api-'));
    const components = [component('npm', 'lodash', '4.17.15')];
    for (const fetch of [{ offline: true }, { offline: true, cacheDir }]) {
      assert.equal(
        await rejection(queryOsvApi(components, { baseUrl: server.url, fetch })),
        `${server.url}/v1/querybatch: no cached answer for npm lodash@4.17.15 and --offline forbids the network; scan once online or build the local database with \`palisade db update\``,
      );
    }
    assert.deepEqual(server.requests, []);
    await server.close();
  });

  it('treats a damaged answer cache as empty', async () => {
    const server = await startFixtureServer([querybatch(), ...vulnRoutes(['GHSA-xvch-5gv4-984h'])]);
    const minimist = [component('npm', 'minimist', '1.2.5')];
    const key = JSON.stringify(['npm', 'minimist', '1.2.5']);
    for (const damaged of [
      '{"format": 1, "answers": {',
      `{"format": 1, "answers": {${JSON.stringify(key)}: [7]}}`,
    ]) {
      const cacheDir = mkdtempSync(join(tmpdir(), 'palisade-osv-api-'));
      mkdirSync(join(cacheDir, 'osv-api'));
      writeFileSync(join(cacheDir, 'osv-api', 'queries.json'), damaged);
      const offline = queryOsvApi(minimist, { baseUrl: server.url, fetch: { cacheDir, offline: true } });
      assert.match(await rejection(offline), /no cached answer for npm minimist@1\.2\.5/);
      const online = await queryOsvApi(minimist, { baseUrl: server.url, fetch: { ...FAST, cacheDir } });
      assert.deepEqual(ids([...online.records]), ['GHSA-xvch-5gv4-984h']);
    }
    assert.deepEqual(server.unused(), []);
    await server.close();
  });

  it('fails clearly offline when an advisory is not cached', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'palisade-osv-api-'));
    const server = await startFixtureServer([
      querybatch(),
      { path: '/v1/vulns/GHSA-xvch-5gv4-984h', status: 503 },
    ]);
    const minimist = [component('npm', 'minimist', '1.2.5')];
    await rejection(queryOsvApi(minimist, { baseUrl: server.url, fetch: { ...FAST, retries: 0, cacheDir } }));
    assert.equal(
      await rejection(queryOsvApi(minimist, { baseUrl: server.url, fetch: { cacheDir, offline: true } })),
      `${server.url}/v1/vulns/GHSA-xvch-5gv4-984h: not in the cache and --offline forbids the network; run once online or import the data`,
    );
    assert.equal(server.requests.length, 2);
    await server.close();
  });

  it('retries a 500 on querybatch and on a record, then succeeds', async () => {
    const server = await startFixtureServer([
      { method: 'POST', path: '/v1/querybatch', status: 500, times: 1 },
      querybatch(),
      { path: '/v1/vulns/GHSA-xvch-5gv4-984h', status: 502, times: 1 },
      ...vulnRoutes(['GHSA-xvch-5gv4-984h']),
    ]);
    const lookup = await queryOsvApi([component('npm', 'minimist', '1.2.5')], {
      baseUrl: server.url,
      fetch: FAST,
    });
    assert.deepEqual(ids([...lookup.records]), ['GHSA-xvch-5gv4-984h']);
    assert.equal(server.requests.length, 4);
    assert.deepEqual(server.unused(), []);
    await server.close();
  });

  it('names the URL when the API answers with an error', async () => {
    const server = await startFixtureServer([{ method: 'POST', path: '/v1/querybatch', status: 400 }]);
    assert.equal(
      await rejection(queryOsvApi(COMPONENTS, { baseUrl: server.url, fetch: FAST })),
      `${server.url}/v1/querybatch: HTTP 400 Bad Request; check the URL, the network or the mirror setting`,
    );
    assert.equal(server.requests.length, 1);
    await server.close();
  });

  const malformed: { name: string; routes: Route[]; message: (url: string) => string }[] = [
    {
      name: 'querybatch JSON that does not parse',
      routes: [{ method: 'POST', path: '/v1/querybatch', body: '{"results": [{"vulns": [' }],
      message: (url) =>
        `${url}/v1/querybatch: not valid JSON (Unexpected end of JSON input); check the OSV API URL or mirror`,
    },
    {
      name: 'a querybatch answer of the wrong shape',
      routes: [{ method: 'POST', path: '/v1/querybatch', body: '{"results": [{"vulns": [{"id": 7}]}]}' }],
      message: (url) =>
        `${url}/v1/querybatch: not a querybatch response ('results.0.vulns.0.id': Invalid input: expected string, received number); check the OSV API URL or mirror`,
    },
    {
      name: 'fewer results than queries',
      routes: [{ method: 'POST', path: '/v1/querybatch', body: '{"results": []}' }],
      message: (url) => `${url}/v1/querybatch: 0 results for 1 queries; check the OSV API URL or mirror`,
    },
    {
      name: 'a record that is not JSON',
      routes: [querybatch(), { path: '/v1/vulns/GHSA-xvch-5gv4-984h', body: '<html>rate limited</html>' }],
      message: (url) =>
        `${url}/v1/vulns/GHSA-xvch-5gv4-984h: not valid JSON (Unexpected token '<', "<html>rate"... is not valid JSON); the advisory source is corrupt`,
    },
    {
      name: 'a record that is not OSV',
      routes: [
        querybatch(),
        { path: '/v1/vulns/GHSA-xvch-5gv4-984h', body: '{"id": "GHSA-xvch-5gv4-984h"}' },
      ],
      message: (url) =>
        `${url}/v1/vulns/GHSA-xvch-5gv4-984h: not an OSV record ('modified': Invalid input: expected string, received undefined); the advisory source is corrupt`,
    },
    {
      name: 'a record under another id',
      routes: [
        querybatch(),
        { path: '/v1/vulns/GHSA-xvch-5gv4-984h', body: testdata('osv', 'GHSA-c2qf-rxjj-qqgw.json') },
      ],
      message: (url) =>
        `${url}/v1/vulns/GHSA-xvch-5gv4-984h: answered GHSA-c2qf-rxjj-qqgw instead of GHSA-xvch-5gv4-984h; check the OSV API URL or mirror`,
    },
  ];
  for (const { name, routes, message } of malformed) {
    it(`rejects ${name} with one line naming the URL`, async () => {
      const server = await startFixtureServer(routes);
      const components = [component('npm', 'minimist', '1.2.5')];
      const code = name.startsWith('a record that is') ? 'input' : 'network';
      assert.equal(
        await rejection(queryOsvApi(components, { baseUrl: server.url, fetch: FAST }), code),
        message(server.url),
      );
      assert.deepEqual(server.unused(), []);
      await server.close();
    });
  }

  it('stops a server that never stops paging', async () => {
    const server = await startFixtureServer([
      {
        method: 'POST',
        path: '/v1/querybatch',
        body: JSON.stringify({ results: [{ vulns: [], next_page_token: 'again' }] }),
      },
    ]);
    assert.equal(
      await rejection(
        queryOsvApi([component('npm', 'lodash', '4.17.15')], { baseUrl: server.url, fetch: FAST }),
      ),
      `${server.url}/v1/querybatch: still paging after 100 pages for npm lodash@4.17.15; check the OSV API URL or mirror`,
    );
    assert.equal(server.requests.length, 100);
    await server.close();
  });

  it('keeps at most `concurrency` record downloads in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const slow = IDS.map(
      (id): Route => ({
        path: `/v1/vulns/${id}`,
        delayMs: 20,
        handle: () => {
          inFlight++;
          peak = Math.max(peak, inFlight);
          setTimeout(() => inFlight--, 20);
          return { body: testdata('osv', `${id}.json`) };
        },
      }),
    );
    const server = await startFixtureServer([querybatch(), ...slow]);
    await queryOsvApi(COMPONENTS, { baseUrl: server.url, fetch: FAST, concurrency: 2 });
    assert.equal(peak, 2);
    assert.deepEqual(server.unused(), []);
    await server.close();
  });
});
