// The finding lifecycle across scans, branches and environments, and triage, on both backends.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Database } from '../store/database.ts';
import { testBackends } from '../store/testing/backends.ts';
import { responseSchemas } from './openapi.ts';
import { npm, scanResult } from './testing/fixtures.ts';
import { type Harness, harness } from './testing/harness.ts';

type Finding = ReturnType<typeof responseSchemas.finding.parse>;

const LODASH_OLD = npm('lodash', '4.17.15');
const LODASH_NEW = npm('lodash', '4.17.21');
const MINIMIST = npm('minimist', '1.2.5');
// lodash 4.17.15 is in the affected ranges of three of the real lodash advisories.
const LODASH_ADVISORIES = ['GHSA-29mw-wpgm-hmr9', 'GHSA-35jh-r3h4-6jhm', 'GHSA-p6mc-m468-83gw'];

for (const backend of testBackends()) {
  describe(`finding lifecycle (${backend.name})`, { skip: backend.skip }, () => {
    let database: Database;
    let h: Harness;
    before(async () => {
      database = await backend.open();
      h = await harness(database);
    });
    after(() => database?.close());

    async function upload(
      project: string,
      query: string,
      components = [LODASH_OLD, MINIMIST],
      failedFiles = 0,
    ) {
      const response = await h.request('POST', `/api/v1/uploads?project=${project}&${query}`, {
        body: await scanResult(components, { failedFiles }),
      });
      assert.equal(response.status, 201, response.text);
      return responseSchemas.upload.parse(response.json);
    }

    async function findings(project: string, query = 'status=all'): Promise<Finding[]> {
      const response = await h.request('GET', `/api/v1/projects/${project}/findings?${query}&limit=500`);
      assert.equal(response.status, 200, response.text);
      return (response.json as { findings: unknown[] }).findings.map((f) => responseSchemas.finding.parse(f));
    }

    const byRule = (list: Finding[]) => Object.fromEntries(list.map((f) => [f.rule_id, f]));

    test('first seen, fixed by a later complete scan, reopened when it returns', async () => {
      h.clock.set('2026-02-01T10:00:00Z');
      const first = await upload('life', 'branch=main&environment=ci');
      assert.deepEqual(first.lifecycle, { created: 4, reopened: 0, fixed: 0 });
      let all = byRule(await findings('life'));
      assert.deepEqual(Object.keys(all).sort(), [...LODASH_ADVISORIES, 'GHSA-xvch-5gv4-984h'].sort());
      for (const f of Object.values(all)) {
        assert.equal(f.status, 'open');
        assert.equal(f.first_seen_at, '2026-02-01T10:00:00.000Z');
        assert.equal(f.first_seen_environment, 'ci');
        assert.deepEqual(f.environments, ['ci']);
      }
      assert.equal(all['GHSA-35jh-r3h4-6jhm']!.fixed_version, '4.17.21');
      assert.equal(all['GHSA-35jh-r3h4-6jhm']!.fix_available_at, '2026-02-01T10:00:00.000Z');

      h.clock.set('2026-02-02T10:00:00Z');
      const fixing = await upload('life', 'branch=main&environment=ci', [LODASH_NEW, MINIMIST]);
      assert.deepEqual(fixing.lifecycle, { created: 0, reopened: 0, fixed: 3 });
      all = byRule(await findings('life'));
      for (const rule of LODASH_ADVISORIES) {
        assert.equal(all[rule]!.status, 'fixed');
        assert.equal(all[rule]!.fixed_at, '2026-02-02T10:00:00.000Z');
        assert.equal(all[rule]!.last_seen_at, '2026-02-01T10:00:00.000Z');
        assert.deepEqual(all[rule]!.environments, []);
      }
      assert.equal(all['GHSA-xvch-5gv4-984h']!.last_seen_at, '2026-02-02T10:00:00.000Z');
      assert.equal((await findings('life', 'status=open')).length, 1);

      h.clock.set('2026-02-03T10:00:00Z');
      const back = await upload('life', 'branch=main&environment=ci');
      assert.deepEqual(back.lifecycle, { created: 0, reopened: 3, fixed: 0 });
      all = byRule(await findings('life'));
      const reopened = all['GHSA-35jh-r3h4-6jhm']!;
      assert.equal(reopened.status, 'open');
      assert.equal(reopened.reopened_count, 1);
      assert.equal(reopened.fixed_at, null);
      assert.equal(reopened.first_seen_at, '2026-02-01T10:00:00.000Z');
      assert.equal(reopened.fix_available_at, '2026-02-01T10:00:00.000Z');

      const detail = responseSchemas.findingDetail.parse(
        (await h.request('GET', `/api/v1/findings/${reopened.id}`)).json,
      );
      assert.deepEqual(
        detail.history.map((t) => [t.environment, t.state, t.at]),
        [
          [null, 'open', '2026-02-01T10:00:00.000Z'],
          ['ci', 'open', '2026-02-01T10:00:00.000Z'],
          ['ci', 'fixed', '2026-02-02T10:00:00.000Z'],
          [null, 'fixed', '2026-02-02T10:00:00.000Z'],
          [null, 'open', '2026-02-03T10:00:00.000Z'],
          ['ci', 'open', '2026-02-03T10:00:00.000Z'],
        ],
      );
      // No fingerprint is ever stored twice.
      const rows = await database.db.selectFrom('findings').select('fingerprint').execute();
      assert.equal(new Set(rows.map((r) => r.fingerprint)).size, rows.length);
    });

    test('incomplete scans fix nothing: declared partial, or with a file that failed to parse', async () => {
      h.clock.set('2026-03-01T00:00:00Z');
      await upload('partial', 'branch=main&environment=ci');
      h.clock.set('2026-03-02T00:00:00Z');
      const declared = await upload('partial', 'branch=main&environment=ci&complete=false', [MINIMIST]);
      assert.deepEqual(declared.lifecycle, { created: 0, reopened: 0, fixed: 0 });
      assert.equal(declared.scan.complete, false);
      const broken = await upload('partial', 'branch=main&environment=ci', [MINIMIST], 1);
      assert.equal(broken.scan.complete, false);
      assert.deepEqual(broken.lifecycle.fixed, 0);
      assert.deepEqual(broken.notes, ['1 file(s) failed to parse: the scan is partial and fixes nothing']);
      assert.equal((await findings('partial', 'status=open')).length, 4);
    });

    test('branches keep their own lifecycle', async () => {
      h.clock.set('2026-03-05T00:00:00Z');
      await upload('branches', 'branch=main&environment=ci');
      await upload('branches', 'branch=feature%2Fupgrade&environment=ci', [LODASH_NEW, MINIMIST]);
      assert.equal((await findings('branches', 'branch=main&status=open')).length, 4);
      const feature = await findings('branches', 'branch=feature%2Fupgrade&status=all');
      assert.deepEqual(
        feature.map((f) => [f.rule_id, f.status]),
        [['GHSA-xvch-5gv4-984h', 'open']],
      );
    });

    test('a finding stays open while any environment has it; a deployment moves a scan into an environment', async () => {
      h.clock.set('2026-04-01T00:00:00Z');
      await upload('envs', 'branch=main&environment=ci&commit=aaa1111');
      h.clock.set('2026-04-02T00:00:00Z');
      const deployed = await h.request('POST', '/api/v1/events', {
        body: { project: 'envs', kind: 'deployment', environment: 'prod', commit: 'aaa1111' },
      });
      assert.equal(deployed.status, 201);
      const event = responseSchemas.event.parse(deployed.json);
      assert.deepEqual(event.deployed_scan?.fixed, 0);
      assert.equal(event.security, false);
      let all = byRule(await findings('envs'));
      assert.deepEqual(all['GHSA-35jh-r3h4-6jhm']!.environments, ['ci', 'prod']);
      assert.equal(all['GHSA-35jh-r3h4-6jhm']!.first_seen_environment, 'ci');

      h.clock.set('2026-04-03T00:00:00Z');
      await upload('envs', 'branch=main&environment=ci&commit=bbb2222', [LODASH_NEW, MINIMIST]);
      all = byRule(await findings('envs'));
      assert.equal(all['GHSA-35jh-r3h4-6jhm']!.status, 'open', 'prod still runs the vulnerable lodash');
      assert.deepEqual(all['GHSA-35jh-r3h4-6jhm']!.environments, ['prod']);

      h.clock.set('2026-04-04T00:00:00Z');
      const fix = await h.request('POST', '/api/v1/events', {
        body: { project: 'envs', kind: 'deployment', environment: 'prod', commit: 'bbb2222' },
      });
      const fixEvent = responseSchemas.event.parse(fix.json);
      assert.equal(fixEvent.deployed_scan?.fixed, 3);
      assert.equal(fixEvent.security, true, 'a deployment that fixes findings is a security change');
      all = byRule(await findings('envs'));
      assert.equal(all['GHSA-35jh-r3h4-6jhm']!.status, 'fixed');
      assert.equal(all['GHSA-35jh-r3h4-6jhm']!.fixed_at, '2026-04-04T00:00:00.000Z');
      const detail = responseSchemas.findingDetail.parse(
        (await h.request('GET', `/api/v1/findings/${all['GHSA-35jh-r3h4-6jhm']!.id}`)).json,
      );
      assert.deepEqual(
        detail.environments.map((e) => [e.environment, e.fixed_at]),
        [
          ['ci', '2026-04-03T00:00:00.000Z'],
          ['prod', '2026-04-04T00:00:00.000Z'],
        ],
      );
    });

    test('triage: accepted risk until it expires, false positive, not affected with a VEX justification', async () => {
      h.clock.set('2026-05-01T00:00:00Z');
      await upload('triage', 'branch=main&environment=ci');
      const all = byRule(await findings('triage'));
      const patch = (id: number, body: unknown) => h.request('PATCH', `/api/v1/findings/${id}`, { body });

      const accepted = await patch(all['GHSA-29mw-wpgm-hmr9']!.id, {
        state: 'accepted_risk',
        reason: 'only trusted input reaches toNumber',
        expiresAt: '2026-05-15T00:00:00Z',
      });
      assert.equal(accepted.status, 200);
      const a = responseSchemas.findingDetail.parse(accepted.json);
      assert.deepEqual(a.triage, { state: 'accepted_risk', expires_at: '2026-05-15T00:00:00.000Z' });
      assert.equal(a.triage_history[0]!.by, 'admin@*#1');

      const past = await patch(all['GHSA-29mw-wpgm-hmr9']!.id, {
        state: 'accepted_risk',
        reason: 'x',
        expiresAt: '2026-04-01T00:00:00Z',
      });
      assert.equal(past.status, 400);
      assert.match((past.json as { error: { message: string } }).error.message, /is not in the future/);
      const noExpiry = await patch(all['GHSA-29mw-wpgm-hmr9']!.id, { state: 'accepted_risk', reason: 'x' });
      assert.equal(noExpiry.status, 400);
      const badJustification = await patch(all['GHSA-35jh-r3h4-6jhm']!.id, {
        state: 'not_affected',
        justification: 'trust me',
      });
      assert.equal(badJustification.status, 400);
      assert.match(
        (badJustification.json as { error: { message: string } }).error.message,
        /^triage: justification: Invalid option/,
      );

      assert.equal(
        (
          await patch(all['GHSA-35jh-r3h4-6jhm']!.id, {
            state: 'not_affected',
            justification: 'vulnerable_code_not_in_execute_path',
            reason: 'template() is never called',
          })
        ).status,
        200,
      );
      assert.equal(
        (
          await patch(all['GHSA-p6mc-m468-83gw']!.id, {
            state: 'false_positive',
            reason: 'bundled copy, not the npm package',
          })
        ).status,
        200,
      );

      const project = responseSchemas.project.parse((await h.request('GET', '/api/v1/projects/triage')).json);
      assert.deepEqual(
        project.open_findings,
        { critical: 1, medium: 1 },
        'the false positive and the not-affected finding are not open findings',
      );
      const triaged = await findings('triage', 'triage=accepted_risk,not_affected,false_positive');
      assert.equal(triaged.length, 3);
      const untriaged = await findings('triage', 'triage=none');
      assert.deepEqual(
        untriaged.map((f) => f.rule_id),
        ['GHSA-xvch-5gv4-984h'],
      );

      h.clock.set('2026-05-15T00:00:01Z');
      const expired = byRule(await findings('triage'))['GHSA-29mw-wpgm-hmr9']!;
      assert.deepEqual(
        expired.triage,
        { state: 'none', expires_at: null },
        'an expired acceptance stops counting',
      );
      assert.equal((await findings('triage', 'triage=none')).length, 2);
    });

    test('findings come riskiest first and filter by severity, KEV, reachability and text', async () => {
      h.clock.set('2026-06-01T00:00:00Z');
      const components = [LODASH_OLD, MINIMIST, npm('ip', '1.1.8'), npm('cookie', '0.6.0')];
      const body = await scanResult(components, {
        reachability: { lodash: 'function-reachable', ip: 'unreachable' },
      });
      for (const f of body.findings)
        f.risk.score = f.ruleId === 'GHSA-78xj-cgh5-2h22' ? 9.5 : f.severity === 'critical' ? 8 : 2;
      assert.equal((await h.request('POST', '/api/v1/uploads?project=sort', { body })).status, 201);
      const list = await findings('sort', 'status=open');
      assert.deepEqual(
        list.map((f) => [f.rule_id, f.risk_score]),
        [
          ['GHSA-78xj-cgh5-2h22', 9.5],
          ['GHSA-xvch-5gv4-984h', 8],
          ['GHSA-35jh-r3h4-6jhm', 2],
          ['GHSA-p6mc-m468-83gw', 2],
          ['GHSA-29mw-wpgm-hmr9', 2],
          ['GHSA-pxg6-pf52-xh8x', 2],
        ],
      );
      assert.deepEqual(
        (await findings('sort', 'severity=critical,low')).map((f) => f.rule_id),
        ['GHSA-xvch-5gv4-984h', 'GHSA-pxg6-pf52-xh8x'],
      );
      assert.deepEqual(
        (await findings('sort', 'reachability=unreachable')).map((f) => f.rule_id),
        ['GHSA-78xj-cgh5-2h22'],
      );
      assert.deepEqual(
        (await findings('sort', 'q=CVE-2021-44906')).map((f) => f.rule_id),
        ['GHSA-xvch-5gv4-984h'],
      );
      assert.deepEqual(
        (await findings('sort', 'q=100%25')).map((f) => f.rule_id),
        [],
      );
      const page = await h.request('GET', '/api/v1/projects/sort/findings?limit=2&offset=1');
      assert.deepEqual(
        [
          (page.json as { total: number }).total,
          (page.json as { findings: Finding[] }).findings.map((f) => f.rule_id),
        ],
        [6, ['GHSA-xvch-5gv4-984h', 'GHSA-35jh-r3h4-6jhm']],
      );
      const bad = await h.request('GET', '/api/v1/projects/sort/findings?severity=urgent');
      assert.equal(bad.status, 400);
    });

    test('the portfolio: findings of every readable project, riskiest first', async () => {
      const portfolio = async (token: string, query: string) => {
        const response = await h.request('GET', `/api/v1/findings?${query}`, { token });
        assert.equal(response.status, 200, response.text);
        return responseSchemas.findingsPage.parse(response.json);
      };
      const everything = await portfolio(h.admin, 'status=open&limit=500');
      const projects = [...new Set(everything.findings.map((f) => f.project))].sort();
      assert.ok(projects.length >= 3, `several projects: ${projects.join(', ')}`);
      let perProject = 0;
      for (const project of projects) perProject += (await findings(project, 'status=open')).length;
      assert.equal(everything.total, perProject);
      const scores = everything.findings.map((f) => f.risk_score);
      assert.deepEqual(
        scores,
        [...scores].sort((a, b) => b - a),
      );

      const viewer = await h.token('viewer', 'sort');
      const scoped = await portfolio(viewer, 'limit=2');
      assert.equal(scoped.total, 6);
      assert.deepEqual(
        scoped.findings.map((f) => [f.project, f.rule_id]),
        [
          ['sort', 'GHSA-78xj-cgh5-2h22'],
          ['sort', 'GHSA-xvch-5gv4-984h'],
        ],
      );
      const critical = await portfolio(viewer, 'severity=critical');
      assert.deepEqual(
        critical.findings.map((f) => f.rule_id),
        ['GHSA-xvch-5gv4-984h'],
      );
      const nothing = await portfolio(await h.token('viewer', 'not-uploaded-yet'), '');
      assert.deepEqual([nothing.total, nothing.findings], [0, []]);
      assert.equal((await h.request('GET', '/api/v1/findings', { token: null })).status, 401);
      assert.equal((await h.request('GET', '/api/v1/findings?status=gone')).status, 400);
    });
  });
}
