// The finding lifecycle, per project and branch, by fingerprint. A finding is open while some
// environment's latest sighting has it; a complete scan of an environment that lacks it fixes it
// there; when no environment has it any more it is fixed; when it comes back it is reopened.
// Every change is written as a transition, from which the metrics rebuild any past moment.
// Callers hold the (project, branch) lock (lockBranch) and run inside one transaction.
import { type Kysely, sql } from 'kysely';
import { type FindingInput, uniqueByFingerprint } from './finding-input.ts';
import type { DB } from './schema.ts';

export interface Sighting {
  projectId: number;
  branch: string;
  environment: string;
  at: Date;
  /** The scan the findings come from; null for sightings without one (re-matching). */
  scanId: number | null;
  /** The sighting covers the whole project: what it lacks is fixed in its environment. */
  complete: boolean;
}

export interface FindingRef {
  id: number;
  fingerprint: string;
}

export interface LifecycleChanges {
  created: FindingRef[];
  reopened: FindingRef[];
  fixed: FindingRef[];
  /** Findings present in the sighting, in input order. */
  seen: FindingRef[];
}

/** Serializes writers of one project and branch until the transaction ends. */
export async function lockBranch(trx: Kysely<DB>, projectId: number, branch: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`palisade:branch:${projectId}:${branch}`}, 0))`.execute(
    trx,
  );
}

export async function applySighting(
  trx: Kysely<DB>,
  sighting: Sighting,
  inputs: readonly FindingInput[],
): Promise<LifecycleChanges> {
  const findings = uniqueByFingerprint(inputs);
  const fingerprints = findings.map((f) => f.fingerprint);
  const existing = await trx
    .selectFrom('findings')
    .select(['id', 'fingerprint', 'status'])
    .where('project_id', '=', sighting.projectId)
    .where('branch', '=', sighting.branch)
    .where(sql<boolean>`fingerprint = any(${fingerprints}::text[])`)
    .execute();
  const byFingerprint = new Map(existing.map((f) => [f.fingerprint, f]));
  const fresh = findings.filter((f) => !byFingerprint.has(f.fingerprint));
  const known = findings.filter((f) => byFingerprint.has(f.fingerprint));
  const reopened = known
    .map((f) => byFingerprint.get(f.fingerprint)!)
    .filter((f) => f.status === 'fixed')
    .map(({ id, fingerprint }) => ({ id, fingerprint }));

  const created = await insertFindings(trx, sighting, fresh);
  await updateFindings(trx, sighting, known);
  const ids = new Map([...existing, ...created].map((f) => [f.fingerprint, f.id]));
  const seen = findings.map((f) => ({ id: ids.get(f.fingerprint)!, fingerprint: f.fingerprint }));
  await writeTransitions(
    trx,
    [...created, ...reopened].map((f) => f.id),
    null,
    'open',
    sighting,
  );
  await markPresent(
    trx,
    sighting,
    seen.map((f) => f.id),
  );
  if (sighting.scanId !== null && seen.length > 0) {
    await sql`
      insert into scan_findings (scan_id, finding_id)
      select ${sighting.scanId}, id from unnest(${seen.map((f) => f.id)}::bigint[]) as id
      on conflict do nothing`.execute(trx);
  }
  const fixed = sighting.complete ? await markGone(trx, sighting, fingerprints) : [];
  return { created, reopened, fixed, seen };
}

const FINDING_COLUMNS = sql`
  fingerprint text, kind text, rule_id text, title text, severity text, severity_rank smallint,
  risk_score double precision, purl text, package_name text, package_version text, path text,
  advisory_ids jsonb, kev boolean, epss double precision, reachability text, fixed_version text, data jsonb`;

async function insertFindings(trx: Kysely<DB>, s: Sighting, findings: FindingInput[]): Promise<FindingRef[]> {
  if (findings.length === 0) return [];
  const result = await sql<FindingRef>`
    insert into findings (
      project_id, branch, fingerprint, kind, rule_id, title, severity, severity_rank, risk_score, purl,
      package_name, package_version, path, advisory_ids, kev, epss, reachability, fixed_version,
      fix_available_at, status, first_seen_at, first_seen_environment, first_seen_scan_id,
      last_seen_at, last_seen_scan_id, data)
    select ${s.projectId}, ${s.branch}, x.fingerprint, x.kind, x.rule_id, x.title, x.severity, x.severity_rank,
      x.risk_score, x.purl, x.package_name, x.package_version, x.path, x.advisory_ids, x.kev, x.epss,
      x.reachability, x.fixed_version,
      case when x.fixed_version is not null then ${s.at}::timestamptz end,
      'open', ${s.at}, ${s.environment}, ${s.scanId}, ${s.at}, ${s.scanId}, x.data
    from jsonb_to_recordset(${JSON.stringify(findings)}::jsonb) as x(${FINDING_COLUMNS})
    returning id, fingerprint`.execute(trx);
  return result.rows;
}

async function updateFindings(trx: Kysely<DB>, s: Sighting, findings: FindingInput[]): Promise<void> {
  if (findings.length === 0) return;
  await sql`
    update findings f set
      kind = x.kind, rule_id = x.rule_id, title = x.title, severity = x.severity,
      severity_rank = x.severity_rank, risk_score = x.risk_score, purl = x.purl,
      package_name = x.package_name, package_version = x.package_version, path = x.path,
      advisory_ids = x.advisory_ids, kev = x.kev, epss = x.epss, reachability = x.reachability,
      fixed_version = x.fixed_version,
      fix_available_at = coalesce(f.fix_available_at,
        case when x.fixed_version is not null then ${s.at}::timestamptz end),
      reopened_count = f.reopened_count + case when f.status = 'fixed' then 1 else 0 end,
      status = 'open', fixed_at = null,
      last_seen_at = greatest(f.last_seen_at, ${s.at}::timestamptz),
      last_seen_scan_id = coalesce(${s.scanId}::bigint, f.last_seen_scan_id),
      data = x.data
    from jsonb_to_recordset(${JSON.stringify(findings)}::jsonb) as x(${FINDING_COLUMNS})
    where f.project_id = ${s.projectId} and f.branch = ${s.branch} and f.fingerprint = x.fingerprint`.execute(
    trx,
  );
}

/** Records the findings as present in the sighting's environment, reopening it there where it was fixed. */
async function markPresent(trx: Kysely<DB>, s: Sighting, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  const before = await trx
    .selectFrom('finding_environments')
    .select(['finding_id', 'fixed_at'])
    .where('environment', '=', s.environment)
    .where(sql<boolean>`finding_id = any(${ids}::bigint[])`)
    .execute();
  const present = new Set(before.filter((r) => r.fixed_at === null).map((r) => r.finding_id));
  await sql`
    insert into finding_environments (finding_id, environment, first_seen_at, last_seen_at, fixed_at)
    select id, ${s.environment}, ${s.at}, ${s.at}, null from unnest(${ids}::bigint[]) as id
    on conflict (finding_id, environment) do update
      set last_seen_at = greatest(finding_environments.last_seen_at, excluded.last_seen_at), fixed_at = null`.execute(
    trx,
  );
  await writeTransitions(
    trx,
    ids.filter((id) => !present.has(id)),
    s.environment,
    'open',
    s,
  );
}

/**
 * Fixes, in the sighting's environment, the findings of the branch that were present there and
 * are not in `fingerprints`; those left present nowhere become fixed.
 */
async function markGone(trx: Kysely<DB>, s: Sighting, fingerprints: string[]): Promise<FindingRef[]> {
  const gone = await sql<FindingRef>`
    update finding_environments fe set fixed_at = ${s.at}
    from findings f
    where f.id = fe.finding_id and f.project_id = ${s.projectId} and f.branch = ${s.branch}
      and fe.environment = ${s.environment} and fe.fixed_at is null
      and not (f.fingerprint = any(${fingerprints}::text[]))
    returning f.id, f.fingerprint`.execute(trx);
  if (gone.rows.length === 0) return [];
  const goneIds = gone.rows.map((r) => r.id);
  await writeTransitions(trx, goneIds, s.environment, 'fixed', s);
  const fixed = await sql<FindingRef>`
    update findings f set status = 'fixed', fixed_at = ${s.at}
    where f.id = any(${goneIds}::bigint[]) and f.status = 'open'
      and not exists (
        select 1 from finding_environments fe where fe.finding_id = f.id and fe.fixed_at is null)
    returning f.id, f.fingerprint`.execute(trx);
  await writeTransitions(
    trx,
    fixed.rows.map((r) => r.id),
    null,
    'fixed',
    s,
  );
  return fixed.rows;
}

async function writeTransitions(
  trx: Kysely<DB>,
  ids: number[],
  environment: string | null,
  state: 'open' | 'fixed',
  s: Sighting,
): Promise<void> {
  if (ids.length === 0) return;
  await sql`
    insert into finding_transitions (finding_id, environment, state, at, scan_id)
    select id, ${environment}::text, ${state}, ${s.at}, ${s.scanId}::bigint from unnest(${ids}::bigint[]) as id`.execute(
    trx,
  );
}
