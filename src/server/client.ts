// The client side of uploads, for `palisade scan --upload URL` and `palisade upload sbom|results|event`:
// gzip, an Idempotency-Key kept across retries (a retried upload is stored once), retries with
// backoff on network errors and 5xx, none on 4xx, and errors that say what the server said.
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { PalisadeError } from '../model/index.ts';

export interface ServerTarget {
  /** The server's base URL (https://palisade.example.com). */
  url: string;
  /** PALISADE_TOKEN. */
  token: string;
  retries?: number;
  timeoutMs?: number;
  backoffMs?: number;
}

export interface UploadMetadata {
  project: string;
  branch?: string;
  environment?: string;
  commit?: string;
  /** false: a partial scan (pre-commit on staged files, a subdirectory): it fixes nothing. */
  complete?: boolean;
}

export interface UploadReceipt {
  scan: {
    id: number;
    project: string;
    branch: string;
    environment: string;
    components: number;
    findings: number;
  };
  lifecycle: { created: number; reopened: number; fixed: number };
  matching: 'uploaded' | 'queued';
  replayed: boolean;
  notes: string[];
}

/** Uploads a scan result, CycloneDX or SPDX JSON document (as text or bytes). */
export async function uploadDocument(
  target: ServerTarget,
  document: string | Uint8Array,
  meta: UploadMetadata,
): Promise<UploadReceipt> {
  const query = new URLSearchParams({ project: meta.project });
  if (meta.branch) query.set('branch', meta.branch);
  if (meta.environment) query.set('environment', meta.environment);
  if (meta.commit) query.set('commit', meta.commit);
  if (meta.complete === false) query.set('complete', 'false');
  const body = gzipSync(typeof document === 'string' ? Buffer.from(document, 'utf8') : document);
  return (await send(target, 'POST', `/api/v1/uploads?${query}`, body, {
    'content-type': 'application/json',
    'content-encoding': 'gzip',
    'idempotency-key': randomUUID(),
  })) as UploadReceipt;
}

export interface EventUpload {
  project: string;
  kind: string;
  at?: string;
  environment?: string;
  commit?: string;
  subject?: string;
  security?: boolean;
  targets?: string[];
  data?: Record<string, unknown>;
}

/** Records events (deployments, rollbacks, failures, incidents, policy changes, drift). */
export async function sendEvents(target: ServerTarget, events: EventUpload[]): Promise<unknown> {
  return send(target, 'POST', '/api/v1/events', Buffer.from(JSON.stringify(events)), {
    'content-type': 'application/json',
  });
}

async function send(
  target: ServerTarget,
  method: string,
  path: string,
  body: Buffer,
  headers: Record<string, string>,
): Promise<unknown> {
  const url = `${target.url.replace(/\/+$/, '')}${path}`;
  const retries = target.retries ?? 3;
  let lastError = '';
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, (target.backoffMs ?? 500) * 2 ** (attempt - 1)));
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: { ...headers, authorization: `Bearer ${target.token}` },
        body: new Uint8Array(body),
        signal: AbortSignal.timeout(target.timeoutMs ?? 120_000),
      });
    } catch (error) {
      lastError =
        error instanceof Error
          ? error.cause instanceof Error
            ? error.cause.message
            : error.message
          : String(error);
      continue;
    }
    const text = await response.text();
    if (response.ok) return text ? JSON.parse(text) : undefined;
    const message = serverMessage(text) ?? `HTTP ${response.status}`;
    if (response.status < 500) throw clientError(response.status, url, message);
    lastError = `${response.status}: ${message}`;
  }
  throw new PalisadeError(
    'network',
    `${url}: the server did not take the upload after ${retries + 1} attempts (${lastError}); check that it is up and try again`,
  );
}

function serverMessage(text: string): string | undefined {
  try {
    return (JSON.parse(text) as { error?: { message?: string } }).error?.message;
  } catch {
    return undefined;
  }
}

function clientError(status: number, url: string, message: string): PalisadeError {
  if (status === 401)
    return new PalisadeError(
      'config',
      `${url}: ${message}; set PALISADE_TOKEN to a token from \`POST /api/v1/tokens\``,
    );
  if (status === 403) return new PalisadeError('config', `${url}: ${message}`);
  return new PalisadeError('input', `${url}: the server refused the upload (${status}): ${message}`);
}
