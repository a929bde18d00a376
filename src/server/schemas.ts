// Request shapes of the API, each defined once: routes validate with them and /openapi.json is
// generated from them.
import { z } from 'zod';
import { SEVERITIES } from '../model/index.ts';
import { EVENT_KINDS, ROLES, TRIAGE_STATES, VEX_JUSTIFICATIONS } from '../store/schema.ts';

export const projectName = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._\-/]{0,127}$/,
    'a project name is 1-128 letters, digits, ".", "_", "-" or "/", starting with a letter or digit',
  );
export const branchName = z
  .string()
  .min(1)
  .max(255)
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused.
  .regex(/^[^\u0000-\u001f\u007f]+$/, 'a branch name has no control characters');
export const environmentName = z
  .string()
  .regex(
    /^[a-z][a-z0-9_-]{0,31}$/,
    'an environment is 1-32 lowercase letters, digits, "_" or "-" (ci, staging, prod…)',
  );
export const commitId = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,128}$/, 'a commit is a hash or tag of letters, digits, ".", "_", "-"');

const booleanText = z.enum(['true', 'false']).transform((v) => v === 'true');
const isoDate = z.iso.datetime({ offset: true });
/** `a,b,c` in a query string, each checked against `values`. */
const csv = <const T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(values)));

export const uploadQuery = z.object({
  project: projectName.optional(),
  branch: branchName.optional(),
  environment: environmentName.optional(),
  commit: commitId.optional(),
  complete: booleanText.optional(),
});

/** A body that carries its metadata beside the document (instead of query parameters). */
export const uploadEnvelope = z.object({
  project: projectName,
  branch: branchName.optional(),
  environment: environmentName.optional(),
  commit: commitId.optional(),
  complete: z.boolean().optional(),
  document: z
    .record(z.string(), z.unknown())
    .describe('a palisade scan result, CycloneDX JSON BOM or SPDX JSON document'),
});

export const eventBody = z
  .object({
    project: projectName,
    kind: z.enum(EVENT_KINDS),
    at: isoDate.optional().describe('when it happened; default: when it is received'),
    environment: environmentName.optional(),
    commit: commitId.optional(),
    subject: z.string().min(1).max(500).optional().describe('the policy, drifting resource or incident'),
    security: z.boolean().optional().describe('a deployment that ships a security fix'),
    targets: z
      .array(environmentName)
      .max(100)
      .optional()
      .describe('policy_created: environments to enforce it in'),
    data: z.record(z.string(), z.unknown()).optional(),
  })
  .superRefine((e, ctx) => {
    const need = (field: 'environment' | 'subject', why: string) => {
      if (e[field] === undefined)
        ctx.addIssue({ code: 'custom', path: [field], message: `required for ${e.kind} events: ${why}` });
    };
    if (e.kind === 'deployment' || e.kind === 'rollback') need('environment', 'where it was deployed');
    if (e.kind.startsWith('policy_')) need('subject', 'the policy name');
    if (e.kind === 'policy_enforced') need('environment', 'where it is enforced');
    if (e.kind.startsWith('drift_')) need('subject', 'the drifting resource');
  });

export const eventsBody = z.union([eventBody, z.array(eventBody).min(1).max(1000)]);

export const triageBody = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('accepted_risk'),
    reason: z.string().min(1).max(2000),
    expiresAt: isoDate.describe('the acceptance ends then and the finding counts as open again'),
  }),
  z.object({ state: z.literal('false_positive'), reason: z.string().min(1).max(2000) }),
  z.object({
    state: z.literal('not_affected'),
    justification: z.enum(VEX_JUSTIFICATIONS),
    reason: z.string().max(2000).optional(),
  }),
  z.object({ state: z.literal('none'), reason: z.string().max(2000).optional() }),
]);

export const tokenBody = z.object({
  name: z.string().min(1).max(200),
  grants: z
    .array(
      z.object({
        project: projectName.nullable().optional().describe('omitted or null: every project'),
        role: z.enum(ROLES),
      }),
    )
    .min(1)
    .max(100),
});

export const findingsQuery = z.object({
  branch: branchName.optional(),
  status: z.enum(['open', 'fixed', 'all']).default('open'),
  severity: csv(SEVERITIES).optional(),
  kind: csv(['vulnerability', 'secret', 'misconfiguration', 'code', 'integrity']).optional(),
  triage: csv(TRIAGE_STATES).optional(),
  kev: booleanText.optional(),
  reachability: csv(['unreachable', 'imported', 'function-reachable', 'unknown']).optional(),
  q: z
    .string()
    .max(200)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused.
    .regex(/^[^\u0000-\u001f\u007f]*$/, 'a search has no control characters (PostgreSQL refuses NUL)')
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const notificationsQuery = pageQuery.extend({ project: projectName.optional() });

export const scansQuery = pageQuery.extend({
  branch: branchName.optional(),
  environment: environmentName.optional(),
});

export const eventsQuery = z.object({
  project: projectName.optional(),
  kind: csv(EVENT_KINDS).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const metricsQuery = z.object({
  project: projectName.optional().describe('omitted: the portfolio (every project the token can read)'),
  from: isoDate.optional().describe('default: 30 days before `to`'),
  to: isoDate.optional().describe('default: now'),
  interval: z.enum(['hour', 'day', 'week']).default('day'),
});

export const openVexQuery = z.object({
  branch: branchName.default('main'),
  author: z.string().min(1).max(200).optional(),
});

export { isoDate };
