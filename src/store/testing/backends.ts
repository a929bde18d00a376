// The two backends every store and server contract test runs against. PostgreSQL is a real
// cluster started for the test file; it is skipped, with the reason shown, only when PostgreSQL is
// not installed. A fresh PGlite costs an initdb (seconds), so its empty data directory is made once
// per PGlite version, kept as a tarball in the temp directory, and each test database starts from it.
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after } from 'node:test';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { type Backend, type Database, openDatabase } from '../database.ts';
import { findPostgres, startPostgres, type TestPostgres } from './postgres.ts';

export interface TestBackend {
  name: Backend;
  /** Why the backend cannot run here; the suite is skipped with this as its reason. */
  skip: string | undefined;
  /** A new, empty, migrated database. */
  open(): Promise<Database>;
  /** Environment for a server process of its own: a new PGlite directory or Postgres database. */
  serverEnv(): Promise<Record<string, string>>;
}

let cluster: Promise<TestPostgres> | undefined;
let databases = 0;

/** The backends, with teardown registered for the calling test file. */
export function testBackends(): TestBackend[] {
  after(async () => {
    if (cluster) await (await cluster).stop();
    cluster = undefined;
  });
  const postgres = findPostgres();
  return [
    {
      name: 'pglite',
      skip: undefined,
      open: () => openPgliteForTest(),
      serverEnv: async () => {
        const dir = mkdtempSync(join(tmpdir(), 'palisade-pglite-'));
        after(() => rmSync(dir, { recursive: true, force: true }));
        return { PALISADE_DATA_DIR: join(dir, 'data') };
      },
    },
    {
      name: 'postgres',
      skip: 'missing' in postgres ? postgres.missing : undefined,
      open: async () => openDatabase({ databaseUrl: await newPostgresDatabase() }),
      serverEnv: async () => ({ PALISADE_DATABASE_URL: await newPostgresDatabase() }),
    },
  ];
}

async function newPostgresDatabase(): Promise<string> {
  cluster ??= startPostgres();
  return (await cluster).createDatabase(`test_${process.pid}_${++databases}`);
}

export async function openPgliteForTest(): Promise<Database> {
  const pglite = await PGlite.create({ loadDataDir: await emptyDataDir(), relaxedDurability: true });
  return openDatabase({ pglite });
}

let template: Promise<Blob> | undefined;

function emptyDataDir(): Promise<Blob> {
  template ??= (async () => {
    const entry = fileURLToPath(import.meta.resolve('@electric-sql/pglite'));
    const manifest = join(dirname(entry), '..', 'package.json');
    const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
    const file = join(tmpdir(), `palisade-pglite-empty-${version}.tar`);
    if (existsSync(file)) return new Blob([readFileSync(file)]);
    const fresh = await PGlite.create();
    const dump = await fresh.dumpDataDir('none');
    await fresh.close();
    const partial = `${file}.${process.pid}`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, file);
    return dump;
  })();
  return template;
}
