// One upload, one transaction: the scan, its SBOM, its components and the lifecycle of its
// findings are visible together or not at all. Writers of one project and branch take turns
// (lockBranch), so concurrent uploads never race to insert the same fingerprint.
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Component } from '../model/index.ts';
import type { FindingInput } from './finding-input.ts';
import { applySighting, type FindingRef, lockBranch } from './lifecycle.ts';
import { ensureProject } from './projects.ts';
import type { DB, Scan, UploadFormat } from './schema.ts';

export interface IngestInput {
  project: string;
  branch: string;
  environment: string;
  commit: string | null;
  at: Date;
  format: UploadFormat;
  target: string | null;
  complete: boolean;
  idempotencyKey: string | null;
  components: readonly Component[];
  /** undefined: an SBOM without findings, to be matched by the server. */
  findings: readonly FindingInput[] | undefined;
  sbom: {
    specVersion: string | null;
    serialNumber: string | null;
    digest: string;
    byteSize: number;
    /** The uploaded document, gzip-compressed. */
    document: Uint8Array;
  };
}

export interface IngestResult {
  scan: Scan;
  /** false: the idempotency key named an earlier upload, which is returned as it was. */
  created: boolean;
  created_findings: FindingRef[];
  reopened: FindingRef[];
  fixed: FindingRef[];
}

export interface IngestHooks {
  /** Called inside the transaction once the components are written (logging, fault injection in tests). */
  afterComponents?: (scanId: number) => void | Promise<void>;
  /** Called inside the transaction last: work that must commit with the scan or not at all (jobs). */
  beforeCommit?: (trx: Transaction<DB>, scan: Scan) => Promise<void>;
}

export async function ingestScan(
  db: Kysely<DB>,
  input: IngestInput,
  hooks: IngestHooks = {},
): Promise<IngestResult> {
  return db.transaction().execute(async (trx) => {
    const project = await ensureProject(trx, input.project);
    await lockBranch(trx, project.id, input.branch);
    if (input.idempotencyKey !== null) {
      const earlier = await trx
        .selectFrom('scans')
        .selectAll()
        .where('project_id', '=', project.id)
        .where('idempotency_key', '=', input.idempotencyKey)
        .executeTakeFirst();
      if (earlier) return { scan: earlier, created: false, created_findings: [], reopened: [], fixed: [] };
    }
    const matched = input.findings !== undefined;
    const scan = await trx
      .insertInto('scans')
      .values({
        project_id: project.id,
        branch: input.branch,
        environment: input.environment,
        commit: input.commit,
        format: input.format,
        complete: input.complete,
        matched,
        target: input.target,
        idempotency_key: input.idempotencyKey,
        component_count: input.components.length,
        finding_count: input.findings?.length ?? 0,
        created_at: input.at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('sboms')
      .values({
        scan_id: scan.id,
        format: input.format,
        spec_version: input.sbom.specVersion,
        serial_number: input.sbom.serialNumber,
        digest: input.sbom.digest,
        byte_size: input.sbom.byteSize,
        document: input.sbom.document,
      })
      .execute();
    await insertComponents(trx, scan.id, input.components);
    await hooks.afterComponents?.(scan.id);
    if (!matched) {
      await hooks.beforeCommit?.(trx, scan);
      return { scan, created: true, created_findings: [], reopened: [], fixed: [] };
    }
    const changes = await applySighting(
      trx,
      {
        projectId: project.id,
        branch: input.branch,
        environment: input.environment,
        at: input.at,
        scanId: scan.id,
        complete: input.complete,
      },
      input.findings ?? [],
    );
    const finding_count = changes.seen.length;
    if (finding_count !== scan.finding_count)
      await trx.updateTable('scans').set({ finding_count }).where('id', '=', scan.id).execute();
    await hooks.beforeCommit?.(trx, { ...scan, finding_count });
    return {
      scan: { ...scan, finding_count },
      created: true,
      created_findings: changes.created,
      reopened: changes.reopened,
      fixed: changes.fixed,
    };
  });
}

/** Large SBOMs go in a few statements, each one JSON parameter unpacked by the database. */
const COMPONENT_BATCH = 5_000;

async function insertComponents(
  trx: Kysely<DB>,
  scanId: number,
  components: readonly Component[],
): Promise<void> {
  for (let i = 0; i < components.length; i += COMPONENT_BATCH) {
    const batch = components.slice(i, i + COMPONENT_BATCH).map((c) => ({
      purl: c.purl,
      ecosystem: c.ecosystem,
      name: c.name,
      version: c.version ?? null,
      scope: c.scope,
      direct: c.direct,
      path: c.location.path,
      line: c.location.line,
      licenses: c.licenses,
      source: c.source,
      dependencies: c.dependencies,
    }));
    await sql`
      insert into components
        (scan_id, purl, ecosystem, name, version, scope, direct, path, line, licenses, source, dependencies)
      select ${scanId}, x.purl, x.ecosystem, x.name, x.version, x.scope, x.direct, x.path, x.line,
        x.licenses, x.source, x.dependencies
      from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as x(
        purl text, ecosystem text, name text, version text, scope text, direct boolean, path text,
        line integer, licenses jsonb, source jsonb, dependencies jsonb)`.execute(trx);
  }
}

/** The components of a stored scan, as the model has them (what re-matching feeds to matching). */
export async function scanComponents(db: Kysely<DB>, scanId: number): Promise<Component[]> {
  const rows = await db
    .selectFrom('components')
    .select([
      'purl',
      'ecosystem',
      'name',
      'version',
      'scope',
      'direct',
      'path',
      'line',
      'licenses',
      'source',
      'dependencies',
    ])
    .where('scan_id', '=', scanId)
    .orderBy('id')
    .execute();
  return rows.map((r) => {
    const component: Component = {
      purl: r.purl,
      ecosystem: r.ecosystem as Component['ecosystem'],
      name: r.name,
      scope: r.scope as Component['scope'],
      direct: r.direct,
      licenses: r.licenses,
      location: { path: r.path, line: r.line },
      source: r.source as unknown as Component['source'],
      dependencies: r.dependencies,
    };
    if (r.version !== null) component.version = r.version;
    return component;
  });
}
