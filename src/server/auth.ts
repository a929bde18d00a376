// Bearer tokens -> a principal with grants; routes ask for a role on a project. Roles are ordered:
// a viewer reads, an uploader also uploads scans and events, an admin also triages and manages
// tokens. A grant without a project covers every project, including ones not created yet.
import type { MiddlewareHandler } from 'hono';
import type { Kysely } from 'kysely';
import type { DB, Role } from '../store/schema.ts';
import { type Grant, resolveToken, touchToken } from '../store/tokens.ts';
import { HttpError } from './http-error.ts';

export interface Principal {
  tokenId: number;
  name: string;
  grants: Grant[];
}

const RANK: Record<Role, number> = { viewer: 1, uploader: 2, admin: 3 };

export function roleRank(role: Role): number {
  return RANK[role];
}

/** The strongest role the principal holds on `project`. */
export function roleOn(principal: Principal, project: string): Role | undefined {
  let best: Role | undefined;
  for (const grant of principal.grants) {
    if (grant.project !== null && grant.project !== project) continue;
    if (!best || RANK[grant.role] > RANK[best]) best = grant.role;
  }
  return best;
}

/** True when the principal holds `role` (or more) on every project. */
export function isGlobal(principal: Principal, role: Role): boolean {
  return principal.grants.some((g) => g.project === null && RANK[g.role] >= RANK[role]);
}

/** Throws 403 unless the principal holds `role` on `project`. */
export function requireRole(principal: Principal, project: string, role: Role): void {
  const held = roleOn(principal, project);
  if (held && RANK[held] >= RANK[role]) return;
  throw new HttpError(
    403,
    'forbidden',
    held
      ? `token "${principal.name}" is ${held} on project "${project}"; this needs ${role}`
      : `token "${principal.name}" has no access to project "${project}"`,
  );
}

export function requireGlobal(principal: Principal, role: Role): void {
  if (!isGlobal(principal, role))
    throw new HttpError(403, 'forbidden', `token "${principal.name}" needs the ${role} role on all projects`);
}

/** The projects the principal may read; null: all of them. */
export function readableProjects(principal: Principal): string[] | null {
  if (isGlobal(principal, 'viewer')) return null;
  return [...new Set(principal.grants.map((g) => g.project).filter((p): p is string => p !== null))].sort();
}

export type AuthEnv = { Variables: { principal: Principal } };

/** Resolves `Authorization: Bearer <token>`; 401 when it is missing, unknown or revoked. */
export function authenticate(db: Kysely<DB>, now: () => Date): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) {
      c.header('WWW-Authenticate', 'Bearer realm="palisade"');
      throw new HttpError(401, 'unauthorized', 'missing bearer token: send "Authorization: Bearer <token>"');
    }
    const info = await resolveToken(db, match[1]!);
    if (!info) {
      c.header('WWW-Authenticate', 'Bearer realm="palisade", error="invalid_token"');
      throw new HttpError(401, 'unauthorized', 'unknown or revoked token');
    }
    c.set('principal', { tokenId: info.id, name: info.name, grants: info.grants });
    await touchToken(db, info.id, now());
    await next();
  };
}
