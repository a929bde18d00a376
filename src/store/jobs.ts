// A job queue in the same database: workers on any replica claim one job at a time with
// SELECT … FOR UPDATE SKIP LOCKED (on PGlite too), under a lease. A worker that dies leaves its
// job running until the lease runs out; then another worker takes it again. Failed attempts are
// retried with exponential backoff up to max_attempts.
import { type Kysely, sql } from 'kysely';
import type { DB, JobRow } from './schema.ts';

export interface EnqueueOptions {
  /** Run no earlier than this many ms from now. */
  delayMs?: number;
  maxAttempts?: number;
}

export async function enqueueJob(
  db: Kysely<DB>,
  kind: string,
  payload: Record<string, unknown>,
  options: EnqueueOptions = {},
): Promise<number> {
  const row = await db
    .insertInto('jobs')
    .values({
      kind,
      payload: JSON.stringify(payload),
      run_at: sql<Date>`now() + ${options.delayMs ?? 0} * interval '1 millisecond'`,
      max_attempts: options.maxAttempts ?? 5,
      locked_by: null,
      locked_until: null,
      last_error: null,
      finished_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Takes the next due job for this worker, or undefined when none is due. */
export async function claimJob(
  db: Kysely<DB>,
  worker: string,
  leaseMs: number,
  kinds: readonly string[],
): Promise<JobRow | undefined> {
  const result = await sql<JobRow>`
    update jobs set status = 'running', attempts = attempts + 1, locked_by = ${worker},
      locked_until = now() + ${leaseMs} * interval '1 millisecond'
    where id = (
      select id from jobs
      where ((status = 'queued' and run_at <= now()) or (status = 'running' and locked_until < now()))
        and kind = any(${[...kinds]}::text[])
      order by run_at, id
      for update skip locked
      limit 1)
    returning *`.execute(db);
  return result.rows[0];
}

export async function completeJob(db: Kysely<DB>, id: number, worker: string): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ status: 'done', finished_at: sql<Date>`now()`, locked_by: null, locked_until: null })
    .where('id', '=', id)
    .where('locked_by', '=', worker)
    .execute();
}

/** Schedules another attempt after `retryDelayMs * 2^(attempts-1)`, or gives up after max_attempts. */
export async function failJob(
  db: Kysely<DB>,
  job: JobRow,
  worker: string,
  error: string,
  retryDelayMs: number,
): Promise<'retry' | 'failed'> {
  const giveUp = job.attempts >= job.max_attempts;
  const delay = retryDelayMs * 2 ** Math.max(0, job.attempts - 1);
  await db
    .updateTable('jobs')
    .set({
      status: giveUp ? 'failed' : 'queued',
      last_error: error.slice(0, 2000),
      locked_by: null,
      locked_until: null,
      run_at: sql<Date>`now() + ${delay} * interval '1 millisecond'`,
      finished_at: giveUp ? sql<Date>`now()` : null,
    })
    .where('id', '=', job.id)
    .where('locked_by', '=', worker)
    .execute();
  return giveUp ? 'failed' : 'retry';
}

export async function jobCounts(db: Kysely<DB>): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('jobs')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}
