// From the API's metric time series (GET /api/v1/metrics) to what the dashboard shows: headline
// figures (a snapshot as of the last bucket; a mean or rate over the whole range, rebuilt from each
// bucket's value and sample count) and chart data. docs/metrics.md has the formulas.
import { SEVERITIES } from '../../model/severity.ts';
import type { MetricSeries, MetricsResponse } from './api-types.ts';
import type { RangePreset, TrendView } from './route.ts';

const DAY = 86_400_000;

/** The series of `metric` whose labels include `labels`. */
export function seriesOf(
  metrics: MetricsResponse,
  metric: string,
  labels: Record<string, string> = {},
): MetricSeries[] {
  return metrics.series.filter(
    (s) => s.metric === metric && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  );
}

/** Bucket by bucket, the sum of the series (null where all of them are null). */
export function sumSeries(series: readonly MetricSeries[], buckets: number): (number | null)[] {
  return Array.from({ length: buckets }, (_, i) => {
    const values = series.map((s) => s.values[i]).filter((v): v is number => v !== null && v !== undefined);
    return values.length === 0 ? null : values.reduce((a, b) => a + b, 0);
  });
}

/**
 * A mean or ratio over several buckets: each bucket's value times its sample count is its sum (or
 * its hits), so the whole range's value is Σ value·samples / Σ samples; null with no samples.
 */
export function overRange(series: MetricSeries): { value: number | null; samples: number } {
  let weighted = 0;
  let samples = 0;
  series.values.forEach((value, i) => {
    const n = series.samples?.[i] ?? 0;
    if (value === null || n === 0) return;
    weighted += value * n;
    samples += n;
  });
  return { value: samples === 0 ? null : weighted / samples, samples };
}

export interface Headline {
  key: string;
  label: string;
  unit: string;
  value: number | null;
  /** Findings, fixes or changes the value stands on (means and rates). */
  samples?: number;
  help: string;
}

interface HeadlineSpec {
  key: string;
  label: string;
  metric: string;
  labels?: Record<string, string>;
  /** snapshot: the last bucket, summed over matching series; range: over every bucket. */
  take: 'snapshot' | 'range';
  help: string;
}

const HEADLINES: HeadlineSpec[] = [
  {
    key: 'open',
    label: 'Open findings',
    metric: 'findings_open',
    take: 'snapshot',
    help: 'open now, not dismissed by triage',
  },
  {
    key: 'accepted',
    label: 'Accepted risks',
    metric: 'findings_triaged',
    labels: { state: 'accepted_risk' },
    take: 'snapshot',
    help: 'open findings with an unexpired risk acceptance',
  },
  {
    key: 'sla',
    label: 'SLA breaches',
    metric: 'sla_breaches',
    take: 'snapshot',
    help: 'open longer than their severity allows',
  },
  {
    key: 'mttr',
    label: 'MTTR-S',
    metric: 'mttr_s_days',
    labels: { subset: 'all' },
    take: 'range',
    help: 'fix available to fix in production',
  },
  {
    key: 'mttr-kev',
    label: 'MTTR-S (KEV)',
    metric: 'mttr_s_days',
    labels: { subset: 'kev' },
    take: 'range',
    help: 'the same, known exploited only',
  },
  {
    key: 'age',
    label: 'Vulnerability mean age',
    metric: 'vulnerability_mean_age_days',
    take: 'snapshot',
    help: 'since first seen, open vulnerabilities',
  },
  {
    key: 'reachability',
    label: 'Reachability density',
    metric: 'reachability_density',
    take: 'snapshot',
    help: 'vulnerable function reachable, of those analysed',
  },
  {
    key: 'escape',
    label: 'Defect escape rate',
    metric: 'defect_escape_rate',
    take: 'range',
    help: 'new findings first seen in production',
  },
  {
    key: 'change-failure',
    label: 'Change failure rate',
    metric: 'change_failure_rate',
    take: 'range',
    help: 'security changes followed by a failure',
  },
  {
    key: 'drift',
    label: 'Open drift',
    metric: 'compliance_drift_open',
    take: 'snapshot',
    help: 'resources drifted from Git, not resolved',
  },
  {
    key: 'lead-time',
    label: 'Security lead time',
    metric: 'security_lead_time_days',
    take: 'range',
    help: 'policy created to enforced everywhere',
  },
];

export function headlines(metrics: MetricsResponse): Headline[] {
  const last = metrics.buckets.length - 1;
  return HEADLINES.flatMap((spec) => {
    const series = seriesOf(metrics, spec.metric, spec.labels);
    const first = series[0];
    if (!first) return [];
    const base = { key: spec.key, label: spec.label, unit: first.unit, help: spec.help };
    if (spec.take === 'snapshot')
      return [
        { ...base, value: last < 0 ? null : (sumSeries(series, metrics.buckets.length)[last] ?? null) },
      ];
    return [{ ...base, ...overRange(first) }];
  });
}

export interface ChartSpec {
  key: string;
  title: string;
  metric: string;
  /** One line per value of this label (in this order), else one line. */
  by?: { label: string; values: readonly string[] };
  labels?: Record<string, string>;
}

export const CHARTS: ChartSpec[] = [
  {
    key: 'open',
    title: 'Open findings by severity',
    metric: 'findings_open',
    by: { label: 'severity', values: SEVERITIES },
  },
  {
    key: 'triaged',
    title: 'Triaged findings',
    metric: 'findings_triaged',
    by: { label: 'state', values: ['accepted_risk', 'false_positive', 'not_affected'] },
  },
  {
    key: 'sla',
    title: 'SLA breaches by severity',
    metric: 'sla_breaches',
    by: { label: 'severity', values: SEVERITIES },
  },
  { key: 'age', title: 'Vulnerability mean age', metric: 'vulnerability_mean_age_days' },
  { key: 'mttr', title: 'MTTR-S', metric: 'mttr_s_days', by: { label: 'subset', values: ['all', 'kev'] } },
  { key: 'reachability', title: 'Reachability density', metric: 'reachability_density' },
  { key: 'escape', title: 'Defect escape rate', metric: 'defect_escape_rate' },
  { key: 'change-failure', title: 'Change failure rate', metric: 'change_failure_rate' },
  { key: 'drift', title: 'Open drift episodes', metric: 'compliance_drift_open' },
  { key: 'drift-duration', title: 'Drift duration', metric: 'compliance_drift_duration_hours' },
  { key: 'lead-time', title: 'Security lead time', metric: 'security_lead_time_days' },
];

export interface ChartData {
  unit: string;
  /** Bucket ends, in seconds (uPlot's x scale). */
  x: number[];
  lines: { name: string; values: (number | null)[] }[];
}

/** The lines of a chart; undefined when the response has none of its series. */
export function chartData(metrics: MetricsResponse, spec: ChartSpec): ChartData | undefined {
  const x = metrics.buckets.map((b) => Date.parse(b) / 1000);
  const lines = spec.by
    ? spec.by.values.flatMap((value) => {
        const found = seriesOf(metrics, spec.metric, { ...spec.labels, [spec.by!.label]: value })[0];
        return found ? [{ name: value, values: found.values }] : [];
      })
    : seriesOf(metrics, spec.metric, spec.labels).map((s) => ({ name: spec.title, values: s.values }));
  const unit = seriesOf(metrics, spec.metric)[0]?.unit;
  return unit === undefined || lines.length === 0 ? undefined : { unit, x, lines };
}

const PRESET_DAYS: Record<RangePreset, number> = { '7d': 7, '30d': 30, '90d': 90, '365d': 365 };

export interface MetricRange {
  from: string;
  to: string;
  interval: 'hour' | 'day' | 'week';
}

/**
 * The API range of a trend view: presets end now; custom ranges run from the start of the first
 * day to the end of the last (UTC), never past now. Hours up to 3 days, days up to 180, then weeks.
 */
export function metricRange(range: TrendView['range'], now: Date): MetricRange {
  const end = now.getTime();
  const [from, to] =
    typeof range === 'string'
      ? [end - PRESET_DAYS[range] * DAY, end]
      : [Date.parse(`${range.from}T00:00:00Z`), Math.min(Date.parse(`${range.to}T00:00:00Z`) + DAY, end)];
  const start = Math.min(from, to - 3_600_000);
  const days = (to - start) / DAY;
  return {
    from: new Date(start).toISOString(),
    to: new Date(to).toISOString(),
    interval: days <= 3 ? 'hour' : days <= 180 ? 'day' : 'week',
  };
}
