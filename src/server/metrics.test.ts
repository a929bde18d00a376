// The security metrics over a seeded week of history, through the API, on both backends. Every
// expected value is worked out by hand in the comments from the history below (docs/metrics.md
// has the formulas). Times are January 2026, UTC; buckets are days, each ending at midnight.
//
// shop (lodash 4.17.15: L1 GHSA-35jh high, L2 GHSA-p6mc high, L3 GHSA-29mw medium, all fixed in
// 4.17.21; minimist 1.2.5: M GHSA-xvch critical, KEV, fixed in 1.2.6; ip 1.1.8: I GHSA-78xj high, no fix)
//   01 12:00 CI scan c1 [lodash, minimist]        L1 L2 L3 M first seen in ci, fix available
//   01 13:00 deployment prod c1                   ... now in prod too
//   02 01:00 drift started (deployment/web)       02 07:00 drift resolved: 6 h
//   02 10:00 policy_created no-root -> [staging, prod]
//   02 12:00 prod scan [lodash, minimist, ip]     I first seen in prod: an escape
//   03 10:00 policy_enforced no-root staging
//   03 12:00 CI scan c2 [lodash 4.17.21, minimist, ip]
//   03 13:00 I triaged: accepted risk until 07 12:00
//   04 12:00 deployment prod c2                   L1-L3 fixed in prod (3 days each); a security change
//   04 14:00 failure in prod                      ... which failed
//   05 01:00 drift started (configmap/app)        06 01:00 drift resolved: 24 h
//   05 10:00 policy_enforced no-root prod         enforced everywhere: lead time 3 days
//   05 12:00 CI scan c3 [lodash 4.17.21, minimist 1.2.6, ip]
//   06 12:00 deployment prod c3                   M fixed in prod (5 days)
// blog (ws 5.0.0: W GHSA-3h5v high, fixed in 5.2.4)
//   01 12:00 CI scan b1, 01 12:30 deployed to prod; 02 12:00 CI scan b2 [ws 5.2.4]; 03 12:00 b2 deployed: W fixed (2 days)
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Database } from '../store/database.ts';
import { testBackends } from '../store/testing/backends.ts';
import { responseSchemas } from './openapi.ts';
import { npm, npmLookup, scanResult } from './testing/fixtures.ts';
import { type Harness, harness } from './testing/harness.ts';

type Series = ReturnType<typeof responseSchemas.metrics.parse>;

const lookup = npmLookup({ kev: ['CVE-2021-44906'] });
const reachability = { lodash: 'function-reachable', minimist: 'unreachable' } as const;
const SLA = { critical: 2, high: 3, medium: 30, low: 180, info: null };

function values(series: Series, metric: string, labels: Record<string, string> = {}): (number | null)[] {
  const found = series.series.find(
    (s) => s.metric === metric && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  );
  assert.ok(found, `${metric} ${JSON.stringify(labels)}`);
  return found.values.map((v) => (v === null ? null : Math.round(v * 1e9) / 1e9));
}

for (const backend of testBackends()) {
  describe(`metrics on a seeded history (${backend.name})`, { skip: backend.skip }, () => {
    let database: Database;
    let h: Harness;

    async function scan(project: string, at: string, query: string, components: ReturnType<typeof npm>[]) {
      h.clock.set(at);
      const body = await scanResult(components, { lookup, reachability });
      const response = await h.request('POST', `/api/v1/uploads?project=${project}&${query}`, { body });
      assert.equal(response.status, 201, response.text);
    }

    async function event(body: Record<string, unknown>) {
      const response = await h.request('POST', '/api/v1/events', { body });
      assert.equal(response.status, 201, response.text);
    }

    before(async () => {
      database = await backend.open();
      h = await harness(database, { metrics: { sla: SLA } });
      const lodashOld = npm('lodash', '4.17.15');
      const lodashNew = npm('lodash', '4.17.21');
      const minimistOld = npm('minimist', '1.2.5');
      const minimistNew = npm('minimist', '1.2.6');
      const ip = npm('ip', '1.1.8');
      await scan('shop', '2026-01-01T12:00:00Z', 'environment=ci&commit=c1', [lodashOld, minimistOld]);
      await scan('blog', '2026-01-01T12:00:00Z', 'environment=ci&commit=b1', [npm('ws', '5.0.0')]);
      await event({
        project: 'blog',
        kind: 'deployment',
        environment: 'prod',
        commit: 'b1',
        at: '2026-01-01T12:30:00Z',
      });
      await event({
        project: 'shop',
        kind: 'deployment',
        environment: 'prod',
        commit: 'c1',
        at: '2026-01-01T13:00:00Z',
      });
      await event({
        project: 'shop',
        kind: 'drift_started',
        environment: 'prod',
        subject: 'deployment/web',
        at: '2026-01-02T01:00:00Z',
      });
      await event({
        project: 'shop',
        kind: 'drift_resolved',
        environment: 'prod',
        subject: 'deployment/web',
        at: '2026-01-02T07:00:00Z',
      });
      await event({
        project: 'shop',
        kind: 'policy_created',
        subject: 'no-root',
        targets: ['staging', 'prod'],
        at: '2026-01-02T10:00:00Z',
      });
      await scan('shop', '2026-01-02T12:00:00Z', 'environment=prod', [lodashOld, minimistOld, ip]);
      await scan('blog', '2026-01-02T12:00:00Z', 'environment=ci&commit=b2', [npm('ws', '5.2.4')]);
      await event({
        project: 'shop',
        kind: 'policy_enforced',
        subject: 'no-root',
        environment: 'staging',
        at: '2026-01-03T10:00:00Z',
      });
      await scan('shop', '2026-01-03T12:00:00Z', 'environment=ci&commit=c2', [lodashNew, minimistOld, ip]);
      await event({
        project: 'blog',
        kind: 'deployment',
        environment: 'prod',
        commit: 'b2',
        at: '2026-01-03T12:00:00Z',
      });
      h.clock.set('2026-01-03T13:00:00Z');
      const open = await h.request('GET', '/api/v1/projects/shop/findings?q=GHSA-78xj');
      const ipFinding = (open.json as { findings: { id: number }[] }).findings[0]!;
      const triaged = await h.request('PATCH', `/api/v1/findings/${ipFinding.id}`, {
        body: {
          state: 'accepted_risk',
          reason: 'ip.isPublic is not used',
          expiresAt: '2026-01-07T12:00:00Z',
        },
      });
      assert.equal(triaged.status, 200);
      await event({
        project: 'shop',
        kind: 'deployment',
        environment: 'prod',
        commit: 'c2',
        at: '2026-01-04T12:00:00Z',
      });
      await event({
        project: 'shop',
        kind: 'failure',
        environment: 'prod',
        subject: 'checkout 500s',
        at: '2026-01-04T14:00:00Z',
      });
      await event({
        project: 'shop',
        kind: 'drift_started',
        environment: 'prod',
        subject: 'configmap/app',
        at: '2026-01-05T01:00:00Z',
      });
      await event({
        project: 'shop',
        kind: 'policy_enforced',
        subject: 'no-root',
        environment: 'prod',
        at: '2026-01-05T10:00:00Z',
      });
      await scan('shop', '2026-01-05T12:00:00Z', 'environment=ci&commit=c3', [lodashNew, minimistNew, ip]);
      await event({
        project: 'shop',
        kind: 'drift_resolved',
        environment: 'prod',
        subject: 'configmap/app',
        at: '2026-01-06T01:00:00Z',
      });
      await event({
        project: 'shop',
        kind: 'deployment',
        environment: 'prod',
        commit: 'c3',
        at: '2026-01-06T12:00:00Z',
      });
      h.clock.set('2026-01-08T00:00:00Z');
    });
    after(() => database?.close());

    async function series(query: string): Promise<Series> {
      const response = await h.request(
        'GET',
        `/api/v1/metrics?from=2026-01-01T00:00:00Z&to=2026-01-08T00:00:00Z&interval=day${query}`,
      );
      assert.equal(response.status, 200, response.text);
      return responseSchemas.metrics.parse(response.json);
    }

    test('per project: every metric, bucket by bucket', async () => {
      const s = await series('&project=shop');
      assert.deepEqual(
        s.buckets,
        [2, 3, 4, 5, 6, 7, 8].map((d) => `2026-01-0${d}T00:00:00.000Z`),
      );
      // Open at each midnight: L1-L3 and M from 01 12:00, I from 02 12:00; L fixed 04 12:00, M 06 12:00.
      assert.deepEqual(values(s, 'findings_open', { severity: 'critical' }), [1, 1, 1, 1, 1, 0, 0]);
      assert.deepEqual(values(s, 'findings_open', { severity: 'high' }), [2, 3, 3, 1, 1, 1, 1]);
      assert.deepEqual(values(s, 'findings_open', { severity: 'medium' }), [1, 1, 1, 0, 0, 0, 0]);
      // Mean days since first seen: 02: 4 x 0.5; 03: (4 x 1.5 + 0.5) / 5; 04: (4 x 2.5 + 1.5) / 5;
      // 05: (M 3.5 + I 2.5) / 2; 06: (4.5 + 3.5) / 2; 07: I 4.5; 08: I 5.5.
      assert.deepEqual(values(s, 'vulnerability_mean_age_days'), [0.5, 1.3, 2.3, 3, 4, 4.5, 5.5]);
      // Fixes reaching prod: L1-L3 on 04 (01 12:00 -> 04 12:00), M on 06 (01 12:00 -> 06 12:00).
      assert.deepEqual(values(s, 'mttr_s_days', { subset: 'all' }), [null, null, null, 3, null, 5, null]);
      assert.deepEqual(values(s, 'mttr_s_days', { subset: 'kev' }), [null, null, null, null, null, 5, null]);
      // Of open vulnerabilities with a known reachability: L1-L3 reachable, M not; I unknown.
      assert.deepEqual(values(s, 'reachability_density'), [0.75, 0.75, 0.75, 0, 0, null, null]);
      // New findings: four in ci on 01, I in prod on 02.
      assert.deepEqual(values(s, 'defect_escape_rate'), [0, 1, null, null, null, null, null]);
      // Security changes: policy created (02), enforced in staging (03), deployment c2 (04, followed
      // by the failure), enforced in prod (05), deployment c3 (06). Deployment c1 fixed nothing.
      assert.deepEqual(values(s, 'change_failure_rate'), [null, 0, 0, 1, 0, 0, null]);
      assert.deepEqual(values(s, 'compliance_drift_duration_hours'), [null, 6, null, null, null, 24, null]);
      assert.deepEqual(values(s, 'compliance_drift_open'), [0, 0, 0, 0, 1, 0, 0]);
      assert.deepEqual(values(s, 'security_lead_time_days'), [null, null, null, null, 3, null, null]);
      // SLA critical 2 days: M breaches from 03 12:00 until fixed. High 3 days: I from 05 12:00,
      // but its accepted risk holds until 07 12:00; L1/L2 reach 3 days the moment they are fixed.
      assert.deepEqual(values(s, 'sla_breaches', { severity: 'critical' }), [0, 0, 1, 1, 1, 0, 0]);
      assert.deepEqual(values(s, 'sla_breaches', { severity: 'high' }), [0, 0, 0, 0, 0, 0, 1]);
      // I's accepted risk is in force from 03 13:00 to 07 12:00.
      assert.deepEqual(values(s, 'findings_triaged', { state: 'accepted_risk' }), [0, 0, 1, 1, 1, 1, 0]);
      assert.deepEqual(values(s, 'findings_triaged', { state: 'false_positive' }), [0, 0, 0, 0, 0, 0, 0]);
      assert.deepEqual(
        s.series.find((x) => x.metric === 'mttr_s_days' && x.labels.subset === 'all')?.samples,
        [0, 0, 0, 3, 0, 1, 0],
      );
    });

    test('portfolio: both projects together', async () => {
      const s = await series('');
      assert.deepEqual(s.projects, ['blog', 'shop']);
      assert.equal(s.project, null);
      // W reaches prod fixed on 03 (01 12:00 -> 03 12:00: 2 days).
      assert.deepEqual(values(s, 'mttr_s_days', { subset: 'all' }), [null, null, 2, 3, null, 5, null]);
      // Deployment b2 (03) fixed W: a security change without failure. 03 has two changes now.
      assert.deepEqual(values(s, 'change_failure_rate'), [null, 0, 0, 1, 0, 0, null]);
      // W is new in ci on 01 as well: five new findings, none in prod.
      assert.deepEqual(values(s, 'defect_escape_rate'), [0, 1, null, null, null, null, null]);
      assert.deepEqual(values(s, 'findings_open', { severity: 'high' }), [3, 4, 3, 1, 1, 1, 1]);
    });

    test('Prometheus exposition: names, labels, values at the scrape', async () => {
      const response = await h.request('GET', '/metrics');
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
      const lines = response.text.trimEnd().split('\n');
      for (const line of lines)
        assert.match(
          line,
          /^(# (HELP|TYPE) palisade_[a-z_]+ .+|palisade_[a-z_]+(\{[a-z_]+="[^"]*"(,[a-z_]+="[^"]*")*\})? -?[0-9.e+-]+)$/,
          line,
        );
      for (const family of new Set(lines.filter((l) => !l.startsWith('#')).map((l) => l.split(/[{ ]/)[0]))) {
        assert.ok(lines.includes(`# TYPE ${family} gauge`), family);
        assert.equal(lines.filter((l) => l.startsWith(`# HELP ${family} `)).length, 1, family);
      }
      const expected = [
        'palisade_findings_open{project="shop",severity="critical"} 0',
        'palisade_findings_open{project="shop",severity="high"} 1',
        'palisade_findings_open{project="blog",severity="high"} 0',
        'palisade_sla_breaches{project="shop",severity="high"} 1',
        'palisade_findings_triaged{project="shop",state="accepted_risk"} 0',
        'palisade_compliance_drift_open{project="shop"} 0',
        'palisade_vulnerability_mean_age_days{project="shop"} 5.5',
        // Over the 30 days before the scrape: L1-L3 3 days, M 5 days; with W (2 days) for the portfolio.
        'palisade_mttr_s_days{project="shop",subset="all"} 3.5',
        'palisade_mttr_s_days{project="shop",subset="kev"} 5',
        'palisade_mttr_s_days{project="*",subset="all"} 3.2',
        'palisade_defect_escape_rate{project="shop"} 0.2',
        'palisade_change_failure_rate{project="shop"} 0.2',
        'palisade_change_failure_rate{project="*"} 0.166666666667',
        'palisade_compliance_drift_duration_hours{project="shop"} 15',
        'palisade_security_lead_time_days{project="shop"} 3',
        'palisade_jobs{status="failed"} 0',
      ];
      for (const line of expected) assert.ok(lines.includes(line), `missing: ${line}`);
      assert.ok(
        !lines.some((l) => l.startsWith('palisade_reachability_density{project="shop"}')),
        'no known reachability: no sample',
      );
      assert.ok(
        !lines.some((l) => l.startsWith('palisade_findings_open{project="*"')),
        'counts are summed in PromQL',
      );

      const viewer = await h.token('viewer', 'blog');
      const scoped = await h.request('GET', '/metrics', { token: viewer });
      assert.ok(!scoped.text.includes('project="shop"'));
      assert.ok(scoped.text.includes('palisade_findings_open{project="blog",severity="high"} 0'));
      assert.equal((await h.request('GET', '/metrics', { token: null })).status, 401);
    });

    test('range checks', async () => {
      const reversed = await h.request(
        'GET',
        '/api/v1/metrics?from=2026-01-08T00:00:00Z&to=2026-01-01T00:00:00Z',
      );
      assert.equal(reversed.status, 400);
      const huge = await h.request(
        'GET',
        '/api/v1/metrics?from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z&interval=hour',
      );
      assert.equal(huge.status, 400);
      assert.match((huge.json as { error: { message: string } }).error.message, /more than 1000 hours/);
      // Ten millennia of hours (87 million buckets) is refused by arithmetic, not by making them.
      const millennia = await h.request(
        'GET',
        '/api/v1/metrics?from=0001-01-01T00:00:00Z&to=9999-12-31T00:00:00Z&interval=hour',
      );
      assert.equal(millennia.status, 400);
      assert.equal(
        (millennia.json as { error: { message: string } }).error.message,
        'that range has more than 1000 hours; use a longer interval or a shorter range',
      );
      const stranger = await h.token('viewer', 'blog');
      assert.equal((await h.request('GET', '/api/v1/metrics?project=shop', { token: stranger })).status, 403);
    });
  });
}
