import { type Kysely, sql } from 'kysely';
import { enqueueJob } from './jobs.ts';
import type { DB, NotificationRow } from './schema.ts';

/** A configured receiver. Only its name is stored: webhook URLs (Slack's above all) are secrets. */
export interface NotificationTarget {
  name: string;
  url: string;
  format: 'generic' | 'slack';
}

export const DELIVER_JOB = 'deliver-notification';

/**
 * One notification per target, each with its delivery job, written in the caller's transaction:
 * a notification exists exactly when the change it reports does.
 */
export async function createNotifications(
  db: Kysely<DB>,
  input: {
    projectId: number;
    kind: string;
    payload: Record<string, unknown>;
    targets: readonly NotificationTarget[];
  },
  maxAttempts: number,
): Promise<number[]> {
  const ids: number[] = [];
  for (const target of input.targets) {
    const row = await db
      .insertInto('notifications')
      .values({
        project_id: input.projectId,
        kind: input.kind,
        target: target.name,
        format: target.format,
        payload: JSON.stringify(input.payload),
        last_error: null,
        sent_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await enqueueJob(db, DELIVER_JOB, { notificationId: row.id }, { maxAttempts });
    ids.push(row.id);
  }
  return ids;
}

export function getNotification(db: Kysely<DB>, id: number): Promise<NotificationRow | undefined> {
  return db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function recordDelivery(
  db: Kysely<DB>,
  id: number,
  outcome: { ok: true } | { ok: false; error: string; final: boolean },
): Promise<void> {
  await db
    .updateTable('notifications')
    .set({
      attempts: sql<number>`attempts + 1`,
      status: outcome.ok ? 'sent' : outcome.final ? 'failed' : 'pending',
      sent_at: outcome.ok ? sql<Date>`now()` : null,
      last_error: outcome.ok ? null : outcome.error.slice(0, 2000),
    })
    .where('id', '=', id)
    .execute();
}

export async function listNotifications(db: Kysely<DB>, projectIds: number[] | null, limit: number) {
  let query = db
    .selectFrom('notifications as n')
    .innerJoin('projects as p', 'p.id', 'n.project_id')
    .select([
      'n.id',
      'p.name as project',
      'n.kind',
      'n.target',
      'n.format',
      'n.payload',
      'n.status',
      'n.attempts',
      'n.last_error',
      'n.created_at',
      'n.sent_at',
    ])
    .orderBy('n.id', 'desc')
    .limit(limit);
  if (projectIds !== null) query = query.where('n.project_id', 'in', [...projectIds, -1]);
  return query.execute();
}
