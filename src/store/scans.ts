import { gunzipSync } from 'node:zlib';
import { type Kysely, sql } from 'kysely';
import type { DB, Scan } from './schema.ts';

export interface ScanSummary extends Scan {
  project: string;
}

export async function listScans(
  db: Kysely<DB>,
  filter: { projectId: number; branch?: string; environment?: string; limit: number; offset: number },
): Promise<ScanSummary[]> {
  let query = db
    .selectFrom('scans as s')
    .innerJoin('projects as p', 'p.id', 's.project_id')
    .selectAll('s')
    .select('p.name as project')
    .where('s.project_id', '=', filter.projectId)
    .orderBy('s.created_at', 'desc')
    .orderBy('s.id', 'desc')
    .limit(filter.limit)
    .offset(filter.offset);
  if (filter.branch !== undefined) query = query.where('s.branch', '=', filter.branch);
  if (filter.environment !== undefined) query = query.where('s.environment', '=', filter.environment);
  return query.execute();
}

export function getScan(db: Kysely<DB>, id: number): Promise<ScanSummary | undefined> {
  return db
    .selectFrom('scans as s')
    .innerJoin('projects as p', 'p.id', 's.project_id')
    .selectAll('s')
    .select('p.name as project')
    .where('s.id', '=', id)
    .executeTakeFirst();
}

export async function listScanComponents(db: Kysely<DB>, scanId: number, limit: number, offset: number) {
  return db
    .selectFrom('components')
    .select(['purl', 'ecosystem', 'name', 'version', 'scope', 'direct', 'path', 'line', 'licenses'])
    .where('scan_id', '=', scanId)
    .orderBy('purl')
    .orderBy('id')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** The uploaded document of a scan, as it was sent. */
export async function scanDocument(
  db: Kysely<DB>,
  scanId: number,
): Promise<{ format: string; document: Buffer } | undefined> {
  const row = await db
    .selectFrom('sboms')
    .select(['format', 'document'])
    .where('scan_id', '=', scanId)
    .executeTakeFirst();
  return row ? { format: row.format, document: gunzipSync(row.document) } : undefined;
}

/**
 * The newest scan of every project, branch and environment: what is running or about to, and so
 * what re-matching against new advisories looks at.
 */
export async function latestScans(
  db: Kysely<DB>,
): Promise<{ id: number; project_id: number; branch: string; environment: string }[]> {
  const result = await sql<{ id: number; project_id: number; branch: string; environment: string }>`
    select distinct on (project_id, branch, environment) id, project_id, branch, environment
    from scans
    order by project_id, branch, environment, created_at desc, id desc`.execute(db);
  return result.rows;
}

/** True when no scan of the same project, branch and environment is newer than this one. */
export async function isLatestScan(db: Kysely<DB>, scan: Scan): Promise<boolean> {
  const newer = await db
    .selectFrom('scans')
    .select('id')
    .where('project_id', '=', scan.project_id)
    .where('branch', '=', scan.branch)
    .where('environment', '=', scan.environment)
    .where((eb) =>
      eb.or([
        eb('created_at', '>', scan.created_at),
        eb.and([eb('created_at', '=', scan.created_at), eb('id', '>', scan.id)]),
      ]),
    )
    .limit(1)
    .executeTakeFirst();
  return newer === undefined;
}

export async function getSetting<T>(db: Kysely<DB>, key: string): Promise<T | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value as T | undefined;
}

/** Records `key` unless it exists; true for the one caller (of any replica) that recorded it. */
export async function claimSetting(db: Kysely<DB>, key: string, value: unknown): Promise<boolean> {
  const result = await sql<{ key: string }>`
    insert into settings (key, value, updated_at) values (${key}, ${JSON.stringify(value)}::jsonb, now())
    on conflict (key) do nothing
    returning key`.execute(db);
  return result.rows.length > 0;
}
