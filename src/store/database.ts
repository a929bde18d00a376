import { mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
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
  let unlock = () => {};
  if (!pglite) {
    if (options.dataDir) {
      mkdirSync(options.dataDir, { recursive: true });
      unlock = lockDataDir(options.dataDir);
    }
    try {
      pglite = options.dataDir ? await PGlite.create(options.dataDir) : await PGlite.create();
    } catch (error) {
      unlock();
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
      unlock();
    },
  };
}

const LOCK_FILE = 'palisade.lock';

/**
 * PGlite is one process's database: a second server on the same directory would corrupt it, and
 * nothing in PGlite stops that. The lock names its holder; a holder that died (a crash, SIGKILL)
 * leaves a stale lock, which the next start takes over. A lock from another host is taken over
 * too: a volume moves with its pod, and the old pod is gone.
 */
function lockDataDir(dir: string): () => void {
  const file = join(dir, LOCK_FILE);
  const mine = JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, mine, { flag: 'wx' });
      return () => {
        try {
          if (readFileSync(file, 'utf8') === mine) unlinkSync(file);
        } catch {
          // Already gone: nothing to release.
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(file);
      if (holder && holder.host === hostname() && isAlive(holder.pid))
        throw new PalisadeError(
          'config',
          `${dir}: the data directory is in use by another palisade server (pid ${holder.pid}); stop it, or run several servers against PostgreSQL (--database-url)`,
        );
      rmSync(file, { force: true });
    }
  }
  throw new PalisadeError(
    'config',
    `${dir}: cannot take the lock ${LOCK_FILE}; remove it if no server is running`,
  );
}

function readHolder(file: string): { pid: number; host: string } | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { pid?: unknown; host?: unknown };
    return typeof parsed.pid === 'number' && typeof parsed.host === 'string'
      ? { pid: parsed.pid, host: parsed.host }
      : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
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
