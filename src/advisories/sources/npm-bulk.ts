import { z } from 'zod';
import { type Component, type OsvRecord, PalisadeError } from '../../model/index.ts';
import { FetchError, type FetchOptions, fetchWithRetry } from '../http.ts';
import { MemoryLookup } from './memory-lookup.ts';
import { affectedFromNpmRange } from './npm-range.ts';
import { authorizationFor, type NpmConfig, registryFor } from './npmrc.ts';

export const NPM_BULK_PATH = '-/npm/v1/security/advisories/bulk';

/** The endpoint carries no modification date; records from it lose to any dated copy of the same id. */
const UNDATED = '1970-01-01T00:00:00Z';

export interface NpmBulkOptions {
  npmrc: NpmConfig;
  fetch: FetchOptions;
}

const advisorySchema = z.looseObject({
  id: z.number(),
  url: z.string(),
  title: z.string(),
  severity: z.enum(['critical', 'high', 'moderate', 'low', 'info']),
  vulnerable_versions: z.string(),
  cwe: z.array(z.string()).nullish(),
  cvss: z.looseObject({ score: z.number().nullish(), vectorString: z.string().nullish() }).nullish(),
});

type NpmAdvisory = z.infer<typeof advisorySchema>;

const bulkSchema = z.record(z.string(), z.array(advisorySchema));

/**
 * Asks each registry that serves the npm components for its advisories, as `npm audit` does:
 * one POST of `{ name: [versions] }` per registry, with that registry's credentials only.
 */
export async function queryNpmBulk(
  components: readonly Component[],
  options: NpmBulkOptions,
): Promise<MemoryLookup> {
  const byRegistry = new Map<string, Map<string, Set<string>>>();
  for (const c of components) {
    if (c.ecosystem !== 'npm' || c.version === undefined || c.source.type !== 'registry') continue;
    const registry = registryFor(options.npmrc, c.name);
    const packages = byRegistry.get(registry) ?? new Map<string, Set<string>>();
    byRegistry.set(registry, packages);
    const versions = packages.get(c.name) ?? new Set<string>();
    packages.set(c.name, versions);
    versions.add(c.version);
  }
  const records = new Map<string, OsvRecord>();
  for (const [registry, packages] of [...byRegistry].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const queried = new Map([...packages].map(([name, versions]) => [name, [...versions].sort()]));
    const url = `${registry}${NPM_BULK_PATH}`;
    const answer = await postBulk(url, queried, options);
    for (const [name, advisories] of Object.entries(answer)) {
      const versions = queried.get(name);
      if (!versions) continue; // not asked: not ours to judge
      for (const advisory of advisories) addAdvisory(records, url, name, advisory, versions);
    }
  }
  return new MemoryLookup(records.values());
}

async function postBulk(
  url: string,
  packages: ReadonlyMap<string, string[]>,
  options: NpmBulkOptions,
): Promise<Record<string, NpmAdvisory[]>> {
  const authorization = authorizationFor(options.npmrc, url);
  let body: Buffer;
  try {
    ({ body } = await fetchWithRetry(url, {
      ...options.fetch,
      method: 'POST',
      headers: {
        ...options.fetch.headers,
        'content-type': 'application/json',
        accept: 'application/json',
        ...(authorization ? { authorization } : {}),
      },
      body: JSON.stringify(Object.fromEntries(packages)),
    }));
  } catch (error) {
    throw explain(error, url, authorization);
  }
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'invalid JSON';
    throw new PalisadeError('network', `${url}: not valid JSON (${reason}); check the npm registry setting`);
  }
  const parsed = bulkSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PalisadeError(
      'network',
      `${url}: not a bulk advisory response ('${issue?.path.join('.') || 'body'}': ${issue?.message}); check the npm registry setting`,
    );
  }
  return parsed.data;
}

/** The same failure, with what to do about it for the statuses a registry typically gives. */
function explain(error: unknown, url: string, authorization: string | undefined): unknown {
  if (!(error instanceof FetchError)) return error;
  const status = error.status;
  if (status === 401 || status === 403) {
    const hint =
      authorization === undefined
        ? 'the registry wants credentials; add them to .npmrc (//host/path/:_authToken=…)'
        : /\$\{[^}]*\}/.test(authorization)
          ? 'the credentials in .npmrc for this registry name an unset environment variable; set it'
          : 'the credentials in .npmrc for this registry were refused; renew them';
    return new FetchError(`${url}: HTTP ${status}; ${hint}`, status);
  }
  if (status === 404 || status === 405 || status === 501) {
    return new FetchError(
      `${url}: HTTP ${status}; this registry does not serve npm's bulk advisory endpoint, use the OSV database instead`,
      status,
    );
  }
  return error;
}

/** Converts one advisory and merges it into the record of its id (one GHSA names several packages). */
function addAdvisory(
  records: Map<string, OsvRecord>,
  url: string,
  name: string,
  advisory: NpmAdvisory,
  queried: readonly string[],
): void {
  const affected = affectedFromNpmRange(name, advisory.vulnerable_versions, queried);
  if (!affected) {
    throw new PalisadeError(
      'network',
      `${url}: advisory ${advisory.id} for ${name} has an invalid vulnerable_versions '${advisory.vulnerable_versions}'; check the npm registry setting`,
    );
  }
  const id = /GHSA(-[23456789cfghjmpqrvwx]{4}){3}/.exec(advisory.url)?.[0] ?? `NPM-${advisory.id}`;
  const existing = records.get(id);
  if (existing) {
    existing.affected = [...(existing.affected ?? []), affected];
    return;
  }
  const vector = advisory.cvss?.vectorString;
  records.set(id, {
    id,
    modified: UNDATED,
    summary: advisory.title,
    ...(vector ? { severity: [{ type: cvssType(vector), score: vector }] } : {}),
    affected: [affected],
    references: [{ type: 'ADVISORY', url: advisory.url }],
    database_specific: {
      severity: advisory.severity.toUpperCase(),
      cwe_ids: advisory.cwe ?? [],
      npm_advisory_id: advisory.id,
    },
  });
}

function cvssType(vector: string): 'CVSS_V4' | 'CVSS_V3' | 'CVSS_V2' {
  if (vector.startsWith('CVSS:4.')) return 'CVSS_V4';
  if (vector.startsWith('CVSS:3.')) return 'CVSS_V3';
  return 'CVSS_V2'; // v2 vectors carry no prefix
}
