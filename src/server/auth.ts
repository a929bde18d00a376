// Bearer tokens -> a principal with grants; routes ask for a role on a project (roles.ts says
// what each role may do and how grants combine).
import type { MiddlewareHandler } from 'hono';
import type { Kysely } from 'kysely';
import type { DB, Role } from '../store/schema.ts';
import { type Grant, resolveToken, touchToken } from '../store/tokens.ts';
import { HttpError } from './http-error.ts';
import { holdsRole, roleRank, strongestRole } from './roles.ts';

export interface Principal {
  tokenId: number;
  name: string;
  grants: Grant[];
}

/** The strongest role the principal holds on `project`. */
export function roleOn(principal: Principal, project: string): Role | undefined {
  return strongestRole(principal.grants, project);
}

/** True when the principal holds `role` (or more) on every project. */
export function isGlobal(principal: Principal, role: Role): boolean {
  return principal.grants.some((g) => g.project === null && roleRank(g.role) >= roleRank(role));
}

/** Throws 403 unless the principal holds `role` on `project`. */
export function requireRole(principal: Principal, project: string, role: Role): void {
  if (holdsRole(principal.grants, project, role)) return;
  const held = roleOn(principal, project);
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
