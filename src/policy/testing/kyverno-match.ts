import { z } from 'zod';
import { selectorMatcher } from '../vap/match.ts';
import type { LabelSelector } from '../vap/schema.ts';
import { anyWildcard, type ObjectFacts, wildcard } from './foreign.ts';

// Kyverno's `match` and `exclude` blocks (kyverno.io/v1 MatchResources) as JavaScript matchers.

const selectorSchema = z.looseObject({
  matchLabels: z.record(z.string(), z.string()).optional(),
  matchExpressions: z
    .array(z.looseObject({ key: z.string(), operator: z.string(), values: z.array(z.string()).optional() }))
    .optional(),
});

export const resourceFilterSchema = z.looseObject({
  kinds: z.array(z.string()).optional(),
  name: z.string().optional(),
  names: z.array(z.string()).optional(),
  namespaces: z.array(z.string()).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
  selector: selectorSchema.optional(),
  namespaceSelector: selectorSchema.optional(),
  operations: z.array(z.string()).optional(),
});
export type ResourceFilter = z.infer<typeof resourceFilterSchema>;

const userFilter = {
  subjects: z.array(z.unknown()).optional(),
  roles: z.array(z.string()).optional(),
  clusterRoles: z.array(z.string()).optional(),
};

const filterEntrySchema = z.looseObject({ resources: resourceFilterSchema.optional(), ...userFilter });

export const matchBlockSchema = z.looseObject({
  any: z.array(filterEntrySchema).optional(),
  all: z.array(filterEntrySchema).optional(),
  resources: resourceFilterSchema.optional(),
  ...userFilter,
});
export type MatchBlock = z.infer<typeof matchBlockSchema>;

type FactsMatcher = (facts: ObjectFacts) => boolean;

/** The resource filters of a block with how they combine, or why Palisade cannot evaluate it. */
export function filtersOf(block: MatchBlock): { mode: 'any' | 'all'; filters: ResourceFilter[] } | string {
  const entries = [block, ...(block.any ?? []), ...(block.all ?? [])];
  if (entries.some((e) => e.subjects?.length || e.roles?.length || e.clusterRoles?.length)) {
    return 'it matches on subjects, roles or clusterRoles, which need the cluster’s RBAC';
  }
  if (block.any?.length) return { mode: 'any', filters: block.any.map((e) => e.resources ?? {}) };
  if (block.all?.length) return { mode: 'all', filters: block.all.map((e) => e.resources ?? {}) };
  return { mode: 'any', filters: block.resources ? [block.resources] : [] };
}

/** `Pod`, `v1/Pod`, `apps/v1/Deployment`, `*`, `Pod/exec` as Kyverno reads a kind selector. */
function kindMatcher(selector: string): FactsMatcher {
  const parts = selector.split('/');
  const at = parts.findLastIndex((p) => p === '*' || /^[A-Z]/.test(p));
  if (at < 0 || at < parts.length - 1) return () => false; // a subresource: manifests have none
  const kind = wildcard(parts[at] as string);
  const before = parts.slice(0, at);
  const group = before.length === 2 ? wildcard(before[0] as string) : () => true;
  const version = before.length >= 1 ? wildcard(before[before.length - 1] as string) : () => true;
  return (f) => kind(f.kind) && group(f.group) && version(f.version);
}

function filterMatcher(filter: ResourceFilter): FactsMatcher {
  const checks: FactsMatcher[] = [];
  if (filter.kinds?.length) {
    const kinds = filter.kinds.map(kindMatcher);
    checks.push((f) => kinds.some((k) => k(f)));
  }
  const names = [...(filter.name ? [filter.name] : []), ...(filter.names ?? [])];
  if (names.length) {
    const name = anyWildcard(names);
    checks.push((f) => name(f.name));
  }
  if (filter.namespaces?.length) {
    const namespace = anyWildcard(filter.namespaces);
    checks.push((f) => namespace(f.isNamespace ? f.name : f.namespace));
  }
  for (const [key, pattern] of Object.entries(filter.annotations ?? {})) {
    const value = wildcard(pattern);
    checks.push((f) => Object.hasOwn(f.annotations, key) && value(f.annotations[key] as string));
  }
  if (filter.selector) {
    const selector = selectorMatcher(filter.selector as LabelSelector);
    checks.push((f) => selector(f.labels));
  }
  if (filter.namespaceSelector) {
    const selector = selectorMatcher(filter.namespaceSelector as LabelSelector);
    checks.push((f) => (f.namespaced || f.isNamespace) && selector(f.namespaceLabels));
  }
  if (filter.operations?.length) {
    const operations = new Set(filter.operations);
    checks.push((f) => operations.has(f.operation));
  }
  return (f) => checks.every((check) => check(f));
}

function blockMatcher(mode: 'any' | 'all', filters: readonly ResourceFilter[], empty: boolean): FactsMatcher {
  if (filters.length === 0) return () => empty;
  const matchers = filters.map(filterMatcher);
  return mode === 'any' ? (f) => matchers.some((m) => m(f)) : (f) => matchers.every((m) => m(f));
}

/** A rule applies when `match` matches and `exclude` does not; a namespaced Policy only sees its own namespace. */
export function ruleMatcher(
  match: { mode: 'any' | 'all'; filters: ResourceFilter[] },
  exclude: { mode: 'any' | 'all'; filters: ResourceFilter[] } | undefined,
  policyNamespace: string | undefined,
): FactsMatcher {
  const matches = blockMatcher(match.mode, match.filters, false);
  const excludes = exclude ? blockMatcher(exclude.mode, exclude.filters, false) : () => false;
  return (f) =>
    (policyNamespace === undefined || f.namespace === policyNamespace) && matches(f) && !excludes(f);
}
