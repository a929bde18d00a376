import { z } from 'zod';
import { type Component, type OsvRecord, PalisadeError } from '../../model/index.ts';
import { type FetchOptions, fetchWithRetry } from '../http.ts';
import { parseOsvRecord } from '../osv-archive.ts';
import { MemoryLookup } from './memory-lookup.ts';
import { cacheKey, type OsvQuery, QueryCache, type VulnRef } from './osv-api-cache.ts';
import { mapConcurrent } from './pool.ts';

export { DEFAULT_OSV_API_URL } from '../defaults.ts';

/** The API's limit on queries per querybatch request. */
export const OSV_BATCH_SIZE = 1000;
const DEFAULT_CONCURRENCY = 8;
/** A server that keeps handing out page tokens must not keep a scan paging forever. */
const MAX_PAGES = 100;

export interface OsvApiOptions {
  baseUrl: string;
  fetch: FetchOptions;
  /** Record downloads in flight at once. */
  concurrency?: number;
}

const batchSchema = z.looseObject({
  results: z.array(
    z.looseObject({
      vulns: z
        .array(z.looseObject({ id: z.string().min(1).max(200), modified: z.string().optional() }))
        .optional(),
      next_page_token: z.string().optional(),
    }),
  ),
});

/**
 * Asks the OSV API which advisories affect the components (registry components with a version
 * only), then downloads each advisory once. For scans without a local database: one querybatch
 * request per 1,000 components (plus pages), one GET per distinct advisory not already cached.
 */
export async function queryOsvApi(
  components: readonly Component[],
  options: OsvApiOptions,
): Promise<MemoryLookup> {
  const base = options.baseUrl.replace(/\/+$/, '');
  const queries = distinctQueries(components);
  const cache = options.fetch.cacheDir ? new QueryCache(options.fetch.cacheDir) : undefined;
  const answers = options.fetch.offline
    ? cachedAnswers(`${base}/v1/querybatch`, queries, cache)
    : await queryAll(`${base}/v1/querybatch`, queries, options.fetch);
  if (!options.fetch.offline) cache?.save(answers);
  const refs = new Map<string, VulnRef>();
  for (const list of answers.values()) {
    for (const ref of list) {
      const seen = refs.get(ref.id);
      if (!seen || (ref.modified && (!seen.modified || olderThan(seen.modified, ref.modified))))
        refs.set(ref.id, ref);
    }
  }
  const ordered = [...refs.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  const records = await mapConcurrent(ordered, options.concurrency ?? DEFAULT_CONCURRENCY, (ref) =>
    fetchRecord(base, ref, options.fetch),
  );
  return new MemoryLookup(records);
}

/** One query per (ecosystem, name, version), in a stable order. */
function distinctQueries(components: readonly Component[]): OsvQuery[] {
  const queries = new Map<string, OsvQuery>();
  for (const c of components) {
    if (c.version === undefined || c.source.type !== 'registry') continue;
    const query = { ecosystem: c.ecosystem, name: c.name, version: c.version };
    queries.set(cacheKey(query), query);
  }
  return [...queries.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, q]) => q);
}

interface Pending {
  query: OsvQuery;
  pageToken?: string;
  pages: number;
}

async function queryAll(
  url: string,
  queries: readonly OsvQuery[],
  fetchOptions: FetchOptions,
): Promise<Map<OsvQuery, VulnRef[]>> {
  const answers = new Map<OsvQuery, VulnRef[]>(queries.map((q) => [q, []]));
  let pending: Pending[] = queries.map((query) => ({ query, pages: 1 }));
  while (pending.length > 0) {
    const next: Pending[] = [];
    for (let start = 0; start < pending.length; start += OSV_BATCH_SIZE) {
      const chunk = pending.slice(start, start + OSV_BATCH_SIZE);
      const results = await postBatch(url, chunk, fetchOptions);
      for (const [i, result] of results.entries()) {
        const item = chunk[i]!;
        const list = answers.get(item.query)!;
        for (const v of result.vulns ?? [])
          list.push(v.modified ? { id: v.id, modified: v.modified } : { id: v.id });
        if (!result.next_page_token) continue;
        if (item.pages >= MAX_PAGES) {
          throw new PalisadeError(
            'network',
            `${url}: still paging after ${MAX_PAGES} pages for ${describeQuery(item.query)}; check the OSV API URL or mirror`,
          );
        }
        next.push({ query: item.query, pageToken: result.next_page_token, pages: item.pages + 1 });
      }
    }
    pending = next;
  }
  return answers;
}

async function postBatch(
  url: string,
  chunk: readonly Pending[],
  fetchOptions: FetchOptions,
): Promise<z.infer<typeof batchSchema>['results']> {
  const body = JSON.stringify({
    queries: chunk.map(({ query, pageToken }) => ({
      package: { ecosystem: query.ecosystem, name: query.name },
      version: query.version,
      ...(pageToken === undefined ? {} : { page_token: pageToken }),
    })),
  });
  const response = await fetchWithRetry(url, {
    ...fetchOptions,
    method: 'POST',
    headers: { ...fetchOptions.headers, 'content-type': 'application/json' },
    body,
  });
  let json: unknown;
  try {
    json = JSON.parse(response.body.toString('utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'invalid JSON';
    throw new PalisadeError('network', `${url}: not valid JSON (${reason}); check the OSV API URL or mirror`);
  }
  const parsed = batchSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PalisadeError(
      'network',
      `${url}: not a querybatch response ('${issue?.path.join('.') || 'body'}': ${issue?.message}); check the OSV API URL or mirror`,
    );
  }
  if (parsed.data.results.length !== chunk.length) {
    throw new PalisadeError(
      'network',
      `${url}: ${parsed.data.results.length} results for ${chunk.length} queries; check the OSV API URL or mirror`,
    );
  }
  return parsed.data.results;
}

function cachedAnswers(
  url: string,
  queries: readonly OsvQuery[],
  cache: QueryCache | undefined,
): Map<OsvQuery, VulnRef[]> {
  const answers = new Map<OsvQuery, VulnRef[]>();
  for (const query of queries) {
    const refs = cache?.get(query);
    if (!refs) {
      throw new PalisadeError(
        'network',
        `${url}: no cached answer for ${describeQuery(query)} and --offline forbids the network; scan once online or build the local database with \`palisade db update\``,
      );
    }
    answers.set(query, refs);
  }
  return answers;
}

/** The record, from the HTTP cache when the cached copy is as new as querybatch says it is. */
async function fetchRecord(base: string, ref: VulnRef, fetchOptions: FetchOptions): Promise<OsvRecord> {
  const url = `${base}/v1/vulns/${encodeURIComponent(ref.id)}`;
  if (fetchOptions.cacheDir && !fetchOptions.offline && ref.modified) {
    const cached = await cachedRecord(url, fetchOptions);
    if (cached && !olderThan(cached.modified, ref.modified)) return cached;
  }
  const { body } = await fetchWithRetry(url, fetchOptions);
  const record = parseOsvRecord(body.toString('utf8'), url);
  if (record.id !== ref.id) {
    throw new PalisadeError(
      'network',
      `${url}: answered ${record.id} instead of ${ref.id}; check the OSV API URL or mirror`,
    );
  }
  return record;
}

async function cachedRecord(url: string, fetchOptions: FetchOptions): Promise<OsvRecord | undefined> {
  try {
    // offline: the HTTP cache's answer without a revalidation request, or a throw when absent.
    const { body } = await fetchWithRetry(url, { ...fetchOptions, offline: true });
    return parseOsvRecord(body.toString('utf8'), url);
  } catch {
    return undefined;
  }
}

/** `modified` instants compared as time (to the millisecond); an unreadable one counts as old. */
function olderThan(a: string, b: string): boolean {
  if (a === b) return false;
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  return Number.isNaN(ta) || Number.isNaN(tb) || ta < tb;
}

function describeQuery(query: OsvQuery): string {
  return `${query.ecosystem} ${query.name}@${query.version}`;
}
