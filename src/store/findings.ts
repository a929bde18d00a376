import {
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type RawBuilder,
  type SqlBool,
  sql,
} from 'kysely';
import type { DB, FindingsTable, TriageRow, TriageState, VexJustification } from './schema.ts';

export interface FindingFilter {
  /** The projects to look in; null: every project (a portfolio view for a global reader). */
  projectIds: readonly number[] | null;
  branch?: string;
  status?: 'open' | 'fixed' | 'all';
  severities?: string[];
  kinds?: string[];
  /** Effective triage state: an accepted risk past its expiry counts as `none`. */
  triage?: TriageState[];
  kev?: boolean;
  reachability?: string[];
  /** Substring of the title, rule id, package name or an advisory id. */
  q?: string;
  limit: number;
  offset: number;
  now: Date;
}

export interface FindingSummary {
  id: number;
  branch: string;
  fingerprint: string;
  kind: string;
  rule_id: string;
  title: string;
  severity: string;
  risk_score: number;
  purl: string | null;
  package_name: string | null;
  package_version: string | null;
  path: string;
  advisory_ids: string[];
  kev: boolean;
  epss: number | null;
  reachability: string | null;
  fixed_version: string | null;
  fix_available_at: Date | null;
  status: 'open' | 'fixed';
  first_seen_at: Date;
  first_seen_environment: string;
  last_seen_at: Date;
  fixed_at: Date | null;
  reopened_count: number;
  triage_state: TriageState;
  triage_expires_at: Date | null;
  /** Environments whose latest sighting has the finding. */
  environments: string[];
}

function effectiveTriage(now: Date): RawBuilder<TriageState> {
  return sql<TriageState>`case when f.triage_expires_at is not null and f.triage_expires_at <= ${now}
    then 'none' else f.triage_state end`;
}

function summaryQuery(db: Kysely<DB>, now: Date) {
  return db.selectFrom('findings as f').select([
    'f.id',
    'f.branch',
    'f.fingerprint',
    'f.kind',
    'f.rule_id',
    'f.title',
    'f.severity',
    'f.risk_score',
    'f.purl',
    'f.package_name',
    'f.package_version',
    'f.path',
    'f.advisory_ids',
    'f.kev',
    'f.epss',
    'f.reachability',
    'f.fixed_version',
    'f.fix_available_at',
    'f.status',
    'f.first_seen_at',
    'f.first_seen_environment',
    'f.last_seen_at',
    'f.fixed_at',
    'f.reopened_count',
    effectiveTriage(now).as('triage_state'),
    sql<Date | null>`case when f.triage_state = 'accepted_risk' and f.triage_expires_at > ${now}
        then f.triage_expires_at end`.as('triage_expires_at'),
    sql<string[]>`coalesce((select array_agg(fe.environment order by fe.environment)
        from finding_environments fe where fe.finding_id = f.id and fe.fixed_at is null), '{}')`.as(
      'environments',
    ),
  ]);
}

/** One page of findings of some projects, riskiest first, and how many match in all. */
export async function listFindings(
  db: Kysely<DB>,
  filter: FindingFilter,
): Promise<{ total: number; items: (FindingSummary & { project: string })[] }> {
  const where = (eb: ExpressionBuilder<{ f: FindingsTable }, 'f'>) => {
    const conditions: Expression<SqlBool>[] = [];
    if (filter.projectIds !== null) conditions.push(eb('f.project_id', 'in', [...filter.projectIds, -1]));
    if (filter.branch !== undefined) conditions.push(eb('f.branch', '=', filter.branch));
    if (filter.status && filter.status !== 'all') conditions.push(eb('f.status', '=', filter.status));
    if (filter.severities?.length) conditions.push(eb('f.severity', 'in', filter.severities));
    if (filter.kinds?.length) conditions.push(eb('f.kind', 'in', filter.kinds));
    if (filter.kev !== undefined) conditions.push(eb('f.kev', '=', filter.kev));
    if (filter.reachability?.length)
      conditions.push(
        sql<SqlBool>`coalesce(f.reachability, 'unknown') = any(${filter.reachability}::text[])`,
      );
    if (filter.triage?.length)
      conditions.push(sql<SqlBool>`${effectiveTriage(filter.now)} = any(${filter.triage}::text[])`);
    if (filter.q) {
      const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      conditions.push(
        sql<SqlBool>`(f.title ilike ${pattern} or f.rule_id ilike ${pattern} or f.package_name ilike ${pattern}
          or f.advisory_ids::text ilike ${pattern})`,
      );
    }
    return eb.and(conditions);
  };
  const totalRow = await db
    .selectFrom('findings as f')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(where)
    .executeTakeFirstOrThrow();
  const items = await summaryQuery(db, filter.now)
    .innerJoin('projects as p', 'p.id', 'f.project_id')
    .select('p.name as project')
    .where(where)
    .orderBy('f.risk_score', 'desc')
    .orderBy('f.kev', 'desc')
    .orderBy('f.severity_rank', 'desc')
    .orderBy(sql`f.epss desc nulls last`)
    .orderBy('f.first_seen_at', 'asc')
    .orderBy('f.rule_id', 'asc')
    .orderBy('f.id', 'asc')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  return { total: totalRow.n, items };
}

export interface FindingDetail extends FindingSummary {
  project: string;
  project_id: number;
  data: Record<string, unknown>;
  environment_history: {
    environment: string;
    first_seen_at: Date;
    last_seen_at: Date;
    fixed_at: Date | null;
  }[];
  transitions: { environment: string | null; state: 'open' | 'fixed'; at: Date; scan_id: number | null }[];
  triage_history: TriageRow[];
}

export async function getFinding(db: Kysely<DB>, id: number, now: Date): Promise<FindingDetail | undefined> {
  const summary = await summaryQuery(db, now)
    .innerJoin('projects as p', 'p.id', 'f.project_id')
    .select(['p.name as project', 'f.project_id', 'f.data'])
    .where('f.id', '=', id)
    .executeTakeFirst();
  if (!summary) return undefined;
  const [environment_history, transitions, triage_history] = await Promise.all([
    db
      .selectFrom('finding_environments')
      .select(['environment', 'first_seen_at', 'last_seen_at', 'fixed_at'])
      .where('finding_id', '=', id)
      .orderBy('environment')
      .execute(),
    db
      .selectFrom('finding_transitions')
      .select(['environment', 'state', 'at', 'scan_id'])
      .where('finding_id', '=', id)
      .orderBy('at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('triage')
      .selectAll()
      .where('finding_id', '=', id)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
  ]);
  return { ...summary, environment_history, transitions, triage_history };
}

export interface TriageInput {
  state: TriageState;
  reason: string | null;
  justification: VexJustification | null;
  expiresAt: Date | null;
  actor: string;
  at: Date;
}

/** Records a triage decision (the history keeps every one) and makes it the finding's current state. */
export async function setTriage(db: Kysely<DB>, findingId: number, input: TriageInput): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('triage')
      .values({
        finding_id: findingId,
        state: input.state,
        reason: input.reason,
        justification: input.justification,
        expires_at: input.expiresAt,
        actor: input.actor,
        created_at: input.at,
      })
      .execute();
    await trx
      .updateTable('findings')
      .set({ triage_state: input.state, triage_expires_at: input.expiresAt })
      .where('id', '=', findingId)
      .execute();
  });
}

/** The project a finding belongs to, for authorization before anything else is read. */
export async function findingProject(db: Kysely<DB>, id: number): Promise<string | undefined> {
  const row = await db
    .selectFrom('findings as f')
    .innerJoin('projects as p', 'p.id', 'f.project_id')
    .select('p.name')
    .where('f.id', '=', id)
    .executeTakeFirst();
  return row?.name;
}

/** Every finding of a branch with its latest triage, for the OpenVEX export. */
export async function findingsForVex(db: Kysely<DB>, projectId: number, branch: string, now: Date) {
  return summaryQuery(db, now)
    .select(['f.data'])
    .select((eb) =>
      eb
        .selectFrom('triage as t')
        .select('t.reason')
        .whereRef('t.finding_id', '=', 'f.id')
        .orderBy('t.created_at', 'desc')
        .orderBy('t.id', 'desc')
        .limit(1)
        .as('triage_reason'),
    )
    .select((eb) =>
      eb
        .selectFrom('triage as t')
        .select('t.justification')
        .whereRef('t.finding_id', '=', 'f.id')
        .orderBy('t.created_at', 'desc')
        .orderBy('t.id', 'desc')
        .limit(1)
        .as('triage_justification'),
    )
    .where('f.project_id', '=', projectId)
    .where('f.branch', '=', branch)
    .where('f.kind', 'in', ['vulnerability', 'integrity'])
    .orderBy('f.id')
    .execute();
}
