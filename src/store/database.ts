import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { PalisadeError } from '../model/index.ts';
import { migrate } from './migrations.ts';
import { pgliteDialect } from './pglite.ts';
import type { DB } from './schema.ts';

export type Backend = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  backend: Backend;
  /** Waits for queries in flight, then closes the connections (or the embedded database). */
  close(): Promise<void>;
}

export type DatabaseOptions =
  /** Embedded PGlite in this directory (created when missing); no directory: in memory. */
  { dataDir?: string; pglite?: PGlite } | { databaseUrl: string; poolSize?: number };

const INT8_OID = 20;

/**
 * Opens the database and brings its schema up to date. Both backends speak the same SQL; the
 * only differences are the connection (one in-process session for PGlite, a pool for Postgres)
 * and that node-postgres must be told to read bigint ids and counts as numbers, as PGlite does.
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const database = 'databaseUrl' in options ? openPostgres(options) : await openPglite(options);
  try {
    await migrate(database.db as Kysely<unknown>);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

function openPostgres(options: { databaseUrl: string; poolSize?: number }): Database {
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: options.poolSize ?? 10,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, backend: 'postgres', close: () => db.destroy() };
}

async function openPglite(options: { dataDir?: string; pglite?: PGlite }): Promise<Database> {
  let pglite = options.pglite;
  if (!pglite) {
    if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
    try {
      pglite = options.dataDir ? await PGlite.create(options.dataDir) : await PGlite.create();
    } catch (error) {
      throw new PalisadeError(
        'config',
        `${options.dataDir ?? 'in-memory database'}: cannot open the embedded database (${describe(error)}); check that the directory is a PGlite data directory that no other server is using`,
        { cause: error },
      );
    }
  }
  const owned = pglite;
  const db = new Kysely<DB>({ dialect: pgliteDialect(owned) });
  return {
    db,
    backend: 'pglite',
    close: async () => {
      await db.destroy();
      if (!owned.closed) await owned.close();
    },
  };
}

/** True when the database answers: what /readyz asks. */
export async function ping(db: Kysely<DB>): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
}
