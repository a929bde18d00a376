// Events: what happened around the scans (deployments, rollbacks and failures, policy changes,
// incidents, drift). A deployment that names a scanned commit also moves that scan's findings into
// the deployed environment: the fix of a finding reaches prod when the commit without it is deployed.
import type { Kysely } from 'kysely';
import type { Finding } from '../model/index.ts';
import { findingInput } from './finding-input.ts';
import { applySighting, type FindingRef, lockBranch } from './lifecycle.ts';
import { ensureProject } from './projects.ts';
import type { DB, EventKind, EventRow } from './schema.ts';

export interface EventInput {
  project: string;
  kind: EventKind;
  environment: string | null;
  commit: string | null;
  subject: string | null;
  security: boolean;
  targets: string[] | null;
  data: Record<string, unknown>;
  at: Date;
  actor: string | null;
}

export interface EventResult {
  event: EventRow;
  /** The scan a deployment promoted into its environment, with the lifecycle changes it caused. */
  promoted?: {
    scanId: number;
    branch: string;
    created: FindingRef[];
    reopened: FindingRef[];
    fixed: FindingRef[];
  };
}

export async function recordEvent(db: Kysely<DB>, input: EventInput): Promise<EventResult> {
  return db.transaction().execute(async (trx) => {
    const project = await ensureProject(trx, input.project);
    const event = await trx
      .insertInto('events')
      .values({
        project_id: project.id,
        kind: input.kind,
        environment: input.environment,
        commit: input.commit,
        subject: input.subject,
        security: input.security,
        targets: input.targets === null ? null : JSON.stringify(input.targets),
        data: JSON.stringify(input.data),
        at: input.at,
        actor: input.actor,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if ((input.kind !== 'deployment' && input.kind !== 'rollback') || !input.environment || !input.commit)
      return { event };
    // The newest matched scan of that commit stands for what was deployed.
    const scan = await trx
      .selectFrom('scans')
      .select(['id', 'branch', 'complete'])
      .where('project_id', '=', project.id)
      .where('commit', '=', input.commit)
      .where('matched', '=', true)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    if (!scan) return { event };
    await lockBranch(trx, project.id, scan.branch);
    const rows = await trx
      .selectFrom('scan_findings as sf')
      .innerJoin('findings as f', 'f.id', 'sf.finding_id')
      .select('f.data')
      .where('sf.scan_id', '=', scan.id)
      .execute();
    const changes = await applySighting(
      trx,
      {
        projectId: project.id,
        branch: scan.branch,
        environment: input.environment,
        at: input.at,
        scanId: null,
        complete: scan.complete,
      },
      rows.map((r) => findingInput(r.data as unknown as Finding)),
    );
    // A deployment that fixes findings ships a security fix, declared or not.
    const shipped =
      changes.fixed.length > 0 && !event.security
        ? await trx
            .updateTable('events')
            .set({ security: true })
            .where('id', '=', event.id)
            .returningAll()
            .executeTakeFirstOrThrow()
        : event;
    return {
      event: shipped,
      promoted: {
        scanId: scan.id,
        branch: scan.branch,
        created: changes.created,
        reopened: changes.reopened,
        fixed: changes.fixed,
      },
    };
  });
}

export interface EventFilter {
  projectIds: number[] | null;
  kinds?: EventKind[];
  from?: Date;
  to?: Date;
  limit: number;
}

export async function listEvents(db: Kysely<DB>, filter: EventFilter) {
  let query = db
    .selectFrom('events as e')
    .innerJoin('projects as p', 'p.id', 'e.project_id')
    .select([
      'e.id',
      'p.name as project',
      'e.kind',
      'e.environment',
      'e.commit',
      'e.subject',
      'e.security',
      'e.targets',
      'e.data',
      'e.at',
      'e.actor',
    ])
    .orderBy('e.at', 'desc')
    .orderBy('e.id', 'desc')
    .limit(filter.limit);
  if (filter.projectIds !== null) query = query.where('e.project_id', 'in', [...filter.projectIds, -1]);
  if (filter.kinds?.length) query = query.where('e.kind', 'in', filter.kinds);
  if (filter.from) query = query.where('e.at', '>=', filter.from);
  if (filter.to) query = query.where('e.at', '<', filter.to);
  return query.execute();
}
