import { Hono } from 'hono';
import { jobCounts } from '../../store/jobs.ts';
import { loadMetricData } from '../../store/metrics-data.ts';
import { readableProjects, requireRole } from '../auth.ts';
import type { AppEnv, ServerContext } from '../context.ts';
import { badRequest } from '../http-error.ts';
import { renderPrometheus } from '../metrics/prometheus.ts';
import { bucketCount, MAX_BUCKETS, metricSeries } from '../metrics/series.ts';
import { metricsQuery } from '../schemas.ts';
import { query } from './common.ts';

const DAY = 86_400_000;

/** GET /api/v1/metrics: the security metrics as time series, for a project or the portfolio. */
export function metricRoutes(ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/metrics', async (c) => {
    const principal = c.get('principal');
    const q = query(c, metricsQuery);
    const to = q.to ? new Date(q.to) : ctx.now();
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - 30 * DAY);
    if (from.getTime() >= to.getTime()) throw badRequest('from must be before to');
    if (bucketCount(from, to, q.interval) > MAX_BUCKETS)
      throw badRequest(
        `that range has more than ${MAX_BUCKETS} ${q.interval}s; use a longer interval or a shorter range`,
      );
    if (q.project) requireRole(principal, q.project, 'viewer');
    const projects = q.project ? [q.project] : readableProjects(principal);
    const data = await loadMetricData(ctx.db, projects, to);
    return c.json({
      project: q.project ?? null,
      projects: data.projects.map((p) => p.name),
      ...metricSeries(data, from, to, q.interval, ctx.metrics),
    });
  });
  return app;
}

/** GET /metrics: Prometheus text format, for the projects the scraping token can read. */
export function prometheusRoute(ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/metrics', async (c) => {
    const now = ctx.now();
    const data = await loadMetricData(ctx.db, readableProjects(c.get('principal')), now);
    const jobs = await jobCounts(ctx.db);
    const text = renderPrometheus(data, now, ctx.metrics.prometheusWindowDays, ctx.metrics, [
      {
        name: 'palisade_jobs',
        help: 'Background jobs (re-matching, notifications) by status.',
        samples: ['queued', 'running', 'done', 'failed'].map((status) => ({
          labels: { status },
          value: jobs[status] ?? 0,
        })),
      },
    ]);
    return c.text(text, 200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' });
  });
  return app;
}
