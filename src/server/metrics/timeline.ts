// Each finding's past, rebuilt from its transitions and triage history, so any metric can be
// asked "as of" any moment.
import type { MetricData, MetricFinding, MetricTriage } from '../../store/metrics-data.ts';
import type { TriageState } from '../../store/schema.ts';

export interface Interval {
  from: number;
  /** Infinity while open. */
  to: number;
}

export interface Timeline {
  finding: MetricFinding;
  /** When the finding as a whole was open (some environment had it). */
  open: Interval[];
  /** Per environment: when it was present there. */
  environments: Map<string, Interval[]>;
  triage: MetricTriage[];
}

export function buildTimelines(data: MetricData): Timeline[] {
  const byId = new Map<number, Timeline>();
  for (const finding of data.findings)
    byId.set(finding.id, { finding, open: [], environments: new Map(), triage: [] });
  for (const t of data.transitions) {
    const timeline = byId.get(t.finding_id);
    if (!timeline) continue;
    let intervals = timeline.open;
    if (t.environment !== null) {
      intervals = timeline.environments.get(t.environment) ?? [];
      timeline.environments.set(t.environment, intervals);
    }
    const at = t.at.getTime();
    const last = intervals.at(-1);
    if (t.state === 'open' && (!last || last.to !== Number.POSITIVE_INFINITY))
      intervals.push({ from: at, to: Number.POSITIVE_INFINITY });
    else if (t.state === 'fixed' && last && last.to === Number.POSITIVE_INFINITY) last.to = at;
  }
  for (const row of data.triage) byId.get(row.finding_id)?.triage.push(row);
  return [...byId.values()];
}

export function within(intervals: readonly Interval[], at: number): Interval | undefined {
  return intervals.find((i) => i.from <= at && at < i.to);
}

/** The triage state in force at `at`: the latest decision made by then, none once an accepted risk expires. */
export function triageAt(timeline: Timeline, at: number): TriageState {
  let state: TriageState = 'none';
  let expires: Date | null = null;
  for (const row of timeline.triage) {
    if (row.created_at.getTime() > at) break;
    state = row.state;
    expires = row.expires_at;
  }
  if (state === 'accepted_risk' && expires !== null && expires.getTime() <= at) return 'none';
  return state;
}

/** Triage states that say the finding is not a real exposure. */
const DISMISSED: ReadonlySet<TriageState> = new Set(['false_positive', 'not_affected']);

/** Open at `at` and not dismissed by triage: what "open finding" means in every metric. */
export function countsAsOpen(timeline: Timeline, at: number): boolean {
  return within(timeline.open, at) !== undefined && !DISMISSED.has(triageAt(timeline, at));
}

export function isDismissed(timeline: Timeline, at: number): boolean {
  return DISMISSED.has(triageAt(timeline, at));
}

export function isVulnerability(finding: MetricFinding): boolean {
  return finding.kind === 'vulnerability' || finding.kind === 'integrity';
}
