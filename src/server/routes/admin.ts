import { Hono } from 'hono';
import { enqueueJob } from '../../store/jobs.ts';
import { listNotifications } from '../../store/notifications.ts';
import { findProject } from '../../store/projects.ts';
import { requireGlobal, requireRole } from '../auth.ts';
import type { AppEnv, ServerContext } from '../context.ts';
import { REMATCH_ALL_JOB } from '../jobs/kinds.ts';
import { notificationsQuery } from '../schemas.ts';
import { iso, query, readableProjectIds } from './common.ts';

export function adminRoutes(ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  /** Re-match the newest scan of every project, branch and environment (after an advisory update). */
  app.post('/rematch', async (c) => {
    requireGlobal(c.get('principal'), 'admin');
    const job = await enqueueJob(ctx.db, REMATCH_ALL_JOB, {
      generation: `manual:${ctx.now().toISOString()}`,
    });
    ctx.jobsQueued();
    return c.json({ job }, 202);
  });

  app.get('/notifications', async (c) => {
    const principal = c.get('principal');
    const q = query(c, notificationsQuery);
    let ids: number[] | null;
    if (q.project) {
      requireRole(principal, q.project, 'viewer');
      const project = await findProject(ctx.db, q.project);
      ids = project ? [project.id] : [];
    } else ids = await readableProjectIds(ctx, principal);
    const rows = await listNotifications(ctx.db, ids, q.limit);
    return c.json({
      notifications: rows.map((n) => ({ ...n, created_at: iso(n.created_at), sent_at: iso(n.sent_at) })),
    });
  });

  return app;
}
