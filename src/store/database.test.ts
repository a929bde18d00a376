import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { PalisadeError } from '../model/index.ts';
import { type Database, openDatabase } from './database.ts';
import { LATEST_MIGRATION, migrate } from './migrations.ts';
import { testBackends } from './testing/backends.ts';

describe('PGlite data directory', () => {
  test("one server per data directory; a dead holder's lock is taken over; data survives a reopen", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'palisade-lock-'));
    try {
      const data = join(dir, 'data');
      mkdirSync(data);
      writeFileSync(
        join(data, 'palisade.lock'),
        JSON.stringify({ pid: 2 ** 22 + 1, host: hostname(), since: '2026-01-01' }),
      );
      const first = await openDatabase({ dataDir: data });
      await first.db.insertInto('projects').values({ name: 'kept' }).execute();
      await assert.rejects(
        openDatabase({ dataDir: data }),
        (error: unknown) =>
          error instanceof PalisadeError &&
          error.message ===
            `${data}: the data directory is in use by another palisade server (pid ${process.pid}); stop it, or run several servers against PostgreSQL (--database-url)`,
      );
      await first.close();
      assert.ok(!existsSync(join(data, 'palisade.lock')), 'released on close');
      const second = await openDatabase({ dataDir: data });
      assert.deepEqual(await second.db.selectFrom('projects').select('name').execute(), [{ name: 'kept' }]);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

for (const backend of testBackends()) {
  describe(`database (${backend.name})`, { skip: backend.skip }, () => {
    let database: Database;
    before(async () => {
      database = await backend.open();
    });
    after(() => database?.close());

    test('migrations are applied once and recorded', async () => {
      assert.deepEqual(await migrate(database.db as never), []);
      const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
        database.db,
      );
      assert.equal(rows.rows.at(-1)?.name, LATEST_MIGRATION);
    });

    test('bigint ids and counts come back as numbers on both backends', async () => {
      const { id } = await database.db
        .insertInto('projects')
        .values({ name: 'numbers' })
        .returning('id')
        .executeTakeFirstOrThrow();
      assert.equal(typeof id, 'number');
      const row = await database.db
        .selectFrom('projects')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(row.n, 1);
    });

    test('a transaction that throws half way leaves nothing behind', async () => {
      await assert.rejects(
        database.db.transaction().execute(async (trx) => {
          await trx.insertInto('projects').values({ name: 'half' }).execute();
          throw new Error('boom');
        }),
        /boom/,
      );
      const rows = await database.db.selectFrom('projects').where('name', '=', 'half').selectAll().execute();
      assert.deepEqual(rows, []);
    });

    test('transaction-level advisory locks and SKIP LOCKED are available', async () => {
      const locked = await database.db.transaction().execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(hashtextextended(${'p:main'}, 0))`.execute(trx);
        const held = await sql<{
          n: number;
        }>`select count(*)::int as n from pg_locks where locktype = 'advisory'`.execute(trx);
        return held.rows[0]?.n;
      });
      assert.equal(locked, 1);
      const after = await sql<{
        n: number;
      }>`select count(*)::int as n from pg_locks where locktype = 'advisory'`.execute(database.db);
      assert.equal(after.rows[0]?.n, 0);
      await sql`select id from jobs for update skip locked limit 1`.execute(database.db);
    });

    test('array parameters bind as Postgres arrays', async () => {
      const rows = await sql<{
        x: string;
      }>`select x from unnest(${['a', 'b']}::text[]) as x where x = any(${['b']}::text[])`.execute(
        database.db,
      );
      assert.deepEqual(rows.rows, [{ x: 'b' }]);
    });
  });
}
