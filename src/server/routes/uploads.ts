// POST /api/v1/uploads: a scan result, CycloneDX or SPDX document, stored in one transaction
// with the lifecycle of its findings. Metadata comes as query parameters (the body is the
// document as the tool wrote it) or in an envelope { project, …, document }.
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Hono } from 'hono';
import type { z } from 'zod';
import { findingInput } from '../../store/finding-input.ts';
import { ingestScan } from '../../store/ingest.ts';
import { enqueueJob } from '../../store/jobs.ts';
import { requireRole } from '../auth.ts';
import type { AppEnv, ServerContext } from '../context.ts';
import { badRequest, HttpError } from '../http-error.ts';
import { MATCH_SCAN_JOB } from '../jobs/kinds.ts';
import { parseWith } from '../parse/issues.ts';
import { parseUpload } from '../parse/upload.ts';
import { uploadEnvelope, uploadQuery } from '../schemas.ts';
import { iso, parseJson, sizeLimit } from './common.ts';

export function uploadRoutes(ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post('/uploads', sizeLimit(ctx.limits.uploadBytes), async (c) => {
    const principal = c.get('principal');
    const params = parseWith(uploadQuery, c.req.query(), 'query');
    // Checked before the body is read when the query names the project: no parsing for strangers.
    if (params.project) requireRole(principal, params.project, 'uploader');
    const type = c.req.header('content-type');
    if (type && !/^application\/([\w.+-]*\+)?json\b/i.test(type))
      throw new HttpError(415, 'unsupported_media_type', `send application/json, not ${type}`);
    const bytes = decode(
      Buffer.from(await c.req.arrayBuffer()),
      c.req.header('content-encoding'),
      ctx.limits.uploadBytes,
    );
    const upload = readUpload(parseJson(bytes.toString('utf8')), bytes, params);
    requireRole(principal, upload.project, 'uploader');
    const parsed = parseUpload(upload.document);
    if (parsed.components.length > ctx.limits.components)
      throw new HttpError(
        413,
        'payload_too_large',
        `${parsed.components.length} components; the limit is ${ctx.limits.components}`,
      );
    const { project, bytes: document } = upload;
    const complete = upload.complete && parsed.complete;
    const started = performance.now();
    const result = await ingestScan(
      ctx.db,
      {
        project,
        branch: upload.branch,
        environment: upload.environment,
        commit: upload.commit,
        at: ctx.now(),
        format: parsed.format,
        target: parsed.target,
        complete,
        idempotencyKey: idempotencyKey(c.req.header('idempotency-key')),
        components: parsed.components,
        findings: parsed.findings?.map(findingInput),
        sbom: {
          specVersion: parsed.specVersion,
          serialNumber: parsed.serialNumber,
          digest: createHash('sha256').update(document).digest('hex'),
          byteSize: document.length,
          document: gzipSync(document, { level: 1 }),
        },
      },
      {
        afterComponents: async (scanId) => {
          ctx.logger.debug('components written', { request_id: c.get('requestId'), scan: scanId });
          await ctx.ingestHooks.afterComponents?.(scanId);
        },
        beforeCommit: async (trx, scan) => {
          if (!scan.matched) await enqueueJob(trx, MATCH_SCAN_JOB, { scanId: scan.id, reason: 'upload' });
        },
      },
    );
    if (!result.scan.matched) ctx.jobsQueued();
    const { scan } = result;
    ctx.logger.info('scan ingested', {
      request_id: c.get('requestId'),
      project,
      scan: scan.id,
      format: scan.format,
      components: scan.component_count,
      findings: scan.finding_count,
      created: result.created_findings.length,
      fixed: result.fixed.length,
      reopened: result.reopened.length,
      replay: !result.created,
      ms: Math.round(performance.now() - started),
    });
    return c.json(
      {
        scan: {
          id: scan.id,
          project,
          branch: scan.branch,
          environment: scan.environment,
          commit: scan.commit,
          format: scan.format,
          complete: scan.complete,
          matched: scan.matched,
          components: scan.component_count,
          findings: scan.finding_count,
          created_at: iso(scan.created_at),
        },
        lifecycle: {
          created: result.created_findings.length,
          reopened: result.reopened.length,
          fixed: result.fixed.length,
        },
        matching: scan.matched ? 'uploaded' : 'queued',
        replayed: !result.created,
        notes: parsed.notes,
      },
      result.created ? 201 : 200,
    );
  });
  return app;
}

interface UploadMetadata {
  project: string;
  branch: string;
  environment: string;
  commit: string | null;
  complete: boolean;
  document: unknown;
  /** The document's bytes, as stored. */
  bytes: Buffer;
}

/** Metadata from the envelope, else the query; the defaults are branch main, environment ci. */
function readUpload(json: unknown, bytes: Buffer, params: z.infer<typeof uploadQuery>): UploadMetadata {
  const envelope = isEnvelope(json) ? parseWith(uploadEnvelope, json, 'upload envelope') : undefined;
  const project = envelope?.project ?? params.project;
  if (!project)
    throw badRequest('name the project: ?project=NAME, or { "project": …, "document": … } in the body');
  return {
    project,
    branch: envelope?.branch ?? params.branch ?? 'main',
    environment: envelope?.environment ?? params.environment ?? 'ci',
    commit: envelope?.commit ?? params.commit ?? null,
    complete: envelope?.complete ?? params.complete ?? true,
    document: envelope ? envelope.document : json,
    bytes: envelope ? Buffer.from(JSON.stringify(envelope.document)) : bytes,
  };
}

function isEnvelope(json: unknown): boolean {
  return typeof json === 'object' && json !== null && 'document' in json && 'project' in json;
}

function idempotencyKey(header: string | undefined): string | null {
  if (header === undefined) return null;
  if (!/^[\x21-\x7e]{1,200}$/.test(header))
    throw badRequest('Idempotency-Key must be 1-200 visible ASCII characters');
  return header;
}

function decode(body: Buffer, encoding: string | undefined, limit: number): Buffer {
  const value = (encoding ?? 'identity').trim().toLowerCase();
  if (value === 'identity' || value === '') return body;
  if (value !== 'gzip')
    throw new HttpError(
      415,
      'unsupported_media_type',
      `Content-Encoding ${value} is not supported; send gzip or none`,
    );
  try {
    return gunzipSync(body, { maxOutputLength: limit });
  } catch (error) {
    if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
      throw new HttpError(
        413,
        'payload_too_large',
        `the decompressed body is larger than the limit of ${limit} bytes`,
      );
    throw badRequest('the body is not valid gzip');
  }
}
