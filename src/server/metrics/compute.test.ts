// The edges of each formula, on hand-built histories (no database): reopened cycles, fixes that
// appear late, dismissals, which failure belongs to which change, re-created policies, drift
// that never resolves.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { MetricData, MetricEvent, MetricFinding, MetricTransition } from '../../store/metrics-data.ts';
import {
  changeFailureRate,
  complianceDriftDuration,
  DEFAULT_METRIC_OPTIONS,
  driftOpen,
  mttrS,
  openBySeverity,
  openByTriage,
  securityLeadTime,
  slaBreaches,
  vulnerabilityMeanAge,
} from './compute.ts';
import { buildTimelines } from './timeline.ts';

const t = (day: number, hour = 0) => new Date(Date.UTC(2026, 0, day, hour));
const ms = (day: number, hour = 0) => t(day, hour).getTime();
const ALL = { start: 0, end: ms(31) };

function finding(id: number, overrides: Partial<MetricFinding> = {}): MetricFinding {
  return {
    id,
    project_id: 1,
    kind: 'vulnerability',
    severity: 'high',
    kev: false,
    reachability: null,
    first_seen_at: t(1),
    first_seen_environment: 'ci',
    fix_available_at: t(1),
    ...overrides,
  };
}

function tr(
  finding_id: number,
  environment: string | null,
  state: 'open' | 'fixed',
  at: Date,
): MetricTransition {
  return { finding_id, environment, state, at };
}

function data(parts: Partial<MetricData>): MetricData {
  return {
    projects: [{ id: 1, name: 'p' }],
    findings: [],
    transitions: [],
    triage: [],
    events: [],
    ...parts,
  };
}

let nextEvent = 1;
function ev(kind: MetricEvent['kind'], at: Date, extra: Partial<MetricEvent> = {}): MetricEvent {
  return {
    id: nextEvent++,
    project_id: 1,
    kind,
    environment: 'prod',
    subject: null,
    security: false,
    targets: null,
    at,
    ...extra,
  };
}

describe('metric formulas', () => {
  test('MTTR-S measures each open cycle from the later of fix available and (re)opening', () => {
    const d = data({
      findings: [finding(1), finding(2, { fix_available_at: t(5) }), finding(3, { fix_available_at: null })],
      transitions: [
        // 1: open 1st, fixed in prod 3rd (2 days); reopened 10th, fixed in prod 11th (1 day).
        tr(1, null, 'open', t(1)),
        tr(1, 'prod', 'open', t(1)),
        tr(1, 'prod', 'fixed', t(3)),
        tr(1, null, 'fixed', t(3)),
        tr(1, null, 'open', t(10)),
        tr(1, 'prod', 'open', t(10)),
        tr(1, 'prod', 'fixed', t(11)),
        tr(1, null, 'fixed', t(11)),
        // 2: the fix was published on the 5th; deployed on the 8th: 3 days.
        tr(2, null, 'open', t(1)),
        tr(2, 'prod', 'open', t(1)),
        tr(2, 'prod', 'fixed', t(8)),
        tr(2, null, 'fixed', t(8)),
        // 3: no fix was ever available: not a remediation to time.
        tr(3, null, 'open', t(1)),
        tr(3, 'prod', 'open', t(1)),
        tr(3, 'prod', 'fixed', t(4)),
      ],
    });
    const timelines = buildTimelines(d);
    assert.deepEqual(mttrS(timelines, ALL, 'prod', false), { value: (2 + 1 + 3) / 3, samples: 3 });
    assert.deepEqual(mttrS(timelines, { start: ms(9), end: ms(31) }, 'prod', false), {
      value: 1,
      samples: 1,
    });
    assert.deepEqual(mttrS(timelines, ALL, 'prod', true), { value: null, samples: 0 });
  });

  test('dismissed findings are not open; accepted risks are open but not SLA breaches until they expire', () => {
    const d = data({
      findings: [finding(1), finding(2), finding(3), finding(4, { severity: 'low' })],
      transitions: [1, 2, 3, 4].map((id) => tr(id, null, 'open', t(1))),
      triage: [
        { finding_id: 1, state: 'false_positive', expires_at: null, created_at: t(2) },
        { finding_id: 2, state: 'not_affected', expires_at: null, created_at: t(2) },
        { finding_id: 3, state: 'accepted_risk', expires_at: t(20), created_at: t(2) },
        { finding_id: 1, state: 'none', expires_at: null, created_at: t(25) },
      ],
    });
    const timelines = buildTimelines(d);
    assert.deepEqual(openBySeverity(timelines, ms(10)), { critical: 0, high: 1, medium: 0, low: 1, info: 0 });
    assert.deepEqual(openBySeverity(timelines, ms(1, 12)), {
      critical: 0,
      high: 3,
      medium: 0,
      low: 1,
      info: 0,
    });
    const sla = DEFAULT_METRIC_OPTIONS.sla; // high 30 days, low 180
    assert.equal(
      slaBreaches(timelines, ms(30), sla).high,
      0,
      'the acceptance expired on the 20th, but 30 days have not passed',
    );
    const later = Date.UTC(2026, 1, 5);
    assert.deepEqual(slaBreaches(timelines, later, sla), {
      critical: 0,
      high: 2,
      medium: 0,
      low: 0,
      info: 0,
    });
    assert.deepEqual(vulnerabilityMeanAge(timelines, ms(11)), { value: 10, samples: 2 });
    // Triage counts: each decision while in force; the expired acceptance and the reverted false positive drop out.
    assert.deepEqual(openByTriage(timelines, ms(1, 12)), {
      accepted_risk: 0,
      false_positive: 0,
      not_affected: 0,
    });
    assert.deepEqual(openByTriage(timelines, ms(10)), {
      accepted_risk: 1,
      false_positive: 1,
      not_affected: 1,
    });
    assert.deepEqual(openByTriage(timelines, ms(26)), {
      accepted_risk: 0,
      false_positive: 0,
      not_affected: 1,
    });
  });

  test('a failure counts against the last change before it in the same project and environment, within the window', () => {
    const events = [
      ev('deployment', t(1, 10), { security: true }), // failed: failure at 11:00
      ev('failure', t(1, 11)),
      ev('deployment', t(2, 10), { security: true }), // a plain deployment follows: the failure is its
      ev('deployment', t(2, 11)),
      ev('rollback', t(2, 12)),
      ev('deployment', t(3, 10), { security: true }), // failure in staging: not this one's
      ev('failure', t(3, 11), { environment: 'staging' }),
      ev('policy_changed', t(4, 10), { environment: null, subject: 'no-latest-tag' }), // any environment's failure counts
      ev('failure', t(4, 20)),
      ev('deployment', t(5, 10), { security: true }), // failure 25 h later: outside the window
      ev('failure', t(6, 11)),
      ev('deployment', t(7, 10), { security: true, project_id: 2 }), // another project's failure
      ev('failure', t(7, 11)),
    ];
    assert.deepEqual(changeFailureRate(events, ALL, 24), { value: 2 / 6, samples: 6 });
    assert.deepEqual(changeFailureRate(events, { start: ms(5), end: ms(31) }, 24), { value: 0, samples: 2 });
  });

  test('security lead time: to the last target; a re-created policy starts again; unfinished rollouts have no value', () => {
    const events = [
      ev('policy_created', t(1), { subject: 'a', environment: null, targets: ['staging', 'prod'] }),
      ev('policy_enforced', t(2), { subject: 'a', environment: 'staging' }),
      ev('policy_enforced', t(4), { subject: 'a', environment: 'prod' }), // a: 3 days
      ev('policy_created', t(5), { subject: 'b', environment: null }), // default target: prod
      ev('policy_enforced', t(6), { subject: 'b', environment: 'staging' }),
      ev('policy_created', t(7), { subject: 'b', environment: null }), // re-created before prod enforced it
      ev('policy_enforced', t(9), { subject: 'b', environment: 'prod' }), // b: 2 days from the 7th
      ev('policy_created', t(10), { subject: 'c', environment: null, targets: ['prod', 'edge'] }),
      ev('policy_enforced', t(11), { subject: 'c', environment: 'prod' }), // c: edge never
    ];
    assert.deepEqual(securityLeadTime(events, ALL, 'prod'), { value: 2.5, samples: 2 });
  });

  test('drift: duration of resolved episodes; unresolved ones count as open', () => {
    const events = [
      ev('drift_started', t(1), { subject: 'deploy/a' }),
      ev('drift_started', t(1, 6), { subject: 'deploy/a' }), // still the same episode
      ev('drift_resolved', t(1, 12), { subject: 'deploy/a' }),
      ev('drift_resolved', t(2), { subject: 'deploy/b' }), // resolved without a start: ignored
      ev('drift_started', t(3), { subject: 'deploy/c' }),
    ];
    assert.deepEqual(complianceDriftDuration(events, ALL), { value: 12, samples: 1 });
    assert.equal(driftOpen(events, ms(1, 8)), 1);
    assert.equal(driftOpen(events, ms(2)), 0);
    assert.equal(driftOpen(events, ms(30)), 1);
  });
});
