// The security metrics, one function per formula of docs/metrics.md. Snapshot metrics are taken
// at an instant; flow metrics over a window (start, end]. All take the timelines and events of
// the projects in scope and return a value with the number of samples behind it (null: none).
import { SEVERITIES, type Severity } from '../../model/index.ts';
import type { MetricEvent } from '../../store/metrics-data.ts';
import type { TriageState } from '../../store/schema.ts';
import { countsAsOpen, isDismissed, isVulnerability, type Timeline, triageAt, within } from './timeline.ts';

export interface MetricOptions {
  /** The environment whose state MTTR-S and the escape rate are about. */
  production: string;
  /** Days an open finding of each severity may stay open; null: no SLA. */
  sla: Record<Severity, number | null>;
  /** How long after a security change a failure or rollback still counts against it. */
  changeFailureWindowHours: number;
}

export const DEFAULT_METRIC_OPTIONS: MetricOptions = {
  production: 'prod',
  sla: { critical: 7, high: 30, medium: 90, low: 180, info: null },
  changeFailureWindowHours: 24,
};

export interface Value {
  value: number | null;
  samples: number;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

export interface Window {
  start: number;
  end: number;
}

const inWindow = (at: number, w: Window) => at > w.start && at <= w.end;

function mean(values: number[]): Value {
  return {
    value: values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length,
    samples: values.length,
  };
}

function ratio(hits: number, total: number): Value {
  return { value: total === 0 ? null : hits / total, samples: total };
}

export function openBySeverity(timelines: readonly Timeline[], at: number): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const t of timelines) if (countsAsOpen(t, at)) counts[t.finding.severity as Severity]++;
  return counts;
}

export const TRIAGED_STATES = [
  'accepted_risk',
  'false_positive',
  'not_affected',
] as const satisfies readonly TriageState[];
export type TriagedState = (typeof TRIAGED_STATES)[number];

/** Findings open by the lifecycle at `at`, by the triage decision in force then (none: not counted). */
export function openByTriage(timelines: readonly Timeline[], at: number): Record<TriagedState, number> {
  const counts: Record<TriagedState, number> = { accepted_risk: 0, false_positive: 0, not_affected: 0 };
  for (const t of timelines) {
    if (within(t.open, at) === undefined) continue;
    const state = triageAt(t, at);
    if (state !== 'none') counts[state]++;
  }
  return counts;
}

/** Mean days since first seen, over open vulnerability findings. */
export function vulnerabilityMeanAge(timelines: readonly Timeline[], at: number): Value {
  return mean(
    timelines
      .filter((t) => isVulnerability(t.finding) && countsAsOpen(t, at))
      .map((t) => (at - t.finding.first_seen_at.getTime()) / DAY),
  );
}

/**
 * MTTR-S: for each fix of a vulnerability in production within the window, the days from when a
 * fix was available (or the finding last opened, if later) to the fix reaching production.
 */
export function mttrS(
  timelines: readonly Timeline[],
  w: Window,
  production: string,
  kevOnly: boolean,
): Value {
  const durations: number[] = [];
  for (const t of timelines) {
    const f = t.finding;
    if (!isVulnerability(f) || f.fix_available_at === null || (kevOnly && !f.kev)) continue;
    for (const presence of t.environments.get(production) ?? []) {
      const fixedAt = presence.to;
      if (!Number.isFinite(fixedAt) || !inWindow(fixedAt, w) || isDismissed(t, fixedAt)) continue;
      // The open cycle the fix closed: the one containing the instant just before it.
      const cycle = within(t.open, fixedAt - 1);
      const start = Math.max(f.fix_available_at.getTime(), cycle?.from ?? presence.from);
      durations.push(Math.max(0, fixedAt - start) / DAY);
    }
  }
  return mean(durations);
}

/** Open vulnerability findings with a known reachability: the share whose vulnerable function is reachable. */
export function reachabilityDensity(timelines: readonly Timeline[], at: number): Value {
  let known = 0;
  let reachable = 0;
  for (const t of timelines) {
    const r = t.finding.reachability;
    if (!isVulnerability(t.finding) || !countsAsOpen(t, at) || r === null || r === 'unknown') continue;
    known++;
    if (r === 'function-reachable') reachable++;
  }
  return ratio(reachable, known);
}

/** Findings first seen in the window: the share first seen in production rather than before it. */
export function defectEscapeRate(timelines: readonly Timeline[], w: Window, production: string): Value {
  let total = 0;
  let escaped = 0;
  for (const t of timelines) {
    if (!inWindow(t.finding.first_seen_at.getTime(), w)) continue;
    total++;
    if (t.finding.first_seen_environment === production) escaped++;
  }
  return ratio(escaped, total);
}

const POLICY_CHANGES = new Set(['policy_created', 'policy_changed', 'policy_enforced']);
const FAILURES = new Set(['failure', 'rollback']);

function isSecurityChange(e: MetricEvent): boolean {
  return (e.kind === 'deployment' && e.security) || POLICY_CHANGES.has(e.kind);
}

function isChange(e: MetricEvent): boolean {
  return e.kind === 'deployment' || POLICY_CHANGES.has(e.kind);
}

/** Environments match when either side leaves it open. */
function sameScope(a: MetricEvent, b: MetricEvent): boolean {
  return (
    a.project_id === b.project_id &&
    (a.environment === null || b.environment === null || a.environment === b.environment)
  );
}

/**
 * Security changes (deployments that ship a security fix, policy changes) in the window: the
 * share followed by a failure or rollback in the same project and environment, before the next
 * change there and within the failure window.
 */
export function changeFailureRate(events: readonly MetricEvent[], w: Window, windowHours: number): Value {
  let total = 0;
  let failed = 0;
  for (let i = 0; i < events.length; i++) {
    const change = events[i]!;
    const at = change.at.getTime();
    if (!isSecurityChange(change) || !inWindow(at, w)) continue;
    total++;
    const limit = at + windowHours * HOUR;
    for (let j = i + 1; j < events.length; j++) {
      const next = events[j]!;
      const nextAt = next.at.getTime();
      if (nextAt > limit) break;
      if (!sameScope(change, next) || nextAt <= at) continue;
      if (FAILURES.has(next.kind)) {
        failed++;
        break;
      }
      if (isChange(next) && next.project_id === change.project_id && next.environment === change.environment)
        break;
    }
  }
  return ratio(failed, total);
}

interface Episode {
  start: number;
  end: number | null;
}

/** Drift episodes per project, environment and resource: started, then resolved. */
function driftEpisodes(events: readonly MetricEvent[]): Episode[] {
  const open = new Map<string, number>();
  const episodes: Episode[] = [];
  for (const e of events) {
    const key = `${e.project_id}\u0000${e.environment ?? ''}\u0000${e.subject ?? ''}`;
    const at = e.at.getTime();
    if (e.kind === 'drift_started' && !open.has(key)) open.set(key, at);
    else if (e.kind === 'drift_resolved' && open.has(key)) {
      episodes.push({ start: open.get(key)!, end: at });
      open.delete(key);
    }
  }
  for (const start of open.values()) episodes.push({ start, end: null });
  return episodes;
}

/** Mean hours from drift detected to drift resolved, over episodes resolved in the window. */
export function complianceDriftDuration(events: readonly MetricEvent[], w: Window): Value {
  return mean(
    driftEpisodes(events)
      .filter((e) => e.end !== null && inWindow(e.end, w))
      .map((e) => (e.end! - e.start) / HOUR),
  );
}

/** Drift episodes open at `at`. */
export function driftOpen(events: readonly MetricEvent[], at: number): number {
  return driftEpisodes(events).filter((e) => e.start <= at && (e.end === null || e.end > at)).length;
}

interface PolicyRollout {
  created: number;
  /** When the last target enforced it; null while some target has not. */
  everywhere: number | null;
}

/**
 * Each policy_created starts a rollout of that policy (its subject) in its project, to the
 * environments it names as targets (default: production); it is enforced everywhere when every
 * target has a policy_enforced of the same policy since the creation.
 */
function rollouts(events: readonly MetricEvent[], production: string): PolicyRollout[] {
  const out: PolicyRollout[] = [];
  for (let i = 0; i < events.length; i++) {
    const created = events[i]!;
    if (created.kind !== 'policy_created' || !created.subject) continue;
    const targets = new Set(created.targets?.length ? created.targets : [production]);
    const enforcedAt = new Map<string, number>();
    for (let j = i + 1; j < events.length && enforcedAt.size < targets.size; j++) {
      const e = events[j]!;
      if (e.project_id !== created.project_id || e.subject !== created.subject) continue;
      if (e.kind === 'policy_created') break;
      if (
        e.kind === 'policy_enforced' &&
        e.environment &&
        targets.has(e.environment) &&
        !enforcedAt.has(e.environment)
      )
        enforcedAt.set(e.environment, e.at.getTime());
    }
    out.push({
      created: created.at.getTime(),
      everywhere: enforcedAt.size === targets.size ? Math.max(...enforcedAt.values()) : null,
    });
  }
  return out;
}

/** Mean days from a policy's creation to its enforcement in every target, over rollouts completed in the window. */
export function securityLeadTime(events: readonly MetricEvent[], w: Window, production: string): Value {
  return mean(
    rollouts(events, production)
      .filter((r) => r.everywhere !== null && inWindow(r.everywhere, w))
      .map((r) => (r.everywhere! - r.created) / DAY),
  );
}

/** Open findings older than their severity's SLA at `at`; accepted risks (unexpired) are not breaches. */
export function slaBreaches(
  timelines: readonly Timeline[],
  at: number,
  sla: MetricOptions['sla'],
): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const t of timelines) {
    const severity = t.finding.severity as Severity;
    const days = sla[severity];
    if (days === null || days === undefined || !countsAsOpen(t, at) || triageAt(t, at) === 'accepted_risk')
      continue;
    if (at - t.finding.first_seen_at.getTime() > days * DAY) counts[severity]++;
  }
  return counts;
}
