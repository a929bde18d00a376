// OpenVEX export of a project's branch: triage and fixes become VEX statements.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Database } from '../store/database.ts';
import { testBackends } from '../store/testing/backends.ts';
import { npm, scanResult } from './testing/fixtures.ts';
import { type Harness, harness } from './testing/harness.ts';

for (const backend of testBackends()) {
  describe(`OpenVEX export (${backend.name})`, { skip: backend.skip }, () => {
    let database: Database;
    let h: Harness;
    before(async () => {
      database = await backend.open();
      h = await harness(database);
    });
    after(() => database?.close());

    test('statements: affected with the fix, not_affected with a justification, accepted risk, fixed', async () => {
      h.clock.set('2026-08-01T00:00:00Z');
      const first = await h.request('POST', '/api/v1/uploads?project=vex&branch=main', {
        body: await scanResult([
          npm('lodash', '4.17.15'),
          npm('minimist', '1.2.5'),
          npm('ip', '1.1.8'),
          npm('cookie', '0.6.0'),
        ]),
      });
      assert.equal(first.status, 201);
      const list = await h.request('GET', '/api/v1/projects/vex/findings?limit=100');
      const id = (rule: string) =>
        (list.json as { findings: { id: number; rule_id: string }[] }).findings.find(
          (f) => f.rule_id === rule,
        )!.id;
      h.clock.set('2026-08-02T00:00:00Z');
      await h.request('PATCH', `/api/v1/findings/${id('GHSA-35jh-r3h4-6jhm')}`, {
        body: {
          state: 'not_affected',
          justification: 'vulnerable_code_not_in_execute_path',
          reason: 'template() is never called',
        },
      });
      await h.request('PATCH', `/api/v1/findings/${id('GHSA-29mw-wpgm-hmr9')}`, {
        body: { state: 'false_positive', reason: 'vendored copy' },
      });
      await h.request('PATCH', `/api/v1/findings/${id('GHSA-78xj-cgh5-2h22')}`, {
        body: { state: 'accepted_risk', reason: 'no untrusted input', expiresAt: '2026-12-31T00:00:00Z' },
      });
      h.clock.set('2026-08-03T00:00:00Z');
      const second = await h.request('POST', '/api/v1/uploads?project=vex&branch=main', {
        body: await scanResult([
          npm('lodash', '4.17.15'),
          npm('minimist', '1.2.5'),
          npm('ip', '1.1.8'),
          npm('cookie', '0.7.0'),
        ]),
      });
      assert.equal(second.status, 201);

      const response = await h.request('GET', '/api/v1/projects/vex/openvex?author=security%40example.com');
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'application/openvex+json');
      const doc = response.json as {
        '@context': string;
        '@id': string;
        author: string;
        timestamp: string;
        version: number;
        statements: Record<string, unknown>[];
      };
      assert.equal(doc['@context'], 'https://openvex.dev/ns/v0.2.0');
      assert.match(doc['@id'], /^https:\/\/openvex\.dev\/docs\/palisade\/vex\/main\/[0-9a-f]{32}$/);
      assert.equal(doc.author, 'security@example.com');
      assert.equal(doc.timestamp, '2026-08-03T00:00:00.000Z');
      assert.deepEqual(doc.statements, [
        {
          vulnerability: { name: 'GHSA-29mw-wpgm-hmr9', aliases: ['CVE-2020-28500'] },
          products: [{ '@id': 'pkg:npm/lodash@4.17.15' }],
          status: 'not_affected',
          justification: 'vulnerable_code_not_present',
          impact_statement: 'false positive: vendored copy',
          timestamp: '2026-08-03T00:00:00.000Z',
        },
        {
          vulnerability: { name: 'GHSA-35jh-r3h4-6jhm', aliases: ['CVE-2021-23337'] },
          products: [{ '@id': 'pkg:npm/lodash@4.17.15' }],
          status: 'not_affected',
          justification: 'vulnerable_code_not_in_execute_path',
          impact_statement: 'template() is never called',
          timestamp: '2026-08-03T00:00:00.000Z',
        },
        {
          vulnerability: { name: 'GHSA-78xj-cgh5-2h22', aliases: ['CVE-2023-42282'] },
          products: [{ '@id': 'pkg:npm/ip@1.1.8' }],
          status: 'affected',
          action_statement: 'risk accepted until 2026-12-31: no untrusted input',
          timestamp: '2026-08-03T00:00:00.000Z',
        },
        {
          vulnerability: { name: 'GHSA-p6mc-m468-83gw', aliases: ['CVE-2020-8203'] },
          products: [{ '@id': 'pkg:npm/lodash@4.17.15' }],
          status: 'affected',
          action_statement: 'upgrade lodash to 4.17.21',
          timestamp: '2026-08-03T00:00:00.000Z',
        },
        {
          vulnerability: { name: 'GHSA-pxg6-pf52-xh8x', aliases: ['CVE-2024-47764'] },
          products: [{ '@id': 'pkg:npm/cookie@0.6.0' }],
          status: 'fixed',
          timestamp: '2026-08-03T00:00:00.000Z',
        },
        {
          vulnerability: { name: 'GHSA-xvch-5gv4-984h', aliases: ['CVE-2021-44906'] },
          products: [{ '@id': 'pkg:npm/minimist@1.2.5' }],
          status: 'affected',
          action_statement: 'upgrade minimist to 1.2.6',
          timestamp: '2026-08-03T00:00:00.000Z',
        },
      ]);
      const again = await h.request('GET', '/api/v1/projects/vex/openvex?author=security%40example.com');
      assert.equal(again.text, response.text, 'the same state exports the same bytes');
      assert.equal((await h.request('GET', '/api/v1/projects/nope/openvex')).status, 404);
    });
  });
}
