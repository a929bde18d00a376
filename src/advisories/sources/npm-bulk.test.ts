// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} here is .npmrc syntax under test
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OsvRecord } from '../../model/index.ts';
import { type Route, startFixtureServer } from '../../testing/fixture-server.ts';
import { NPM_BULK_PATH, queryNpmBulk } from './npm-bulk.ts';
import { npmConfigFrom } from './npmrc.ts';
import { component, FAST, rejection, testdata } from './testing.ts';

const BULK = `/${NPM_BULK_PATH}`;

const COMPONENTS = [
  component('npm', 'lodash', '4.17.15'),
  component('npm', 'lodash-es', '4.17.15'),
  component('npm', 'minimist', '1.2.5'),
  component('npm', 'minimist', '0.0.8'),
  component('npm', 'express', '4.18.2'),
  component('npm', 'ms', '2.1.3'),
  component('npm', '@acme/ui-kit', '2.3.0'),
  component('npm', '@acme/ui-kit', '2.0.0'),
  // Never asked: unpinned, not from a registry, or another ecosystem.
  component('npm', 'left-pad'),
  component('npm', 'local-lib', '1.0.0', { type: 'path', path: '../local-lib', link: true }),
  component('PyPI', 'requests', '2.31.0'),
];

function bulkRoute(body: string, extra: Partial<Route> = {}): Route {
  return { method: 'POST', path: BULK, headers: { 'content-type': 'application/json' }, body, ...extra };
}

function ids(records: OsvRecord[]): string[] {
  return records.map((r) => r.id).sort();
}

describe('queryNpmBulk', () => {
  it('asks each registry for its packages, with its own credentials, and converts the answers', async () => {
    const npmjs = await startFixtureServer([bulkRoute(testdata('npm-bulk', 'npmjs-response.json'))]);
    const acme = await startFixtureServer([
      { ...bulkRoute(testdata('npm-bulk', 'acme-response.json')), path: `/npm/private${BULK}` },
    ]);
    const acmeHost = acme.url.replace('http:', '');
    const npmrc = npmConfigFrom(
      [
        {
          path: '/work/app/.npmrc',
          text: `registry=${npmjs.url}\n@acme:registry=${acme.url}/npm/private/\n${acmeHost}/npm/private/:_authToken=\${ACME_TOKEN}\n`,
        },
      ],
      { ACME_TOKEN: 'acme-secret' },
    );
    const lookup = await queryNpmBulk(COMPONENTS, { npmrc, fetch: FAST });

    assert.equal(npmjs.requests.length, 1);
    const publicRequest = npmjs.requests[0]!;
    assert.deepEqual(JSON.parse(publicRequest.body), {
      express: ['4.18.2'],
      lodash: ['4.17.15'],
      'lodash-es': ['4.17.15'],
      minimist: ['0.0.8', '1.2.5'],
      ms: ['2.1.3'],
    });
    assert.equal(publicRequest.headers['content-type'], 'application/json');
    assert.equal(publicRequest.headers.authorization, undefined);
    assert.equal(acme.requests.length, 1);
    assert.deepEqual(JSON.parse(acme.requests[0]!.body), { '@acme/ui-kit': ['2.0.0', '2.3.0'] });
    assert.equal(acme.requests[0]!.headers.authorization, 'Bearer acme-secret');

    assert.deepEqual(ids([...lookup.records]), [
      'GHSA-29mw-wpgm-hmr9',
      'GHSA-35jh-r3h4-6jhm',
      'GHSA-p6mc-m468-83gw',
      'GHSA-qw6h-vgh9-j6wx',
      'GHSA-rv95-896h-c2vc',
      'GHSA-vh95-rmgr-6w4m',
      'GHSA-xvch-5gv4-984h',
      'NPM-1000231',
    ]);
    // One record per GHSA, naming every package the registry listed it under.
    assert.deepEqual(lookup.lookup('npm', 'lodash-es'), [lookup.lookup('npm', 'lodash')[1]]);
    assert.deepEqual(lookup.lookup('npm', 'lodash')[1], {
      id: 'GHSA-35jh-r3h4-6jhm',
      modified: '1970-01-01T00:00:00Z',
      summary: 'Command Injection in lodash',
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H' }],
      affected: [
        {
          package: { ecosystem: 'npm', name: 'lodash' },
          ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '4.17.21' }] }],
          database_specific: { vulnerable_versions: '<4.17.21' },
        },
        {
          package: { ecosystem: 'npm', name: 'lodash-es' },
          ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '4.17.21' }] }],
          database_specific: { vulnerable_versions: '<4.17.21' },
        },
      ],
      references: [{ type: 'ADVISORY', url: 'https://github.com/advisories/GHSA-35jh-r3h4-6jhm' }],
      database_specific: { severity: 'HIGH', cwe_ids: ['CWE-77', 'CWE-94'], npm_advisory_id: 1106914 },
    });
    const moderate = lookup.lookup('npm', 'minimist').find((r) => r.id === 'GHSA-vh95-rmgr-6w4m');
    assert.equal(moderate?.database_specific?.severity, 'MODERATE');
    // No GHSA and no CVSS: the npm id, the label alone, and the asked versions inside `>2.0.0 <2.4.0`.
    assert.deepEqual(lookup.lookup('npm', '@acme/ui-kit'), [
      {
        id: 'NPM-1000231',
        modified: '1970-01-01T00:00:00Z',
        summary: 'Stored XSS in Tooltip content',
        affected: [
          {
            package: { ecosystem: 'npm', name: '@acme/ui-kit' },
            versions: ['2.3.0'],
            database_specific: { vulnerable_versions: '>2.0.0 <2.4.0' },
          },
        ],
        references: [
          { type: 'ADVISORY', url: 'https://npm.acme.example/-/npm/v1/security/advisories/1000231' },
        ],
        database_specific: { severity: 'LOW', cwe_ids: ['CWE-79'], npm_advisory_id: 1000231 },
      },
    ]);
    assert.deepEqual(lookup.lookup('npm', 'ms'), []);
    assert.deepEqual([npmjs.unused(), acme.unused()], [[], []]);
    await Promise.all([npmjs.close(), acme.close()]);
  });

  it('makes no request without npm registry components', async () => {
    const server = await startFixtureServer([]);
    const npmrc = npmConfigFrom([{ path: '.npmrc', text: `registry=${server.url}` }], {});
    const lookup = await queryNpmBulk([component('PyPI', 'requests', '2.31.0')], { npmrc, fetch: FAST });
    assert.deepEqual([lookup.records, server.requests], [[], []]);
    await server.close();
  });

  it('ignores advisories for packages it did not ask about', async () => {
    const server = await startFixtureServer([bulkRoute(testdata('npm-bulk', 'npmjs-response.json'))]);
    const npmrc = npmConfigFrom([{ path: '.npmrc', text: `registry=${server.url}` }], {});
    const lookup = await queryNpmBulk([component('npm', 'express', '4.18.2')], { npmrc, fetch: FAST });
    assert.deepEqual(ids([...lookup.records]), ['GHSA-qw6h-vgh9-j6wx', 'GHSA-rv95-896h-c2vc']);
    await server.close();
  });

  it('retries a 500, then succeeds', async () => {
    const server = await startFixtureServer([
      bulkRoute('', { status: 500, times: 1 }),
      bulkRoute(testdata('npm-bulk', 'npmjs-response.json')),
    ]);
    const npmrc = npmConfigFrom([{ path: '.npmrc', text: `registry=${server.url}` }], {});
    const lookup = await queryNpmBulk([component('npm', 'minimist', '1.2.5')], { npmrc, fetch: FAST });
    assert.deepEqual(ids([...lookup.records]), ['GHSA-vh95-rmgr-6w4m', 'GHSA-xvch-5gv4-984h']);
    assert.equal(server.requests.length, 2);
    assert.deepEqual(server.unused(), []);
    await server.close();
  });

  const failures: { name: string; route: Route; npmrc?: string; message: (url: string) => string }[] = [
    {
      name: 'a refused token',
      route: bulkRoute('{"error":"Unauthorized"}', { status: 401 }),
      npmrc: '//HOST/:_authToken=expired',
      message: (url) =>
        `${url}: HTTP 401; the credentials in .npmrc for this registry were refused; renew them`,
    },
    {
      name: 'a token from an unset variable',
      route: bulkRoute('', { status: 403 }),
      npmrc: '//HOST/:_authToken=${NPM_TOKEN}',
      message: (url) =>
        `${url}: HTTP 403; the credentials in .npmrc for this registry name an unset environment variable; set it`,
    },
    {
      name: 'missing credentials',
      route: bulkRoute('', { status: 401 }),
      message: (url) =>
        `${url}: HTTP 401; the registry wants credentials; add them to .npmrc (//host/path/:_authToken=…)`,
    },
    {
      name: 'a registry without the endpoint',
      route: bulkRoute('Not Found', { status: 404 }),
      message: (url) =>
        `${url}: HTTP 404; this registry does not serve npm's bulk advisory endpoint, use the OSV database instead`,
    },
    {
      name: 'a server error that persists',
      route: bulkRoute('', { status: 500 }),
      message: (url) =>
        `${url}: HTTP 500 Internal Server Error; check the URL, the network or the mirror setting`,
    },
    {
      name: 'a silent server',
      route: bulkRoute('{}', { delayMs: 500 }),
      message: (url) => `${url}: timed out; check the URL, the network or the mirror setting`,
    },
    {
      name: 'a body that is not JSON',
      route: bulkRoute('<html><body>Bad gateway</body></html>'),
      message: (url) =>
        `${url}: not valid JSON (Unexpected token '<', "<html><bod"... is not valid JSON); check the npm registry setting`,
    },
    {
      name: 'a body of the wrong shape',
      route: bulkRoute('{"minimist": [{"id": "1097678", "url": "u", "title": "t"}]}'),
      message: (url) =>
        `${url}: not a bulk advisory response ('minimist.0.id': Invalid input: expected number, received string); check the npm registry setting`,
    },
    {
      name: 'an unknown severity',
      route: bulkRoute(
        '{"minimist": [{"id": 1, "url": "u", "title": "t", "severity": "urgent", "vulnerable_versions": "*"}]}',
      ),
      message: (url) =>
        `${url}: not a bulk advisory response ('minimist.0.severity': Invalid option: expected one of "critical"|"high"|"moderate"|"low"|"info"); check the npm registry setting`,
    },
    {
      name: 'a range that does not parse',
      route: bulkRoute(
        '{"minimist": [{"id": 1, "url": "u", "title": "t", "severity": "low", "vulnerable_versions": ">=1.0.0 <"}]}',
      ),
      message: (url) =>
        `${url}: advisory 1 for minimist has an invalid vulnerable_versions '>=1.0.0 <'; check the npm registry setting`,
    },
  ];
  for (const { name, route, npmrc, message } of failures) {
    it(`fails on ${name} with one line naming the URL`, async () => {
      const server = await startFixtureServer([route]);
      const host = server.url.replace('http:', '');
      const text = `registry=${server.url}/\n${(npmrc ?? '').replace('//HOST', host)}`;
      const url = `${server.url}${BULK}`;
      const options = {
        npmrc: npmConfigFrom([{ path: '.npmrc', text }], {}),
        fetch: { ...FAST, timeoutMs: 100 },
      };
      assert.equal(
        await rejection(queryNpmBulk([component('npm', 'minimist', '1.2.5')], options)),
        message(url),
      );
      assert.deepEqual(server.unused(), []);
      await server.close();
    });
  }
});
