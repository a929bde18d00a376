// The OpenAPI 3.1 document of the API, generated from the zod schemas the routes validate with
// (requests) and the response shapes below, which the contract tests check real responses against.
import { z } from 'zod';
import { SEVERITIES } from '../model/index.ts';
import { EVENT_KINDS, ROLES, TRIAGE_STATES } from '../store/schema.ts';
import {
  eventsBody,
  eventsQuery,
  findingsQuery,
  metricsQuery,
  notificationsQuery,
  openVexQuery,
  pageQuery,
  scansQuery,
  tokenBody,
  triageBody,
  uploadEnvelope,
  uploadQuery,
} from './schemas.ts';

const date = z.string().describe('ISO 8601 date-time');
const nullableDate = date.nullable();

export const responses = {
  error: z.object({ error: z.object({ status: z.number(), code: z.string(), message: z.string() }) }),
  scan: z.object({
    id: z.number(),
    project: z.string(),
    branch: z.string(),
    environment: z.string(),
    commit: z.string().nullable(),
    format: z.enum(['palisade', 'cyclonedx', 'spdx']),
    complete: z.boolean(),
    matched: z.boolean().describe('false: an SBOM whose findings the server has not matched yet'),
    target: z.string().nullable(),
    components: z.number(),
    findings: z.number(),
    created_at: date,
  }),
  upload: z.object({
    scan: z.object({
      id: z.number(),
      project: z.string(),
      branch: z.string(),
      environment: z.string(),
      commit: z.string().nullable(),
      format: z.string(),
      complete: z.boolean(),
      matched: z.boolean(),
      components: z.number(),
      findings: z.number(),
      created_at: date,
    }),
    lifecycle: z.object({ created: z.number(), reopened: z.number(), fixed: z.number() }),
    matching: z.enum(['uploaded', 'queued']),
    replayed: z.boolean().describe('true: the Idempotency-Key named an earlier upload, returned as it was'),
    notes: z.array(z.string()),
  }),
  finding: z.object({
    id: z.number(),
    project: z.string(),
    branch: z.string(),
    fingerprint: z.string(),
    kind: z.string(),
    rule_id: z.string(),
    title: z.string(),
    severity: z.enum(SEVERITIES),
    risk_score: z.number(),
    package: z
      .object({ purl: z.string(), name: z.string().nullable(), version: z.string().nullable() })
      .nullable(),
    path: z.string(),
    advisory_ids: z.array(z.string()),
    kev: z.boolean(),
    epss: z.number().nullable(),
    reachability: z.string().nullable(),
    fixed_version: z.string().nullable(),
    fix_available_at: nullableDate,
    status: z.enum(['open', 'fixed']),
    first_seen_at: date,
    first_seen_environment: z.string(),
    last_seen_at: date,
    fixed_at: nullableDate,
    reopened_count: z.number(),
    environments: z.array(z.string()).describe('environments whose latest sighting has it'),
    triage: z.object({ state: z.enum(TRIAGE_STATES), expires_at: nullableDate }),
  }),
  project: z.object({
    name: z.string(),
    created_at: date,
    last_scan_at: nullableDate,
    branches: z.array(z.string()),
    environments: z.array(z.string()),
    open_findings: z
      .record(z.string(), z.number())
      .describe('open findings by severity, all branches; not those triaged false_positive or not_affected'),
  }),
  token: z.object({
    id: z.number(),
    name: z.string(),
    grants: z.array(z.object({ project: z.string().nullable(), role: z.enum(ROLES) })),
    created_by: z.string().nullable(),
    created_at: date,
    last_used_at: nullableDate,
    revoked_at: nullableDate,
  }),
  event: z.object({
    id: z.number(),
    project: z.string(),
    kind: z.enum(EVENT_KINDS),
    at: date,
    security: z.boolean(),
    deployed_scan: z
      .object({
        id: z.number(),
        branch: z.string(),
        created: z.number(),
        reopened: z.number(),
        fixed: z.number(),
      })
      .optional()
      .describe('a deployment of a scanned commit: the scan now stands for the environment'),
  }),
  metrics: z.object({
    project: z.string().nullable(),
    projects: z.array(z.string()),
    from: date,
    to: date,
    interval: z.enum(['hour', 'day', 'week']),
    buckets: z.array(date).describe('the end of each bucket'),
    series: z.array(
      z.object({
        metric: z.string(),
        labels: z.record(z.string(), z.string()),
        unit: z.string(),
        kind: z.enum(['snapshot', 'window']),
        values: z.array(z.number().nullable()),
        samples: z.array(z.number()).optional(),
      }),
    ),
  }),
};

const findingDetail = responses.finding.extend({
  finding: z.record(z.string(), z.unknown()).describe('the Finding as last uploaded or matched'),
  environments: z.array(
    z.object({ environment: z.string(), first_seen_at: date, last_seen_at: date, fixed_at: nullableDate }),
  ),
  history: z.array(
    z.object({
      environment: z.string().nullable(),
      state: z.enum(['open', 'fixed']),
      at: date,
      scan: z.number().nullable(),
    }),
  ),
  triage_history: z.array(
    z.object({
      state: z.enum(TRIAGE_STATES),
      reason: z.string().nullable(),
      justification: z.string().nullable(),
      expires_at: nullableDate,
      by: z.string(),
      at: date,
    }),
  ),
});

const findingsPage = z.object({
  total: z.number().describe('findings that match, in all'),
  limit: z.number(),
  offset: z.number(),
  findings: z.array(responses.finding),
});

export const responseSchemas = { ...responses, findingDetail, findingsPage };

type Schema = z.ZodType;

function json(schema: Schema): Record<string, unknown> {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

function parameters(schema: z.ZodObject): object[] {
  return Object.entries(schema.shape).map(([name, field]) => ({
    name,
    in: 'query',
    required: !(field as Schema).safeParse(undefined).success,
    schema: json(field as Schema),
    ...((field as Schema).description ? { description: (field as Schema).description } : {}),
  }));
}

const pathParam = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  schema: { type: 'string' },
  description,
});
const projectParam = pathParam('project', 'project name (URL-encode a "/")');
const idParam = (what: string) => ({
  ...pathParam('id', `${what} id`),
  schema: { type: 'integer', minimum: 1 },
});

function ok(description: string, schema?: Schema, type = 'application/json') {
  return schema ? { description, content: { [type]: { schema: json(schema) } } } : { description };
}

const errors = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((s) => [
      String(s),
      ok(
        {
          400: 'bad request: the message says what is wrong',
          401: 'missing, unknown or revoked token',
          403: 'the token lacks the role this needs',
          404: 'not found',
          409: 'conflict',
          413: 'body too large',
          415: 'unsupported content type or encoding',
        }[s] ?? 'error',
        responses.error,
      ),
    ]),
  );

const body = (schema: Schema, description?: string) => ({
  required: true,
  ...(description ? { description } : {}),
  content: { 'application/json': { schema: json(schema) } },
});

function operation(
  summary: string,
  spec: { parameters?: object[]; requestBody?: object; responses: Record<string, unknown>; tags: string[] },
) {
  return { summary, security: [{ bearer: [] }], ...spec };
}

let cached: Record<string, unknown> | undefined;

export function openApiDocument(): Record<string, unknown> {
  cached ??= build();
  return cached;
}

function build(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Palisade server API',
      version: '1',
      description:
        'History of scans and SBOMs per project, branch and environment; finding lifecycle and triage; OpenVEX; security metrics. Every /api/v1 route takes `Authorization: Bearer <token>`; tokens carry viewer, uploader or admin roles per project.',
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    },
    paths: {
      '/healthz': { get: { summary: 'liveness', responses: { 200: { description: 'the process is up' } } } },
      '/readyz': {
        get: {
          summary: 'readiness: migrations done, database reachable, not shutting down',
          responses: { 200: { description: 'ready' }, 503: { description: 'not ready' } },
        },
      },
      '/': {
        get: {
          summary: 'the dashboard (503 with how to build it when its assets are not built)',
          responses: {
            200: ok('the single-page app', undefined, 'text/html'),
            503: { description: 'not built' },
          },
        },
      },
      '/assets/{file}': {
        get: {
          summary: 'a content-hashed asset of the dashboard, cached for a year',
          parameters: [pathParam('file', 'file name as the build wrote it')],
          responses: { 200: { description: 'the file' }, 404: ok('no such asset', responses.error) },
        },
      },
      '/openapi.json': {
        get: { summary: 'this document', responses: { 200: { description: 'OpenAPI 3.1' } } },
      },
      '/metrics': {
        get: operation('Prometheus metrics of the projects the token can read', {
          tags: ['metrics'],
          responses: { 200: ok('text exposition format 0.0.4', z.string(), 'text/plain'), ...errors(401) },
        }),
      },
      '/api/v1/me': {
        get: operation('the calling token', {
          tags: ['tokens'],
          responses: { 200: ok('name and grants'), ...errors(401) },
        }),
      },
      '/api/v1/uploads': {
        post: operation('upload a scan result, CycloneDX BOM or SPDX document (uploader)', {
          tags: ['uploads'],
          parameters: [
            ...parameters(uploadQuery),
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: false,
              schema: { type: 'string', maxLength: 200 },
              description: 'retries with the same key return the first upload instead of storing it twice',
            },
            {
              name: 'Content-Encoding',
              in: 'header',
              required: false,
              schema: { enum: ['gzip', 'identity'] },
            },
          ],
          requestBody: {
            required: true,
            description:
              'the document itself (metadata in the query: project is required; branch defaults to main, environment to ci), or an envelope',
            content: {
              'application/json': {
                schema: {
                  oneOf: [
                    {
                      type: 'object',
                      description: 'ScanResult, CycloneDX 1.4-1.6 JSON or SPDX 2.2/2.3 JSON',
                    },
                    json(uploadEnvelope),
                  ],
                },
              },
            },
          },
          responses: {
            201: ok('stored', responses.upload),
            200: ok('replayed: the Idempotency-Key named an earlier upload', responses.upload),
            ...errors(400, 401, 403, 413, 415),
          },
        }),
      },
      '/api/v1/projects': {
        get: operation('projects the token can read, with open findings by severity', {
          tags: ['projects'],
          responses: {
            200: ok('projects', z.object({ projects: z.array(responses.project) })),
            ...errors(401),
          },
        }),
      },
      '/api/v1/projects/{project}': {
        get: operation('one project', {
          tags: ['projects'],
          parameters: [projectParam],
          responses: { 200: ok('the project', responses.project), ...errors(401, 403, 404) },
        }),
      },
      '/api/v1/projects/{project}/findings': {
        get: operation('findings of a project, riskiest first', {
          tags: ['findings'],
          parameters: [projectParam, ...parameters(findingsQuery)],
          responses: {
            200: ok('a page of findings', findingsPage),
            ...errors(400, 401, 403, 404),
          },
        }),
      },
      '/api/v1/projects/{project}/scans': {
        get: operation('scans of a project, newest first', {
          tags: ['scans'],
          parameters: [projectParam, ...parameters(scansQuery)],
          responses: {
            200: ok('scans', z.object({ scans: z.array(responses.scan) })),
            ...errors(400, 401, 403, 404),
          },
        }),
      },
      '/api/v1/projects/{project}/openvex': {
        get: operation('OpenVEX 0.2.0 document of a branch: triage and fixes as VEX statements', {
          tags: ['findings'],
          parameters: [projectParam, ...parameters(openVexQuery)],
          responses: { 200: ok('OpenVEX', undefined), ...errors(400, 401, 403, 404) },
        }),
      },
      '/api/v1/scans/{id}': {
        get: operation('one scan', {
          tags: ['scans'],
          parameters: [idParam('scan')],
          responses: { 200: ok('the scan', responses.scan), ...errors(400, 401, 403, 404) },
        }),
      },
      '/api/v1/scans/{id}/components': {
        get: operation('components of a scan, by purl', {
          tags: ['scans'],
          parameters: [idParam('scan'), ...parameters(pageQuery)],
          responses: { 200: ok('a page of components'), ...errors(400, 401, 403, 404) },
        }),
      },
      '/api/v1/scans/{id}/document': {
        get: operation('the uploaded document, as sent', {
          tags: ['scans'],
          parameters: [idParam('scan')],
          responses: { 200: ok('the document'), ...errors(400, 401, 403, 404) },
        }),
      },
      '/api/v1/findings': {
        get: operation('findings of every project the token can read, riskiest first', {
          tags: ['findings'],
          parameters: parameters(findingsQuery),
          responses: { 200: ok('a page of findings', findingsPage), ...errors(400, 401) },
        }),
      },
      '/api/v1/findings/{id}': {
        get: operation('one finding with its environments, history and triage history', {
          tags: ['findings'],
          parameters: [idParam('finding')],
          responses: { 200: ok('the finding', findingDetail), ...errors(400, 401, 403, 404) },
        }),
        patch: operation('triage a finding (admin)', {
          tags: ['findings'],
          parameters: [idParam('finding')],
          requestBody: body(triageBody),
          responses: { 200: ok('the finding as triaged', findingDetail), ...errors(400, 401, 403, 404, 413) },
        }),
      },
      '/api/v1/events': {
        post: operation(
          'record events: deployments, rollbacks, failures, incidents, policy changes, drift (uploader)',
          {
            tags: ['events'],
            requestBody: body(eventsBody, 'one event, or an array of up to 1000'),
            responses: {
              201: ok('recorded', z.union([responses.event, z.object({ events: z.array(responses.event) })])),
              ...errors(400, 401, 403, 413),
            },
          },
        ),
        get: operation('events, newest first', {
          tags: ['events'],
          parameters: parameters(eventsQuery),
          responses: { 200: ok('events'), ...errors(400, 401, 403) },
        }),
      },
      '/api/v1/metrics': {
        get: operation('security metrics as time series (docs/metrics.md has the formulas)', {
          tags: ['metrics'],
          parameters: parameters(metricsQuery),
          responses: { 200: ok('series', responses.metrics), ...errors(400, 401, 403) },
        }),
      },
      '/api/v1/notifications': {
        get: operation('notifications sent or pending', {
          tags: ['notifications'],
          parameters: parameters(notificationsQuery),
          responses: { 200: ok('notifications'), ...errors(401, 403) },
        }),
      },
      '/api/v1/rematch': {
        post: operation('re-match every latest scan against the advisories (admin of all projects)', {
          tags: ['admin'],
          responses: { 202: ok('queued', z.object({ job: z.number() })), ...errors(401, 403) },
        }),
      },
      '/api/v1/tokens': {
        get: operation('tokens the caller administers', {
          tags: ['tokens'],
          responses: { 200: ok('tokens', z.object({ tokens: z.array(responses.token) })), ...errors(401) },
        }),
        post: operation('create a token (admin of every project it grants)', {
          tags: ['tokens'],
          requestBody: body(tokenBody),
          responses: {
            201: ok('the token; its value is shown this once', responses.token.extend({ token: z.string() })),
            ...errors(400, 401, 403, 413),
          },
        }),
      },
      '/api/v1/tokens/{id}': {
        delete: operation('revoke a token', {
          tags: ['tokens'],
          parameters: [idParam('token')],
          responses: { 204: { description: 'revoked' }, ...errors(400, 401, 403, 404, 409) },
        }),
      },
    },
  };
}
