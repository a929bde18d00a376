// Everything the security metrics are computed from, up to a moment: findings with their
// transitions and triage history, and the events. The metrics themselves are pure functions
// over this (src/server/metrics), so each formula is testable on a hand-built history.
import type { Kysely } from 'kysely';
import type { DB, EventKind, TriageState } from './schema.ts';

export interface MetricFinding {
  id: number;
  project_id: number;
  kind: string;
  severity: string;
  kev: boolean;
  reachability: string | null;
  first_seen_at: Date;
  first_seen_environment: string;
  fix_available_at: Date | null;
}

export interface MetricTransition {
  finding_id: number;
  /** null: the finding as a whole. */
  environment: string | null;
  state: 'open' | 'fixed';
  at: Date;
}

export interface MetricTriage {
  finding_id: number;
  state: TriageState;
  expires_at: Date | null;
  created_at: Date;
}

export interface MetricEvent {
  id: number;
  project_id: number;
  kind: EventKind;
  environment: string | null;
  subject: string | null;
  security: boolean;
  targets: string[] | null;
  at: Date;
}

export interface MetricData {
  projects: { id: number; name: string }[];
  findings: MetricFinding[];
  /** In time order. */
  transitions: MetricTransition[];
  /** In time order. */
  triage: MetricTriage[];
  /** In time order. */
  events: MetricEvent[];
}

/** `projects` null: the whole portfolio. Only what happened at or before `to` is read. */
export async function loadMetricData(
  db: Kysely<DB>,
  projects: readonly string[] | null,
  to: Date,
): Promise<MetricData> {
  let projectQuery = db.selectFrom('projects').select(['id', 'name']).orderBy('name');
  if (projects !== null) projectQuery = projectQuery.where('name', 'in', [...projects, '']);
  const projectRows = await projectQuery.execute();
  const ids = [...projectRows.map((p) => p.id), -1];
  const [findings, transitions, triage, events] = await Promise.all([
    db
      .selectFrom('findings')
      .select([
        'id',
        'project_id',
        'kind',
        'severity',
        'kev',
        'reachability',
        'first_seen_at',
        'first_seen_environment',
        'fix_available_at',
      ])
      .where('project_id', 'in', ids)
      .where('first_seen_at', '<=', to)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('finding_transitions as t')
      .innerJoin('findings as f', 'f.id', 't.finding_id')
      .select(['t.finding_id', 't.environment', 't.state', 't.at'])
      .where('f.project_id', 'in', ids)
      .where('t.at', '<=', to)
      .orderBy('t.at')
      .orderBy('t.id')
      .execute(),
    db
      .selectFrom('triage as t')
      .innerJoin('findings as f', 'f.id', 't.finding_id')
      .select(['t.finding_id', 't.state', 't.expires_at', 't.created_at'])
      .where('f.project_id', 'in', ids)
      .where('t.created_at', '<=', to)
      .orderBy('t.created_at')
      .orderBy('t.id')
      .execute(),
    db
      .selectFrom('events')
      .select(['id', 'project_id', 'kind', 'environment', 'subject', 'security', 'targets', 'at'])
      .where('project_id', 'in', ids)
      .where('at', '<=', to)
      .orderBy('at')
      .orderBy('id')
      .execute(),
  ]);
  return { projects: projectRows, findings, transitions, triage, events };
}
