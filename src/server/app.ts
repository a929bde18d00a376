// The HTTP API as a hono app (fetch Request -> Response): no listening, no jobs, no signals,
// so tests call it in process and startServer puts it on a port.
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { isPalisadeError } from '../model/index.ts';
import { ping } from '../store/database.ts';
import type { IngestHooks } from '../store/ingest.ts';
import type { DB } from '../store/schema.ts';
import { authenticate } from './auth.ts';
import { type AppEnv, DEFAULT_LIMITS, type Limits, type ServerContext } from './context.ts';
import { DEFAULT_DASHBOARD_DIR, dashboardRoutes } from './dashboard.ts';
import { HttpError } from './http-error.ts';
import { type Logger, silentLogger } from './logger.ts';
import { DEFAULT_METRIC_OPTIONS, type MetricOptions } from './metrics/compute.ts';
import { openApiDocument } from './openapi.ts';
import { adminRoutes } from './routes/admin.ts';
import { eventRoutes } from './routes/events.ts';
import { findingRoutes } from './routes/findings.ts';
import { metricRoutes, prometheusRoute } from './routes/metrics.ts';
import { projectRoutes } from './routes/projects.ts';
import { tokenRoutes } from './routes/tokens.ts';
import { uploadRoutes } from './routes/uploads.ts';

export interface CreateServerOptions {
  db: Kysely<DB>;
  logger?: Logger;
  limits?: Partial<Limits>;
  metrics?: Partial<MetricOptions> & { prometheusWindowDays?: number };
  /** The clock: scans and triage are stamped with it (tests replay histories with a fake one). */
  now?: () => Date;
  isReady?: () => boolean;
  ingestHooks?: IngestHooks;
  jobsQueued?: () => void;
  /** The built dashboard served at `/` (default: dist/dashboard of this package); null: none. */
  dashboardDir?: string | null | undefined;
}

export function createServer(options: CreateServerOptions): Hono<AppEnv> {
  const ctx: ServerContext = {
    db: options.db,
    logger: options.logger ?? silentLogger,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    now: options.now ?? (() => new Date()),
    metrics: { ...DEFAULT_METRIC_OPTIONS, prometheusWindowDays: 30, ...options.metrics },
    isReady: options.isReady ?? (() => true),
    ingestHooks: options.ingestHooks ?? {},
    jobsQueued: options.jobsQueued ?? (() => {}),
  };
  const app = new Hono<AppEnv>();

  app.use(async (c, next) => {
    const requestId = c.req.header('x-request-id')?.slice(0, 100) || randomUUID();
    c.set('requestId', requestId);
    c.header('X-Request-Id', requestId);
    c.header('X-Content-Type-Options', 'nosniff');
    const started = performance.now();
    await next();
    const quiet = c.req.path === '/healthz' || c.req.path === '/readyz';
    ctx.logger[quiet ? 'debug' : 'info']('request', {
      request_id: requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round(performance.now() - started),
      token: c.get('principal')?.name,
    });
  });

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    if (!ctx.isReady()) return c.json({ status: 'unavailable', reason: 'starting or shutting down' }, 503);
    if (!(await ping(ctx.db))) return c.json({ status: 'unavailable', reason: 'database unreachable' }, 503);
    return c.json({ status: 'ready' });
  });
  app.get('/openapi.json', (c) => c.json(openApiDocument()));

  app.use('/metrics', authenticate(ctx.db, ctx.now));
  app.route('/', prometheusRoute(ctx));

  const api = new Hono<AppEnv>();
  api.use(authenticate(ctx.db, ctx.now));
  for (const routes of [
    uploadRoutes,
    projectRoutes,
    findingRoutes,
    eventRoutes,
    metricRoutes,
    tokenRoutes,
    adminRoutes,
  ])
    api.route('/', routes(ctx));
  app.route('/api/v1', api);
  app.route(
    '/',
    dashboardRoutes(options.dashboardDir === undefined ? DEFAULT_DASHBOARD_DIR : options.dashboardDir),
  );

  app.notFound((c) => c.json(errorBody(404, 'not_found', `no route for ${c.req.method} ${c.req.path}`), 404));
  app.onError((error, c) => {
    if (error instanceof HttpError)
      return c.json(errorBody(error.status, error.code, error.message), error.status);
    if (isPalisadeError(error) && error.code === 'input')
      return c.json(errorBody(400, 'bad_request', error.message), 400);
    ctx.logger.error('request failed', { request_id: c.get('requestId'), path: c.req.path, error });
    return c.json(errorBody(500, 'internal', `internal error (request ${c.get('requestId')})`), 500);
  });
  return app;
}

function errorBody(status: number, code: string, message: string) {
  return { error: { status, code, message } };
}
