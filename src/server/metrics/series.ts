// Metrics as time series: the range [from, to] cut into buckets; snapshot metrics are taken at
// each bucket's end, flow metrics over the bucket.
import { SEVERITIES } from '../../model/index.ts';
import type { MetricData } from '../../store/metrics-data.ts';
import {
  changeFailureRate,
  complianceDriftDuration,
  defectEscapeRate,
  driftOpen,
  type MetricOptions,
  mttrS,
  openBySeverity,
  openByTriage,
  reachabilityDensity,
  securityLeadTime,
  slaBreaches,
  TRIAGED_STATES,
  type Value,
  vulnerabilityMeanAge,
  type Window,
} from './compute.ts';
import { buildTimelines } from './timeline.ts';

export const INTERVALS = { hour: 3_600_000, day: 86_400_000, week: 7 * 86_400_000 } as const;
export type Interval = keyof typeof INTERVALS;

export interface Series {
  metric: string;
  labels: Record<string, string>;
  unit: string;
  /** snapshot: at the bucket's end; window: over the bucket. */
  kind: 'snapshot' | 'window';
  values: (number | null)[];
  /** For means and rates: how many findings, fixes or changes each value stands on. */
  samples?: number[];
}

export interface MetricSeries {
  from: string;
  to: string;
  interval: Interval;
  /** Each bucket's end. */
  buckets: string[];
  series: Series[];
}

/** At most this many buckets per request, so a year by the hour cannot tie a replica up. */
export const MAX_BUCKETS = 1_000;

/** How many buckets `bucketEnds` gives, computed without making them (a range can span millennia). */
export function bucketCount(from: Date, to: Date, interval: Interval): number {
  return Math.max(0, Math.ceil((to.getTime() - from.getTime()) / INTERVALS[interval]));
}

export function bucketEnds(from: Date, to: Date, interval: Interval): number[] {
  const step = INTERVALS[interval];
  const ends: number[] = [];
  for (let end = from.getTime() + step; end < to.getTime() + step; end += step)
    ends.push(Math.min(end, to.getTime()));
  return ends;
}

export function metricSeries(
  data: MetricData,
  from: Date,
  to: Date,
  interval: Interval,
  options: MetricOptions,
): MetricSeries {
  const ends = bucketEnds(from, to, interval);
  const windows: Window[] = ends.map((end, i) => ({ start: i === 0 ? from.getTime() : ends[i - 1]!, end }));
  const timelines = buildTimelines(data);
  const series: Series[] = [];
  const snapshot = (
    metric: string,
    unit: string,
    labels: Record<string, string>,
    f: (at: number) => number,
  ) => series.push({ metric, labels, unit, kind: 'snapshot', values: ends.map(f) });
  const valued = (
    metric: string,
    unit: string,
    kind: Series['kind'],
    labels: Record<string, string>,
    f: (w: Window) => Value,
  ) => {
    const values = windows.map(f);
    series.push({
      metric,
      labels,
      unit,
      kind,
      values: values.map((v) => v.value),
      samples: values.map((v) => v.samples),
    });
  };
  const open = ends.map((at) => openBySeverity(timelines, at));
  const breaches = ends.map((at) => slaBreaches(timelines, at, options.sla));
  for (const severity of SEVERITIES)
    series.push({
      metric: 'findings_open',
      labels: { severity },
      unit: 'findings',
      kind: 'snapshot',
      values: open.map((o) => o[severity]),
    });
  const triaged = ends.map((at) => openByTriage(timelines, at));
  for (const state of TRIAGED_STATES)
    series.push({
      metric: 'findings_triaged',
      labels: { state },
      unit: 'findings',
      kind: 'snapshot',
      values: triaged.map((t) => t[state]),
    });
  valued('vulnerability_mean_age_days', 'days', 'snapshot', {}, (w) =>
    vulnerabilityMeanAge(timelines, w.end),
  );
  valued('mttr_s_days', 'days', 'window', { subset: 'all' }, (w) =>
    mttrS(timelines, w, options.production, false),
  );
  valued('mttr_s_days', 'days', 'window', { subset: 'kev' }, (w) =>
    mttrS(timelines, w, options.production, true),
  );
  valued('reachability_density', 'ratio', 'snapshot', {}, (w) => reachabilityDensity(timelines, w.end));
  valued('defect_escape_rate', 'ratio', 'window', {}, (w) =>
    defectEscapeRate(timelines, w, options.production),
  );
  valued('change_failure_rate', 'ratio', 'window', {}, (w) =>
    changeFailureRate(data.events, w, options.changeFailureWindowHours),
  );
  valued('compliance_drift_duration_hours', 'hours', 'window', {}, (w) =>
    complianceDriftDuration(data.events, w),
  );
  snapshot('compliance_drift_open', 'episodes', {}, (at) => driftOpen(data.events, at));
  valued('security_lead_time_days', 'days', 'window', {}, (w) =>
    securityLeadTime(data.events, w, options.production),
  );
  for (const severity of SEVERITIES) {
    if (options.sla[severity] === null) continue;
    series.push({
      metric: 'sla_breaches',
      labels: { severity },
      unit: 'findings',
      kind: 'snapshot',
      values: breaches.map((b) => b[severity]),
    });
  }
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    interval,
    buckets: ends.map((e) => new Date(e).toISOString()),
    series,
  };
}
