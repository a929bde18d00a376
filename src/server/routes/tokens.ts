import { Hono } from 'hono';
import type { Role } from '../../store/schema.ts';
import { createToken, type Grant, listTokens, revokeToken, type TokenInfo } from '../../store/tokens.ts';
import { isGlobal, type Principal, requireGlobal, requireRole } from '../auth.ts';
import type { AppEnv, ServerContext } from '../context.ts';
import { HttpError, notFound } from '../http-error.ts';
import { tokenBody } from '../schemas.ts';
import { idParam, iso, jsonBody, sizeLimit } from './common.ts';

/**
 * Token administration. An admin of every project manages every token; an admin of some
 * projects manages tokens whose grants stay within them.
 */
export function tokenRoutes(ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/me', (c) => {
    const p = c.get('principal');
    return c.json({ name: p.name, grants: p.grants });
  });

  app.post('/tokens', sizeLimit(ctx.limits.jsonBytes), async (c) => {
    const principal = c.get('principal');
    const body = await jsonBody(c, tokenBody, 'token');
    const grants: Grant[] = body.grants.map((g) => ({ project: g.project ?? null, role: g.role as Role }));
    mayManage(principal, grants);
    const { token, info } = await createToken(ctx.db, { name: body.name, grants, createdBy: principal.name });
    ctx.logger.info('token created', {
      request_id: c.get('requestId'),
      token: info.id,
      name: info.name,
      by: principal.name,
    });
    return c.json({ ...tokenJson(info), token }, 201);
  });

  app.get('/tokens', async (c) => {
    const principal = c.get('principal');
    const tokens = await listTokens(ctx.db);
    return c.json({ tokens: tokens.filter((t) => manages(principal, t.grants)).map(tokenJson) });
  });

  app.delete('/tokens/:id', async (c) => {
    const principal = c.get('principal');
    const id = idParam(c, 'id');
    const token = (await listTokens(ctx.db)).find((t) => t.id === id);
    if (!token) throw notFound('token');
    mayManage(principal, token.grants);
    if (!(await revokeToken(ctx.db, id, ctx.now())))
      throw new HttpError(409, 'conflict', 'token is already revoked');
    ctx.logger.info('token revoked', { request_id: c.get('requestId'), token: id, by: principal.name });
    return c.body(null, 204);
  });

  return app;
}

function manages(principal: Principal, grants: readonly Grant[]): boolean {
  try {
    mayManage(principal, grants);
    return true;
  } catch {
    return false;
  }
}

function mayManage(principal: Principal, grants: readonly Grant[]): void {
  if (isGlobal(principal, 'admin')) return;
  if (grants.length === 0) requireGlobal(principal, 'admin');
  for (const grant of grants) {
    if (grant.project === null) requireGlobal(principal, 'admin');
    else requireRole(principal, grant.project, 'admin');
  }
}

function tokenJson(t: TokenInfo) {
  return {
    id: t.id,
    name: t.name,
    grants: t.grants,
    created_by: t.created_by,
    created_at: iso(t.created_at),
    last_used_at: iso(t.last_used_at),
    revoked_at: iso(t.revoked_at),
  };
}
