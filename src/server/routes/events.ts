import { Hono } from 'hono';
import { listEvents, recordEvent } from '../../store/events.ts';
import { findProject } from '../../store/projects.ts';
import { requireRole } from '../auth.ts';
import type { AppEnv, ServerContext } from '../context.ts';
import { eventsBody, eventsQuery } from '../schemas.ts';
import { iso, jsonBody, query, readableProjectIds, sizeLimit } from './common.ts';

export function eventRoutes(ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  /** One event or an array of them, recorded in order; each in its own transaction. */
  app.post('/events', sizeLimit(ctx.limits.jsonBytes), async (c) => {
    const principal = c.get('principal');
    const body = await jsonBody(c, eventsBody, 'event');
    const events = Array.isArray(body) ? body : [body];
    for (const e of events) requireRole(principal, e.project, 'uploader');
    const recorded = [];
    for (const e of events) {
      const { event, promoted } = await recordEvent(ctx.db, {
        project: e.project,
        kind: e.kind,
        environment: e.environment ?? null,
        commit: e.commit ?? null,
        subject: e.subject ?? null,
        security: e.security ?? false,
        targets: e.targets ?? null,
        data: e.data ?? {},
        at: e.at ? new Date(e.at) : ctx.now(),
        actor: principal.name,
      });
      ctx.logger.info('event recorded', {
        request_id: c.get('requestId'),
        project: e.project,
        kind: e.kind,
        event: event.id,
        promoted_scan: promoted?.scanId,
      });
      recorded.push({
        id: event.id,
        project: e.project,
        kind: event.kind,
        at: iso(event.at),
        security: event.security,
        ...(promoted
          ? {
              deployed_scan: {
                id: promoted.scanId,
                branch: promoted.branch,
                created: promoted.created.length,
                reopened: promoted.reopened.length,
                fixed: promoted.fixed.length,
              },
            }
          : {}),
      });
    }
    return c.json(Array.isArray(body) ? { events: recorded } : recorded[0], 201);
  });

  app.get('/events', async (c) => {
    const principal = c.get('principal');
    const q = query(c, eventsQuery);
    let projectIds: number[] | null;
    if (q.project) {
      requireRole(principal, q.project, 'viewer');
      const project = await findProject(ctx.db, q.project);
      projectIds = project ? [project.id] : [];
    } else projectIds = await readableProjectIds(ctx, principal);
    const rows = await listEvents(ctx.db, {
      projectIds,
      ...(q.kind ? { kinds: q.kind } : {}),
      ...(q.from ? { from: new Date(q.from) } : {}),
      ...(q.to ? { to: new Date(q.to) } : {}),
      limit: q.limit,
    });
    return c.json({ events: rows.map((e) => ({ ...e, at: iso(e.at) })) });
  });

  return app;
}
