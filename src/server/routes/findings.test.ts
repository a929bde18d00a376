// Hostile query strings on the findings list and ids on the finding routes, on both backends:
// each is a 400 naming the parameter, or an answer that treats the value as plain text.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Database } from '../../store/database.ts';
import { testBackends } from '../../store/testing/backends.ts';
import { npm, scanResult } from '../testing/fixtures.ts';
import { type Harness, harness } from '../testing/harness.ts';

const error = (r: { json: unknown }) =>
  (r.json as { error: { status: number; code: string; message: string } }).error;

const long = 'x'.repeat(10_000);
const SEVERITY = 'expected one of "critical"|"high"|"medium"|"low"|"info"';

/** [query string, the 400 message] */
const REFUSED: [string, string][] = [
  ['limit=-1', 'query: limit: Too small: expected number to be >=1'],
  ['limit=0', 'query: limit: Too small: expected number to be >=1'],
  ['limit=', 'query: limit: Too small: expected number to be >=1'],
  ['limit=501', 'query: limit: Too big: expected number to be <=500'],
  ['limit=1.5', 'query: limit: Invalid input: expected int, received number'],
  ['limit=abc', 'query: limit: Invalid input: expected number, received NaN'],
  ['limit=Infinity', 'query: limit: Invalid input: expected number, received Infinity'],
  ['offset=-5', 'query: offset: Too small: expected number to be >=0'],
  ['offset=99999999999999999999', 'query: offset: Too big: expected int to be <=9007199254740991'],
  ['offset=1e300', 'query: offset: Too big: expected int to be <=9007199254740991'],
  [`q=${long}`, 'query: q: Too big: expected string to have <=200 characters'],
  ['q=%00', 'query: q: a search has no control characters (PostgreSQL refuses NUL)'],
  ['q=a%0Ab', 'query: q: a search has no control characters (PostgreSQL refuses NUL)'],
  [`branch=${long}`, 'query: branch: Too big: expected string to have <=255 characters'],
  ['branch=%00', 'query: branch: a branch name has no control characters'],
  ['severity=critical,%00', `query: severity[1]: Invalid option: ${SEVERITY}`],
  ['kev=maybe', 'query: kev: Invalid option: expected one of "true"|"false"'],
  [
    'reachability=__proto__',
    'query: reachability[0]: Invalid option: expected one of "unreachable"|"imported"|"function-reachable"|"unknown"',
  ],
  [
    "triage=' OR 1=1 --",
    'query: triage[0]: Invalid option: expected one of "none"|"accepted_risk"|"false_positive"|"not_affected"',
  ],
];

/** [query string, findings it matches]: SQL-ish and LIKE-ish text is searched for literally. */
const LITERAL: [string, number][] = [
  ['q=minimist', 1],
  ["q=' OR 1=1 --", 0],
  ['q=%25', 0],
  ['q=_', 0],
  ['q=%5C', 0],
  ['q=%ff', 0],
  ["branch='; DROP TABLE findings; --", 0],
  [`severity=${'critical,'.repeat(2000)}`, 1],
  [`x=${long}`, 1],
  ['offset=2147483648', 1],
];

for (const backend of testBackends()) {
  describe(`findings routes with hostile input (${backend.name})`, { skip: backend.skip }, () => {
    let database: Database;
    let h: Harness;
    before(async () => {
      database = await backend.open();
      h = await harness(database);
      const upload = await h.request('POST', '/api/v1/uploads?project=hostile', {
        body: await scanResult([npm('minimist', '1.2.5')]),
      });
      assert.equal(upload.status, 201, upload.text);
    });
    after(() => database?.close());

    for (const [query, message] of REFUSED) {
      test(`400: ${query.slice(0, 40)}`, async () => {
        const response = await h.request('GET', `/api/v1/findings?${query}`);
        assert.equal(response.status, 400);
        assert.deepEqual(error(response), { status: 400, code: 'bad_request', message });
      });
    }

    test('SQL and LIKE metacharacters, duplicates and unknown parameters are plain text', async () => {
      for (const [query, total] of LITERAL) {
        const response = await h.request('GET', `/api/v1/findings?${query}&severity=critical,high`);
        assert.equal(response.status, 200, query.slice(0, 40));
        assert.equal((response.json as { total: number }).total, total, query.slice(0, 40));
      }
      const beyond = await h.request('GET', '/api/v1/findings?offset=2147483648&severity=critical,high');
      assert.deepEqual((beyond.json as { findings: unknown[] }).findings, []);
      assert.equal((await database.db.selectFrom('findings').select('id').execute()).length, 1);
    });

    test('a NUL character anywhere in a JSON body is a 400, not a PostgreSQL error (500)', async () => {
      const NUL = 'the request body holds a NUL character (\\u0000) in a string; remove it';
      const upload = JSON.stringify(await scanResult([npm('minimist', '1.2.5')])).replace(
        '"minimist"',
        '"mini\\u0000mist"',
      );
      const list = await h.request('GET', '/api/v1/findings');
      const id = (list.json as { findings: { id: number }[] }).findings[0]?.id;
      const cases: [string, string, { raw: string } | { body: unknown }][] = [
        ['POST', '/api/v1/uploads?project=hostile', { raw: upload }],
        ['PATCH', `/api/v1/findings/${id}`, { body: { state: 'false_positive', reason: 'a\u0000b' } }],
        ['POST', '/api/v1/tokens', { body: { name: 'ci', grants: [{ role: 'viewer' }], 'k\u0000': 1 } }],
        [
          'POST',
          '/api/v1/events',
          { body: { project: 'hostile', kind: 'incident', data: { x: ['\u0000'] } } },
        ],
      ];
      for (const [method, path, body] of cases) {
        const response = await h.request(method, path, {
          ...body,
          headers: { 'content-type': 'application/json' },
        });
        assert.equal(response.status, 400, path);
        assert.equal(error(response).message, NUL, path);
      }
      // Text that only looks like an escape is stored as it is.
      const literal = await h.request('PATCH', `/api/v1/findings/${id}`, {
        body: { state: 'false_positive', reason: 'path C:\\u0000x' },
      });
      assert.equal(literal.status, 200, literal.text);
    });

    test('ids that are not positive integers are 400, echoed briefly; unknown ones 404', async () => {
      const cases: [string, number, string][] = [
        ['0', 400, 'id must be a positive integer, not "0"'],
        ['-1', 400, 'id must be a positive integer, not "-1"'],
        ['1e3', 400, 'id must be a positive integer, not "1e3"'],
        ['..%2f', 400, 'id must be a positive integer, not "../"'],
        ['a'.repeat(10_000), 400, `id must be a positive integer, not "${'a'.repeat(20)}…"`],
        ['9999999999999999', 404, 'finding not found'],
        ['2147483648', 404, 'finding not found'],
      ];
      for (const [id, status, message] of cases) {
        const response = await h.request('GET', `/api/v1/findings/${id}`);
        assert.equal(response.status, status, id.slice(0, 20));
        assert.equal(error(response).message, message);
      }
    });
  });
}
