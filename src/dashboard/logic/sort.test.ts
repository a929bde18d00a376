import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { FindingSummary } from './api-types.ts';
import { sortFindings } from './sort.ts';

function finding(id: number, overrides: Partial<FindingSummary>): FindingSummary {
  return {
    id,
    project: 'web',
    branch: 'main',
    fingerprint: `f${id}`,
    kind: 'vulnerability',
    rule_id: `GHSA-${id}`,
    title: `finding ${id}`,
    severity: 'medium',
    risk_score: 10,
    package: { purl: `pkg:npm/p${id}@1.0.0`, name: `p${id}`, version: '1.0.0' },
    path: 'package-lock.json',
    advisory_ids: [],
    kev: false,
    epss: null,
    reachability: null,
    fixed_version: null,
    fix_available_at: null,
    status: 'open',
    first_seen_at: '2026-01-01T00:00:00.000Z',
    first_seen_environment: 'ci',
    last_seen_at: '2026-01-01T00:00:00.000Z',
    fixed_at: null,
    reopened_count: 0,
    environments: ['ci'],
    triage: { state: 'none', expires_at: null },
    ...overrides,
  };
}

const list = [
  finding(1, { risk_score: 20, severity: 'low', title: 'b', first_seen_at: '2026-01-03T00:00:00Z' }),
  finding(2, {
    risk_score: 80,
    severity: 'high',
    title: 'A',
    triage: { state: 'accepted_risk', expires_at: null },
  }),
  finding(3, { risk_score: 50, severity: 'high', kev: true, title: 'c', package: null }),
  finding(4, { risk_score: 50, severity: 'critical', title: 'a10', first_seen_at: '2025-12-01T00:00:00Z' }),
  finding(5, { risk_score: 50, severity: 'critical', title: 'a9' }),
];
const ids = (findings: FindingSummary[]) => findings.map((f) => f.id);

describe('sorting findings', () => {
  test('by risk; ties by id, as the server orders them', () => {
    assert.deepEqual(ids(sortFindings(list, 'risk', true)), [2, 3, 4, 5, 1]);
    assert.deepEqual(ids(sortFindings(list, 'risk', false)), [1, 3, 4, 5, 2]);
  });

  test('by severity, known exploited first within one; then by risk', () => {
    assert.deepEqual(ids(sortFindings(list, 'severity', true)), [4, 5, 3, 2, 1]);
    assert.deepEqual(ids(sortFindings(list, 'severity', false)), [1, 2, 3, 4, 5]);
  });

  test('by title and package: case-insensitive, numbers in order, none as a dash', () => {
    assert.deepEqual(ids(sortFindings(list, 'title', false)), [2, 5, 4, 1, 3]);
    assert.deepEqual(ids(sortFindings(list, 'package', false)), [3, 1, 2, 4, 5]);
  });

  test('by first seen and by triage state', () => {
    assert.deepEqual(ids(sortFindings(list, 'first_seen', false)), [4, 2, 3, 5, 1]);
    assert.deepEqual(ids(sortFindings(list, 'triage', true))[0], 2);
  });

  test('the input is not reordered', () => {
    sortFindings(list, 'title', true);
    assert.deepEqual(ids(list), [1, 2, 3, 4, 5]);
  });
});
