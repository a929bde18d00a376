import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  formatAge,
  formatDate,
  formatDay,
  formatEpss,
  formatMetric,
  formatPackage,
  formatPercent,
  humanize,
} from './format.ts';

describe('formatting', () => {
  test('dates in UTC, whatever the viewer’s zone; nothing as a dash', () => {
    assert.equal(formatDate('2026-01-31T14:05:59.999+02:00'), '2026-01-31 12:05 UTC');
    assert.equal(formatDay('2026-01-31T23:59:59Z'), '2026-01-31');
    assert.equal(formatDate(null), '—');
    assert.equal(formatDate('not a date'), '—');
    assert.equal(formatDay(undefined), '—');
  });

  test('ages, coarser as they grow', () => {
    const now = new Date('2026-03-01T12:00:00Z');
    assert.equal(formatAge('2026-03-01T11:30:00Z', now), 'just now');
    assert.equal(formatAge('2026-03-01T07:00:00Z', now), '5 h ago');
    assert.equal(formatAge('2026-02-27T13:00:00Z', now), '47 h ago');
    assert.equal(formatAge('2026-02-20T12:00:00Z', now), '9 d ago');
    assert.equal(formatAge('2025-01-01T00:00:00Z', now), '14 mo ago');
  });

  test('metric values by unit', () => {
    assert.equal(formatMetric(0.4217, 'ratio'), '42%');
    assert.equal(formatMetric(0.004, 'ratio'), '0.4%');
    assert.equal(formatMetric(0, 'ratio'), '0%');
    assert.equal(formatMetric(2.5, 'days'), '2.5 days');
    assert.equal(formatMetric(1, 'days'), '1 day');
    assert.equal(formatMetric(3.04, 'days'), '3 days');
    assert.equal(formatMetric(15, 'hours'), '15 h');
    assert.equal(formatMetric(108, 'findings'), '108');
    assert.equal(formatMetric(null, 'days'), '—');
    assert.equal(formatMetric(Number.NaN, 'ratio'), '—');
    assert.equal(formatPercent(1), '100%');
  });

  test('EPSS, packages and enum values', () => {
    assert.equal(formatEpss(0.00461, 0.63418), '0.5% (percentile 63)');
    assert.equal(formatEpss(0.97), '97%');
    assert.equal(
      formatPackage({ purl: 'pkg:npm/lodash@4.17.15', name: 'lodash', version: '4.17.15' }),
      'lodash@4.17.15',
    );
    assert.equal(formatPackage({ purl: 'pkg:npm/x', name: 'x', version: null }), 'x');
    assert.equal(formatPackage({ purl: 'pkg:generic/blob', name: null, version: null }), 'pkg:generic/blob');
    assert.equal(formatPackage(null), '—');
    assert.equal(humanize('vulnerable_code_not_present'), 'vulnerable code not present');
    assert.equal(humanize('function-reachable'), 'function reachable');
  });
});
