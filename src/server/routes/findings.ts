import { Hono } from 'hono';
import {
  type FindingSummary,
  findingProject,
  getFinding,
  listFindings,
  setTriage,
} from '../../store/findings.ts';
import { requireRole } from '../auth.ts';
import type { AppEnv, ServerContext } from '../context.ts';
import { badRequest, notFound } from '../http-error.ts';
import { findingsQuery, triageBody } from '../schemas.ts';
import { findingFilter, idParam, iso, jsonBody, query, readableProjectIds, sizeLimit } from './common.ts';

export function findingRoutes(ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  /** Findings of every project the token can read, riskiest first: the portfolio's worklist. */
  app.get('/findings', async (c) => {
    const q = query(c, findingsQuery);
    const { total, items } = await listFindings(ctx.db, {
      projectIds: await readableProjectIds(ctx, c.get('principal')),
      ...findingFilter(q),
      now: ctx.now(),
    });
    return c.json(findingsPageJson(q, total, items));
  });

  app.get('/findings/:id', async (c) => {
    const id = idParam(c, 'id');
    const project = await findingProject(ctx.db, id);
    if (!project) throw notFound('finding');
    requireRole(c.get('principal'), project, 'viewer');
    return c.json(await detailJson(ctx, id));
  });

  app.patch('/findings/:id', sizeLimit(ctx.limits.jsonBytes), async (c) => {
    const id = idParam(c, 'id');
    const project = await findingProject(ctx.db, id);
    if (!project) throw notFound('finding');
    const principal = c.get('principal');
    requireRole(principal, project, 'admin');
    const body = await jsonBody(c, triageBody, 'triage');
    const now = ctx.now();
    const expiresAt = body.state === 'accepted_risk' ? new Date(body.expiresAt) : null;
    if (expiresAt && expiresAt.getTime() <= now.getTime())
      throw badRequest(
        `expiresAt ${body.state === 'accepted_risk' ? body.expiresAt : ''} is not in the future`,
      );
    await setTriage(ctx.db, id, {
      state: body.state,
      reason: body.reason ?? null,
      justification: body.state === 'not_affected' ? body.justification : null,
      expiresAt,
      actor: principal.name,
      at: now,
    });
    ctx.logger.info('finding triaged', {
      request_id: c.get('requestId'),
      finding: id,
      state: body.state,
      by: principal.name,
    });
    return c.json(await detailJson(ctx, id));
  });

  return app;
}

async function detailJson(ctx: ServerContext, id: number) {
  const f = await getFinding(ctx.db, id, ctx.now());
  if (!f) throw notFound('finding');
  return {
    ...findingJson(f.project, f),
    finding: f.data,
    environments: f.environment_history.map((e) => ({
      environment: e.environment,
      first_seen_at: iso(e.first_seen_at),
      last_seen_at: iso(e.last_seen_at),
      fixed_at: iso(e.fixed_at),
    })),
    history: f.transitions.map((t) => ({
      environment: t.environment,
      state: t.state,
      at: iso(t.at),
      scan: t.scan_id,
    })),
    triage_history: f.triage_history.map((t) => ({
      state: t.state,
      reason: t.reason,
      justification: t.justification,
      expires_at: iso(t.expires_at),
      by: t.actor,
      at: iso(t.created_at),
    })),
  };
}

/** A page of findings as GET /findings and /projects/:project/findings answer. */
export function findingsPageJson(
  q: { limit: number; offset: number },
  total: number,
  items: (FindingSummary & { project: string })[],
) {
  return { total, limit: q.limit, offset: q.offset, findings: items.map((f) => findingJson(f.project, f)) };
}

export function findingJson(project: string, f: FindingSummary) {
  return {
    id: f.id,
    project,
    branch: f.branch,
    fingerprint: f.fingerprint,
    kind: f.kind,
    rule_id: f.rule_id,
    title: f.title,
    severity: f.severity,
    risk_score: f.risk_score,
    package: f.purl ? { purl: f.purl, name: f.package_name, version: f.package_version } : null,
    path: f.path,
    advisory_ids: f.advisory_ids,
    kev: f.kev,
    epss: f.epss,
    reachability: f.reachability,
    fixed_version: f.fixed_version,
    fix_available_at: iso(f.fix_available_at),
    status: f.status,
    first_seen_at: iso(f.first_seen_at),
    first_seen_environment: f.first_seen_environment,
    last_seen_at: iso(f.last_seen_at),
    fixed_at: iso(f.fixed_at),
    reopened_count: f.reopened_count,
    environments: f.environments,
    triage: { state: f.triage_state, expires_at: iso(f.triage_expires_at) },
  };
}
