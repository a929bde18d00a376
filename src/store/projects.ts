import { type Kysely, sql } from 'kysely';
import type { DB, Project } from './schema.ts';

/** The project of this name, created on first use (uploads create projects). */
export async function ensureProject(db: Kysely<DB>, name: string): Promise<Project> {
  const inserted = await db
    .insertInto('projects')
    .values({ name })
    .onConflict((oc) => oc.column('name').doNothing())
    .returningAll()
    .executeTakeFirst();
  return (
    inserted ??
    (await db.selectFrom('projects').selectAll().where('name', '=', name).executeTakeFirstOrThrow())
  );
}

export function findProject(db: Kysely<DB>, name: string): Promise<Project | undefined> {
  return db.selectFrom('projects').selectAll().where('name', '=', name).executeTakeFirst();
}

export interface ProjectSummary {
  name: string;
  created_at: Date;
  last_scan_at: Date | null;
  branches: string[];
  environments: string[];
  /** Open findings, all branches, by severity; those dismissed by triage (false positive, not affected) left out. */
  open: Record<string, number>;
}

/** Projects with what a portfolio view shows first; `names` null: all of them. */
export async function listProjects(
  db: Kysely<DB>,
  names: readonly string[] | null,
): Promise<ProjectSummary[]> {
  if (names !== null && names.length === 0) return [];
  let query = db
    .selectFrom('projects as p')
    .select([
      'p.id',
      'p.name',
      'p.created_at',
      sql<Date | null>`(select max(s.created_at) from scans s where s.project_id = p.id)`.as('last_scan_at'),
      sql<
        string[]
      >`coalesce((select array_agg(distinct s.branch order by s.branch) from scans s where s.project_id = p.id), '{}')`.as(
        'branches',
      ),
      sql<
        string[]
      >`coalesce((select array_agg(distinct s.environment order by s.environment) from scans s where s.project_id = p.id), '{}')`.as(
        'environments',
      ),
    ])
    .orderBy('p.name');
  if (names !== null) query = query.where('p.name', 'in', names);
  const projects = await query.execute();
  const counts = await db
    .selectFrom('findings')
    .select(['project_id', 'severity', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'open')
    // As in the metrics: a finding dismissed by triage is not an open finding.
    .where('triage_state', 'not in', ['false_positive', 'not_affected'])
    .where('project_id', 'in', projects.map((p) => p.id).concat([-1]))
    .groupBy(['project_id', 'severity'])
    .execute();
  return projects.map((p) => ({
    name: p.name,
    created_at: p.created_at,
    last_scan_at: p.last_scan_at,
    branches: p.branches,
    environments: p.environments,
    open: Object.fromEntries(counts.filter((c) => c.project_id === p.id).map((c) => [c.severity, c.n])),
  }));
}
