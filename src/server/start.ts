// `palisade server`: the database (embedded PGlite in a directory, or PostgreSQL by URL) with
// its migrations, the admin token bootstrap, the HTTP API on a port, the job worker and the
// advisory watcher; JSON logs; a graceful stop on SIGTERM: no new requests, in-flight ones and the
// job in hand finish, then the database closes. Whatever does not finish in time is cut, and its
// transaction rolls back.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { type Database, openDatabase } from '../store/database.ts';
import type { IngestHooks } from '../store/ingest.ts';
import { enqueueJob } from '../store/jobs.ts';
import { claimSetting } from '../store/scans.ts';
import { bootstrapAdmin } from '../store/tokens.ts';
import { type AdvisorySource, advisoryDirectorySource } from './advisory-source.ts';
import { createServer } from './app.ts';
import type { AppEnv, Limits } from './context.ts';
import { jobHandlers } from './jobs/handlers.ts';
import { REMATCH_ALL_JOB } from './jobs/kinds.ts';
import type { NotifyOptions } from './jobs/notify.ts';
import { createWorker, type Worker } from './jobs/worker.ts';
import { createLogger, type Logger, type LogLevel } from './logger.ts';
import type { MetricOptions } from './metrics/compute.ts';

export interface StartServerOptions {
  port: number;
  host?: string;
  /** PGlite data directory; neither this nor databaseUrl: an in-memory database (tests, demos). */
  dataDir?: string;
  /** postgres://… : PostgreSQL, shared by any number of replicas. */
  databaseUrl?: string;
  /** An open database instead (embedding, tests); it is closed on shutdown. */
  database?: Database;
  /** PALISADE_ADMIN_TOKEN: made a global admin token on start, if it is not one already. */
  adminToken?: string;
  logger?: Logger;
  logLevel?: LogLevel;
  limits?: Partial<Limits>;
  metrics?: Partial<MetricOptions> & { prometheusWindowDays?: number };
  notify?: NotifyOptions;
  /** The advisory database directory (`palisade db update` writes it), or any AdvisorySource. */
  advisories?: string | AdvisorySource;
  /** How often to check whether the advisories changed. */
  advisoryPollMs?: number;
  jobs?: { enabled?: boolean; pollMs?: number; leaseMs?: number; retryDelayMs?: number };
  /** How long in-flight work may take once a stop is asked for. */
  shutdownTimeoutMs?: number;
  /** Stop on SIGTERM and SIGINT and exit the process (what the CLI wants; not a library). */
  handleSignals?: boolean;
  ingestHooks?: IngestHooks;
  /** The built dashboard served at `/` (default: dist/dashboard of this package); null: none. */
  dashboardDir?: string | null | undefined;
}

export interface RunningServer {
  url: string;
  port: number;
  app: Hono<AppEnv>;
  database: Database;
  worker: Worker;
  logger: Logger;
  /** Checks the advisories now (instead of at the next poll); true when a re-match was queued. */
  checkAdvisories(): Promise<boolean>;
  shutdown(reason?: string): Promise<void>;
}

export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const logger = options.logger ?? createLogger({ level: options.logLevel ?? 'info' });
  const started = performance.now();
  const database =
    options.database ??
    (await openDatabase(
      options.databaseUrl
        ? { databaseUrl: options.databaseUrl }
        : options.dataDir
          ? { dataDir: options.dataDir }
          : {},
    ));
  const { db } = database;
  logger.info('database ready', {
    backend: database.backend,
    ...(options.dataDir && !options.databaseUrl ? { data_dir: options.dataDir } : {}),
    ms: Math.round(performance.now() - started),
  });
  if (options.adminToken) await bootstrapAdmin(db, options.adminToken);

  const advisories =
    typeof options.advisories === 'string' ? advisoryDirectorySource(options.advisories) : options.advisories;
  const worker = createWorker({
    db,
    logger: logger.child({ component: 'jobs' }),
    handlers: jobHandlers({
      db,
      logger: logger.child({ component: 'jobs' }),
      now: () => new Date(),
      ...(advisories ? { advisories } : {}),
      ...(options.notify ? { notify: options.notify } : {}),
    }),
    ...(options.jobs?.pollMs !== undefined ? { pollMs: options.jobs.pollMs } : {}),
    ...(options.jobs?.leaseMs !== undefined ? { leaseMs: options.jobs.leaseMs } : {}),
    ...(options.jobs?.retryDelayMs !== undefined ? { retryDelayMs: options.jobs.retryDelayMs } : {}),
  });

  let draining = false;
  const app = createServer({
    db,
    logger,
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.metrics ? { metrics: options.metrics } : {}),
    isReady: () => !draining,
    jobsQueued: () => worker.wake(),
    ...(options.ingestHooks ? { ingestHooks: options.ingestHooks } : {}),
    dashboardDir: options.dashboardDir,
  });

  /** Each new advisory generation is claimed by one replica, which queues the re-match. */
  async function checkAdvisories(): Promise<boolean> {
    const generation = advisories?.generation();
    if (
      !generation ||
      !(await claimSetting(db, `advisories.generation:${generation}`, { seen: new Date().toISOString() }))
    )
      return false;
    await enqueueJob(db, REMATCH_ALL_JOB, { generation });
    logger.info('advisories changed: re-match queued', { generation });
    worker.wake();
    return true;
  }

  const jobsEnabled = options.jobs?.enabled ?? true;
  if (jobsEnabled) worker.start();
  let advisoryTimer: NodeJS.Timeout | undefined;
  if (advisories && jobsEnabled) {
    await checkAdvisories().catch((error) => logger.error('advisory check failed', { error }));
    advisoryTimer = setInterval(
      () => void checkAdvisories().catch((error) => logger.error('advisory check failed', { error })),
      options.advisoryPollMs ?? 60_000,
    );
    advisoryTimer.unref();
  }

  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname: options.host ?? '127.0.0.1' }, () =>
      resolve(s),
    );
  });
  const { port, address } = server.address() as AddressInfo;
  const url = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  logger.info('listening', { url, ms: Math.round(performance.now() - started) });

  let stopping: Promise<void> | undefined;
  async function shutdown(reason = 'stop requested'): Promise<void> {
    stopping ??= (async () => {
      draining = true;
      logger.info('shutting down', { reason });
      clearInterval(advisoryTimer);
      const timeout = options.shutdownTimeoutMs ?? 25_000;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      if ('closeIdleConnections' in server) server.closeIdleConnections();
      const timer = setTimeout(() => {
        logger.warn('shutdown timeout: cutting open connections', { timeout_ms: timeout });
        if ('closeAllConnections' in server) server.closeAllConnections();
      }, timeout);
      await closed;
      clearTimeout(timer);
      await worker.stop();
      advisories?.close();
      await database.close();
      logger.info('stopped');
    })();
    return stopping;
  }

  if (options.handleSignals) {
    const onSignal = (signal: NodeJS.Signals) => {
      const timeout = (options.shutdownTimeoutMs ?? 25_000) + 5_000;
      // Past the grace period the process goes; open transactions roll back with it.
      setTimeout(() => {
        logger.error('shutdown did not finish in time; exiting');
        process.exit(1);
      }, timeout).unref();
      shutdown(signal).then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error('shutdown failed', { error });
          process.exit(1);
        },
      );
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  }

  return { url, port, app, database, worker, logger, checkAdvisories, shutdown };
}
