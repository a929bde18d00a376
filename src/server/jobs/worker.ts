// Runs queued jobs in this process, one at a time: claim, run, mark done or schedule a retry.
// Any number of replicas run one each against the same database; SKIP LOCKED keeps them apart.
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import { claimJob, completeJob, failJob } from '../../store/jobs.ts';
import type { DB, JobRow } from '../../store/schema.ts';
import type { Logger } from '../logger.ts';

export type JobHandler = (job: JobRow) => Promise<void>;

export interface WorkerOptions {
  db: Kysely<DB>;
  logger: Logger;
  handlers: Record<string, JobHandler>;
  id?: string;
  /** How often to look for due jobs when idle. */
  pollMs?: number;
  /** How long a claimed job is this worker's; past it, another worker may take it over. */
  leaseMs?: number;
  /** First retry delay; doubled at each further attempt. */
  retryDelayMs?: number;
}

export interface Worker {
  /** Runs the next due job, if any; true when one ran. */
  runOnce(): Promise<boolean>;
  /** Runs due jobs until none is left; returns how many ran. */
  drain(): Promise<number>;
  start(): void;
  /** Look now rather than at the next poll (jobs were just queued). */
  wake(): void;
  /** Stops polling and waits for the job in hand to finish. */
  stop(): Promise<void>;
}

export function createWorker(options: WorkerOptions): Worker {
  const id = options.id ?? `${hostname()}:${process.pid}`;
  const pollMs = options.pollMs ?? 1000;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const retryDelayMs = options.retryDelayMs ?? 5_000;
  const kinds = Object.keys(options.handlers);
  let running = false;
  let busy = false;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  let loop: Promise<void> = Promise.resolve();

  function tick(): void {
    if (!running) return;
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    clearTimeout(timer);
    loop = (async () => {
      try {
        while (running && (await runOnce()));
      } catch (error) {
        options.logger.error('job worker', { error });
      } finally {
        busy = false;
        if (again) {
          again = false;
          tick();
        } else if (running) timer = setTimeout(tick, pollMs);
      }
    })();
  }

  async function runOnce(): Promise<boolean> {
    const job = await claimJob(options.db, id, leaseMs, kinds);
    if (!job) return false;
    const log = options.logger.child({ job: job.id, kind: job.kind, attempt: job.attempts });
    const started = performance.now();
    try {
      await options.handlers[job.kind]!(job);
      await completeJob(options.db, job.id, id);
      log.info('job done', { ms: Math.round(performance.now() - started) });
    } catch (error) {
      const outcome = await failJob(options.db, job, id, describe(error), retryDelayMs);
      log[outcome === 'failed' ? 'error' : 'warn'](
        outcome === 'failed' ? 'job failed' : 'job will be retried',
        { error },
      );
    }
    return true;
  }

  async function drain(): Promise<number> {
    let count = 0;
    while (await runOnce()) count++;
    return count;
  }

  return {
    runOnce,
    drain,
    start() {
      if (running) return;
      running = true;
      tick();
    },
    wake: tick,
    async stop() {
      running = false;
      clearTimeout(timer);
      await loop;
    },
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
}
