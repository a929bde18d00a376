import { z } from 'zod';
import type { IssueList } from './issues.ts';
import { validateDocument, type YamlDocument } from './yaml.ts';

/**
 * A PolicyException exempts matching resources from a policy for a while, with someone answerable
 * for it:
 *
 * ```yaml
 * apiVersion: palisade.dev/v1alpha1
 * kind: PolicyException
 * metadata: { name: legacy-batch-hostpath }
 * spec:
 *   policy: pss-baseline-host-path-volumes   # a name, a list of names, `*` globs allowed
 *   match: { namespaces: [legacy], names: [batch-*], labels: { app: batch } }
 *   owner: platform-team@example.com
 *   reason: the nightly batch reads node logs until LOG-123 moves it to the log shipper
 *   expires: 2026-09-30                       # applies through that day (UTC)
 * ```
 *
 * Every criterion given under `match` must hold (a list matches any of its entries). An expired
 * exception stops applying, and the result says so in a warning.
 */
export interface PolicyException {
  name: string;
  policies: string[];
  namespaces: string[] | undefined;
  names: string[] | undefined;
  kinds: string[] | undefined;
  labels: Record<string, string> | undefined;
  owner: string;
  reason: string;
  /** YYYY-MM-DD. */
  expires: string;
  source: { path: string; line: number };
}

/** An exception that applied to a result. */
export interface AppliedException {
  name: string;
  owner: string;
  reason: string;
  expires: string;
  /** The decision message that replaces the violations. */
  message: string;
}

const date = z.union([
  z.date().transform((d) => d.toISOString().slice(0, 10)),
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date like 2026-12-31'),
]);
const names = z.array(z.string().min(1)).min(1);

const exceptionSchema = z.looseObject({
  apiVersion: z.literal('palisade.dev/v1alpha1'),
  kind: z.literal('PolicyException'),
  metadata: z.looseObject({ name: z.string().min(1) }),
  spec: z.strictObject({
    policy: z.union([z.string().min(1), names]),
    match: z
      .strictObject({
        namespaces: names.optional(),
        names: names.optional(),
        kinds: names.optional(),
        labels: z.record(z.string(), z.string()).optional(),
      })
      .refine((m) => m.namespaces ?? m.names ?? m.kinds ?? m.labels, {
        message:
          'give at least one of namespaces, names, kinds or labels; an exception for everything is no exception',
      }),
    owner: z.string().min(1, 'name who owns this exception'),
    reason: z.string().min(1, 'give the reason for the exception'),
    expires: date,
  }),
});

export function compileException(doc: YamlDocument, issues: IssueList): PolicyException | undefined {
  const validated = validateDocument(doc, exceptionSchema, 'PolicyException');
  if (!validated.ok) {
    for (const problem of validated.problems) issues.error(doc.path, problem.line, problem.message);
    return undefined;
  }
  const { metadata, spec } = validated.value;
  return {
    name: metadata.name,
    policies: typeof spec.policy === 'string' ? [spec.policy] : spec.policy,
    namespaces: spec.match.namespaces,
    names: spec.match.names,
    kinds: spec.match.kinds,
    labels: spec.match.labels,
    owner: spec.owner,
    reason: spec.reason,
    expires: spec.expires,
    source: { path: doc.path, line: doc.line },
  };
}

/** `*` matches any run of characters; everything else is literal. */
export function globMatches(pattern: string, value: string): boolean {
  if (!pattern.includes('*')) return pattern === value;
  const parts = pattern.split('*');
  const first = parts[0] as string;
  const last = parts[parts.length - 1] as string;
  if (!value.startsWith(first) || value.length < first.length + last.length || !value.endsWith(last))
    return false;
  let at = first.length;
  for (const part of parts.slice(1, -1)) {
    const i = value.indexOf(part, at);
    if (i < 0 || i + part.length > value.length - last.length) return false;
    at = i + part.length;
  }
  return true;
}

/** Whether the exception is past its day: it applies through `expires`, UTC. */
export function isExpired(exception: Pick<PolicyException, 'expires'>, now: Date): boolean {
  return now.getTime() >= Date.parse(`${exception.expires}T00:00:00Z`) + 24 * 60 * 60 * 1000;
}

export interface ExceptionTarget {
  kind: string;
  namespace: string;
  name: string;
  labels: Readonly<Record<string, string>>;
}

function matchesTarget(e: PolicyException, policy: string, target: ExceptionTarget): boolean {
  if (!e.policies.some((p) => globMatches(p, policy))) return false;
  if (e.namespaces && !e.namespaces.some((p) => globMatches(p, target.namespace))) return false;
  if (e.names && !e.names.some((p) => globMatches(p, target.name))) return false;
  if (e.kinds && !e.kinds.includes(target.kind)) return false;
  if (e.labels && !Object.entries(e.labels).every(([k, v]) => target.labels[k] === v)) return false;
  return true;
}

/** The first unexpired exception for (policy, target), and warnings for expired ones that would have applied. */
export function matchException(
  exceptions: readonly PolicyException[],
  policy: string,
  target: ExceptionTarget,
  now: Date,
): { applied: AppliedException | undefined; warnings: string[] } {
  const warnings: string[] = [];
  let applied: AppliedException | undefined;
  for (const e of exceptions) {
    if (!matchesTarget(e, policy, target)) continue;
    if (isExpired(e, now)) {
      warnings.push(
        `PolicyException '${e.name}' (owner ${e.owner}) expired on ${e.expires} and no longer exempts this resource from ${policy}`,
      );
      continue;
    }
    applied ??= {
      name: e.name,
      owner: e.owner,
      reason: e.reason,
      expires: e.expires,
      message: `excepted by PolicyException '${e.name}' (owner ${e.owner}, until ${e.expires}): ${e.reason}`,
    };
  }
  return { applied, warnings };
}

/** Exceptions past their expiry, for lint and reports: each should be renewed or removed. */
export function expiredExceptions(exceptions: readonly PolicyException[], now: Date): PolicyException[] {
  return exceptions.filter((e) => isExpired(e, now));
}
