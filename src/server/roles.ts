// Roles, ordered: a viewer reads, an uploader also uploads scans and events, an admin also triages
// and manages tokens. A grant without a project covers every project. Pure, so the dashboard
// shows the same answer the API enforces.
import type { Role } from '../store/schema.ts';

export interface RoleGrant {
  /** null: every project, including ones not created yet. */
  project: string | null;
  role: Role;
}

const RANK: Record<Role, number> = { viewer: 1, uploader: 2, admin: 3 };

export function roleRank(role: Role): number {
  return RANK[role];
}

/** The strongest role the grants hold on `project`. */
export function strongestRole(grants: readonly RoleGrant[], project: string): Role | undefined {
  let best: Role | undefined;
  for (const grant of grants) {
    if (grant.project !== null && grant.project !== project) continue;
    if (!best || RANK[grant.role] > RANK[best]) best = grant.role;
  }
  return best;
}

/** True when the grants hold `role`, or a stronger one, on `project`. */
export function holdsRole(grants: readonly RoleGrant[], project: string, role: Role): boolean {
  const held = strongestRole(grants, project);
  return held !== undefined && RANK[held] >= RANK[role];
}
