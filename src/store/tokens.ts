// API tokens: random, shown once, stored as their sha256. A token carries grants: a role on one
// project, or on every project (project null).
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, Role } from './schema.ts';

export interface Grant {
  /** null: every project. */
  project: string | null;
  role: Role;
}

export interface TokenInfo {
  id: number;
  name: string;
  grants: Grant[];
  created_by: string | null;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** `pal_` + 32 random bytes: recognisable in secret scanners, unguessable. */
export function newTokenValue(): string {
  return `pal_${randomBytes(32).toString('base64url')}`;
}

export async function createToken(
  db: Kysely<DB>,
  input: { name: string; grants: Grant[]; createdBy: string | null; value?: string },
): Promise<{ token: string; info: TokenInfo }> {
  const token = input.value ?? newTokenValue();
  const info = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('tokens')
      .values({ name: input.name, hash: hashToken(token), created_by: input.createdBy })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (input.grants.length > 0)
      await trx
        .insertInto('token_grants')
        .values(input.grants.map((g) => ({ token_id: row.id, project: g.project, role: g.role })))
        .execute();
    return { ...withoutHash(row), grants: input.grants };
  });
  return { token, info };
}

/**
 * Makes `token` a global admin token unless it already is one: the bootstrap from
 * PALISADE_ADMIN_TOKEN, safe to run on every start of every replica.
 */
export async function bootstrapAdmin(db: Kysely<DB>, token: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('tokens')
      .values({ name: 'bootstrap admin (PALISADE_ADMIN_TOKEN)', hash: hashToken(token), created_by: null })
      .onConflict((oc) => oc.column('hash').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted)
      await trx
        .insertInto('token_grants')
        .values({ token_id: inserted.id, project: null, role: 'admin' })
        .execute();
  });
}

/** The live token with this value, or undefined (unknown or revoked). */
export async function resolveToken(db: Kysely<DB>, token: string): Promise<TokenInfo | undefined> {
  const row = await db
    .selectFrom('tokens')
    .selectAll()
    .where('hash', '=', hashToken(token))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  const grants = await db
    .selectFrom('token_grants')
    .select(['project', 'role'])
    .where('token_id', '=', row.id)
    .execute();
  return { ...withoutHash(row), grants };
}

/** Records use at most once a minute per token, so reads do not turn into a write each. */
export async function touchToken(db: Kysely<DB>, id: number, now: Date): Promise<void> {
  await db
    .updateTable('tokens')
    .set({ last_used_at: now })
    .where('id', '=', id)
    .where((eb) =>
      eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', new Date(now.getTime() - 60_000))]),
    )
    .execute();
}

export async function listTokens(db: Kysely<DB>): Promise<TokenInfo[]> {
  const rows = await db.selectFrom('tokens').selectAll().orderBy('id').execute();
  const grants = await db.selectFrom('token_grants').selectAll().execute();
  return rows.map((row) => ({
    ...withoutHash(row),
    grants: grants.filter((g) => g.token_id === row.id).map(({ project, role }) => ({ project, role })),
  }));
}

export async function revokeToken(db: Kysely<DB>, id: number, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('tokens')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

function withoutHash(row: {
  id: number;
  name: string;
  created_by: string | null;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}): Omit<TokenInfo, 'grants'> {
  const { id, name, created_by, created_at, last_used_at, revoked_at } = row;
  return { id, name, created_by, created_at, last_used_at, revoked_at };
}
