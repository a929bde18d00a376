import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { MetricSeries, MetricsResponse } from './api-types.ts';
import { CHARTS, chartData, headlines, metricRange, overRange, sumSeries } from './metrics.ts';

const buckets = ['2026-01-02T00:00:00.000Z', '2026-01-03T00:00:00.000Z', '2026-01-04T00:00:00.000Z'];

function series(
  metric: string,
  labels: Record<string, string>,
  values: (number | null)[],
  samples?: number[],
) {
  const unit = metric.endsWith('_days') ? 'days' : metric.endsWith('rate') ? 'ratio' : 'findings';
  return {
    metric,
    labels,
    unit,
    kind: 'snapshot' as const,
    values,
    ...(samples ? { samples } : {}),
  } satisfies MetricSeries;
}

const metrics: MetricsResponse = {
  project: null,
  projects: ['web'],
  from: '2026-01-01T00:00:00.000Z',
  to: '2026-01-04T00:00:00.000Z',
  interval: 'day',
  buckets,
  series: [
    series('findings_open', { severity: 'critical' }, [1, 1, 0]),
    series('findings_open', { severity: 'high' }, [2, 3, 4]),
    series('findings_triaged', { state: 'accepted_risk' }, [0, 1, 1]),
    series('findings_triaged', { state: 'false_positive' }, [0, 0, 2]),
    series('mttr_s_days', { subset: 'all' }, [null, 3, 5], [0, 3, 1]),
    series('mttr_s_days', { subset: 'kev' }, [null, null, null], [0, 0, 0]),
    series('defect_escape_rate', {}, [0, 1, null], [4, 1, 0]),
  ],
};

describe('metrics for the dashboard', () => {
  test('snapshot headlines: the last bucket, summed over labels; means and rates over the range', () => {
    const byKey = Object.fromEntries(headlines(metrics).map((h) => [h.key, h]));
    assert.deepEqual(Object.keys(byKey), ['open', 'accepted', 'mttr', 'mttr-kev', 'escape']);
    assert.equal(byKey.open?.value, 4);
    assert.equal(byKey.accepted?.value, 1);
    // Three fixes of 3 days and one of 5: 14 / 4.
    assert.deepEqual([byKey.mttr?.value, byKey.mttr?.samples, byKey.mttr?.unit], [3.5, 4, 'days']);
    assert.deepEqual([byKey['mttr-kev']?.value, byKey['mttr-kev']?.samples], [null, 0]);
    // One escape among five new findings.
    assert.equal(byKey.escape?.value, 0.2);
  });

  test('sums and ranges with gaps', () => {
    const gaps = [series('x', {}, [null, 2, null]), series('x', {}, [null, 3, 1])];
    assert.deepEqual(sumSeries(gaps, 3), [null, 5, 1]);
    assert.deepEqual(overRange(series('m', {}, [null, null], [0, 0])), { value: null, samples: 0 });
    assert.deepEqual(overRange(series('m', {}, [2, 4])), { value: null, samples: 0 }, 'no samples, no mean');
    assert.deepEqual(
      headlines({ ...metrics, buckets: [], series: [series('findings_open', {}, [])] })[0]?.value,
      null,
    );
  });

  test('chart lines in the order of their labels, x in seconds', () => {
    const open = chartData(metrics, CHARTS.find((c) => c.key === 'open')!);
    assert.deepEqual(open?.x, [1767312000, 1767398400, 1767484800]);
    assert.deepEqual(
      open?.lines.map((l) => l.name),
      ['critical', 'high'],
    );
    assert.equal(open?.unit, 'findings');
    assert.equal(chartData(metrics, CHARTS.find((c) => c.key === 'drift')!), undefined);
    const escapeRate = chartData(metrics, CHARTS.find((c) => c.key === 'escape')!);
    assert.deepEqual(escapeRate?.lines, [{ name: 'Defect escape rate', values: [0, 1, null] }]);
  });

  test('ranges: presets end now; chosen days run whole, never past now; the interval follows the length', () => {
    const now = new Date('2026-03-10T15:00:00Z');
    assert.deepEqual(metricRange('7d', now), {
      from: '2026-03-03T15:00:00.000Z',
      to: '2026-03-10T15:00:00.000Z',
      interval: 'day',
    });
    assert.equal(metricRange('365d', now).interval, 'week');
    assert.deepEqual(metricRange({ from: '2026-03-01', to: '2026-03-02' }, now), {
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-03-03T00:00:00.000Z',
      interval: 'hour',
    });
    assert.deepEqual(metricRange({ from: '2026-03-10', to: '2026-03-31' }, now), {
      from: '2026-03-10T00:00:00.000Z',
      to: '2026-03-10T15:00:00.000Z',
      interval: 'hour',
    });
    const future = metricRange({ from: '2027-01-01', to: '2027-01-02' }, now);
    assert.ok(future.from < future.to, 'a range in the future still asks for a valid one');
  });
});
