// The background jobs: matching stored scans against the advisories (continuous monitoring) and
// delivering the notifications that new findings raise.
import type { Kysely } from 'kysely';
import { matchComponents } from '../../advisories/match.ts';
import type { Finding } from '../../model/index.ts';
import { findingInput } from '../../store/finding-input.ts';
import { scanComponents } from '../../store/ingest.ts';
import { enqueueJob } from '../../store/jobs.ts';
import { recordMatch } from '../../store/matching.ts';
import { createNotifications, getNotification, recordDelivery } from '../../store/notifications.ts';
import { latestScans } from '../../store/scans.ts';
import type { DB, JobRow } from '../../store/schema.ts';
import type { AdvisorySource } from '../advisory-source.ts';
import type { Logger } from '../logger.ts';
import { DELIVER_JOB, MATCH_SCAN_JOB, REMATCH_ALL_JOB } from './kinds.ts';
import { deliver, type NotifyOptions, newFindingsPayload } from './notify.ts';
import type { JobHandler } from './worker.ts';

export interface JobContext {
  db: Kysely<DB>;
  logger: Logger;
  now: () => Date;
  /** Without advisories this replica leaves matching to replicas that have them. */
  advisories?: AdvisorySource;
  notify?: NotifyOptions;
}

export function jobHandlers(ctx: JobContext): Record<string, JobHandler> {
  const handlers: Record<string, JobHandler> = {
    [DELIVER_JOB]: (job) => deliverNotification(ctx, job),
    [REMATCH_ALL_JOB]: (job) => rematchAll(ctx, job),
  };
  if (ctx.advisories) handlers[MATCH_SCAN_JOB] = (job) => matchScan(ctx, ctx.advisories!, job);
  return handlers;
}

async function rematchAll(ctx: JobContext, job: JobRow): Promise<void> {
  const scans = await latestScans(ctx.db);
  await ctx.db.transaction().execute(async (trx) => {
    for (const scan of scans)
      await enqueueJob(trx, MATCH_SCAN_JOB, {
        scanId: scan.id,
        reason: 'advisories',
        generation: job.payload.generation,
      });
  });
  ctx.logger.info('re-match queued', { scans: scans.length, generation: job.payload.generation });
}

/**
 * Matches a stored scan and records what it found; findings that are new to the project and
 * branch (or back after a fix) raise a notification to every target, in the same transaction.
 */
async function matchScan(ctx: JobContext, source: AdvisorySource, job: JobRow): Promise<void> {
  const lookup = source.lookup();
  if (!lookup) throw new Error('no advisory database yet');
  const scanId = Number(job.payload.scanId);
  const reason = String(job.payload.reason ?? 'advisories');
  const { findings } = await matchComponents(await scanComponents(ctx.db, scanId), lookup);
  const byFingerprint = new Map(findings.map((f) => [f.fingerprint, f]));
  const targets = ctx.notify?.targets ?? [];
  const at = ctx.now();
  const outcome = await recordMatch(
    ctx.db,
    scanId,
    findings.map(findingInput),
    at,
    async (trx, { scan, changes }) => {
      const fresh = [...changes.created, ...changes.reopened]
        .map((ref) => byFingerprint.get(ref.fingerprint))
        .filter((f): f is Finding => f !== undefined);
      if (fresh.length === 0 || targets.length === 0) return;
      const project = await trx
        .selectFrom('projects')
        .select('name')
        .where('id', '=', scan.project_id)
        .executeTakeFirstOrThrow();
      const payload = newFindingsPayload(
        {
          project: project.name,
          branch: scan.branch,
          environment: scan.environment,
          scan: scan.id,
          reason,
          at,
        },
        fresh,
        ctx.notify?.publicUrl,
      );
      await createNotifications(
        trx,
        {
          projectId: scan.project_id,
          kind: 'new_findings',
          payload: payload as unknown as Record<string, unknown>,
          targets,
        },
        ctx.notify?.maxAttempts ?? 5,
      );
    },
  );
  if (!outcome) return;
  ctx.logger.info('scan matched', {
    scan: scanId,
    reason,
    findings: findings.length,
    created: outcome.changes.created.length,
    reopened: outcome.changes.reopened.length,
    fixed: outcome.changes.fixed.length,
  });
}

async function deliverNotification(ctx: JobContext, job: JobRow): Promise<void> {
  const notification = await getNotification(ctx.db, Number(job.payload.notificationId));
  if (!notification || notification.status === 'sent') return;
  const target = ctx.notify?.targets.find((t) => t.name === notification.target);
  const final = job.attempts >= job.max_attempts;
  if (!target) {
    await recordDelivery(ctx.db, notification.id, {
      ok: false,
      error: `no target named ${notification.target} is configured`,
      final: true,
    });
    return;
  }
  try {
    await deliver(target, notification, ctx.notify?.timeoutMs ?? 10_000);
  } catch (error) {
    await recordDelivery(ctx.db, notification.id, {
      ok: false,
      error: error instanceof Error ? error.message : String(error),
      final,
    });
    throw error;
  }
  await recordDelivery(ctx.db, notification.id, { ok: true });
}
