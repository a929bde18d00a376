import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PalisadeError } from '../model/index.ts';

export interface FetchOptions {
  /** Per attempt, in milliseconds. */
  timeoutMs?: number;
  /** Further attempts after the first, for network errors, 429 and 5xx. */
  retries?: number;
  /** First backoff delay in ms, doubled each retry (with jitter). */
  backoffMs?: number;
  /** Refuse the network: answer from the cache or fail with a clear error. */
  offline?: boolean;
  /** Directory of the HTTP cache (ETag / Last-Modified revalidation); none when absent. */
  cacheDir?: string;
  /** Largest body accepted, in bytes: a hostile or broken server cannot exhaust memory. */
  maxBytes?: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

export interface FetchedBody {
  body: Buffer;
  /** True when the body came from the cache (offline, or a 304 revalidation). */
  fromCache: boolean;
}

/** A failed fetch; `status` is the HTTP status when the server answered. */
export class FetchError extends PalisadeError {
  readonly status: number | undefined;

  constructor(message: string, status: number | undefined) {
    super('network', message);
    this.name = 'FetchError';
    this.status = status;
  }
}

const DEFAULTS = { timeoutMs: 30_000, retries: 3, backoffMs: 500, maxBytes: 1024 * 1024 * 1024 };

/**
 * Fetches a URL the way every remote source must: a timeout per attempt, retries with exponential
 * backoff on transient failures, conditional revalidation against an on-disk cache, an offline
 * mode, and a size cap. Errors are PalisadeErrors naming the URL and what to do.
 */
export async function fetchWithRetry(url: string, options: FetchOptions = {}): Promise<FetchedBody> {
  const cache =
    options.cacheDir && (options.method ?? 'GET') === 'GET'
      ? new HttpCache(options.cacheDir, url)
      : undefined;
  if (options.offline) {
    const cached = cache?.read();
    if (cached) return { body: cached.body, fromCache: true };
    throw new PalisadeError(
      'network',
      `${url}: not in the cache and --offline forbids the network; run once online or import the data`,
    );
  }
  const retries = options.retries ?? DEFAULTS.retries;
  let lastError = '';
  let lastStatus: number | undefined;
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) await sleep(backoff(options.backoffMs ?? DEFAULTS.backoffMs, attempt));
    const outcome = await attemptFetch(url, options, cache);
    if (outcome.kind === 'ok') return outcome.result;
    lastError = outcome.message;
    lastStatus = outcome.status;
    if (!outcome.retry) break;
  }
  throw new FetchError(`${url}: ${lastError}; check the URL, the network or the mirror setting`, lastStatus);
}

type Attempt =
  | { kind: 'ok'; result: FetchedBody }
  | { kind: 'failed'; message: string; retry: boolean; status?: number };

async function attemptFetch(
  url: string,
  options: FetchOptions,
  cache: HttpCache | undefined,
): Promise<Attempt> {
  const cached = cache?.read();
  const headers: Record<string, string> = { 'user-agent': 'palisade', ...options.headers };
  if (cached?.etag) headers['if-none-match'] = cached.etag;
  if (cached?.lastModified) headers['if-modified-since'] = cached.lastModified;
  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method ?? 'GET',
      headers,
      ...(options.body === undefined ? {} : { body: options.body }),
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULTS.timeoutMs),
      redirect: 'follow',
    });
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    const cause =
      error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    return { kind: 'failed', message: timedOut ? 'timed out' : `unreachable (${cause})`, retry: true };
  }
  if (response.status === 304 && cached)
    return { kind: 'ok', result: { body: cached.body, fromCache: true } };
  if (!response.ok) {
    await response.body?.cancel();
    const retry = response.status === 429 || response.status >= 500;
    return {
      kind: 'failed',
      message: `HTTP ${response.status} ${response.statusText}`.trim(),
      retry,
      status: response.status,
    };
  }
  const body = await readCapped(response, options.maxBytes ?? DEFAULTS.maxBytes);
  if (body === undefined) {
    return {
      kind: 'failed',
      message: `response larger than ${options.maxBytes ?? DEFAULTS.maxBytes} bytes`,
      retry: false,
    };
  }
  cache?.write(body, response.headers.get('etag'), response.headers.get('last-modified'));
  return { kind: 'ok', result: { body, fromCache: false } };
}

async function readCapped(response: Response, maxBytes: number): Promise<Buffer | undefined> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxBytes) {
    await response.body?.cancel();
    return undefined;
  }
  const chunks: Buffer[] = [];
  let total = 0;
  if (!response.body) return Buffer.alloc(0);
  // The reader API rather than `for await`: the stream's async-iterator typing depends on which
  // lib declarations are loaded, the reader's does not.
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks, total);
}

function backoff(base: number, attempt: number): number {
  return base * 2 ** (attempt - 1) * (0.75 + Math.random() * 0.5);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

interface CacheEntry {
  body: Buffer;
  etag?: string;
  lastModified?: string;
}

/** One cached response per URL: the body and its validators, each written atomically. */
class HttpCache {
  private readonly bodyPath: string;
  private readonly metaPath: string;
  private readonly dir: string;

  constructor(dir: string, url: string) {
    const key = createHash('sha256').update(url).digest('hex').slice(0, 32);
    this.dir = join(dir, 'http');
    this.bodyPath = join(this.dir, `${key}.body`);
    this.metaPath = join(this.dir, `${key}.json`);
  }

  read(): CacheEntry | undefined {
    try {
      const meta = JSON.parse(readFileSync(this.metaPath, 'utf8')) as {
        etag?: string;
        lastModified?: string;
      };
      const entry: CacheEntry = { body: readFileSync(this.bodyPath) };
      if (meta.etag) entry.etag = meta.etag;
      if (meta.lastModified) entry.lastModified = meta.lastModified;
      return entry;
    } catch {
      return undefined;
    }
  }

  write(body: Buffer, etag: string | null, lastModified: string | null): void {
    mkdirSync(this.dir, { recursive: true });
    atomicWrite(this.bodyPath, body);
    atomicWrite(
      this.metaPath,
      JSON.stringify({ etag: etag ?? undefined, lastModified: lastModified ?? undefined }),
    );
  }
}

function atomicWrite(path: string, data: Buffer | string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, data);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
