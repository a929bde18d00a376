import type { LabelSelector, MatchResources, ResourceRule } from './schema.ts';

/** What admission matching needs to know about a request; computed once per resource. */
export interface MatchTarget {
  group: string;
  version: string;
  resource: string;
  subresource: string;
  operation: string;
  namespaced: boolean;
  name: string;
  /** Labels of the namespace, or of the object itself when it is a Namespace. */
  namespaceLabels: Readonly<Record<string, string>>;
  /** Labels of the object and (on UPDATE/DELETE) the old object. */
  objectLabels: readonly Readonly<Record<string, string>>[];
  isNamespace: boolean;
  /**
   * A resource that is not a Kubernetes object (a Dockerfile, a Terraform block): only rules that
   * name its API group match it, never `apiGroups: ["*"]`, so a cluster policy written for every
   * Kubernetes kind is not run on inputs it was never written for.
   */
  requiresExplicitGroup?: boolean;
}

export type Matcher = (target: MatchTarget) => boolean;

/** Compiles a label selector; an absent or empty selector matches everything. */
export function selectorMatcher(
  selector: LabelSelector | undefined,
): (labels: Readonly<Record<string, string>>) => boolean {
  if (!selector) return MATCH_ALL;
  const checks: ((labels: Readonly<Record<string, string>>) => boolean)[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    checks.push((labels) => Object.hasOwn(labels, key) && labels[key] === value);
  }
  for (const expr of selector.matchExpressions ?? []) {
    const values = new Set(expr.values ?? []);
    const has = (labels: Readonly<Record<string, string>>): boolean => Object.hasOwn(labels, expr.key);
    switch (expr.operator) {
      case 'In':
        checks.push((labels) => has(labels) && values.has(labels[expr.key] as string));
        break;
      case 'NotIn':
        checks.push((labels) => !has(labels) || !values.has(labels[expr.key] as string));
        break;
      case 'Exists':
        checks.push(has);
        break;
      case 'DoesNotExist':
        checks.push((labels) => !has(labels));
        break;
    }
  }
  if (checks.length === 0) return MATCH_ALL;
  return (labels) => checks.every((check) => check(labels));
}

const MATCH_ALL = (): boolean => true;

function listMatcher(values: readonly string[] | undefined): (value: string) => boolean {
  if (!values || values.includes('*')) return () => true;
  const set = new Set(values);
  return (value) => set.has(value);
}

/** `pods`, `pods/status`, `*`, `*\/scale`, `pods/*`, `*\/*` as the API server reads them. */
function resourceMatcher(
  resources: readonly string[] | undefined,
): (resource: string, sub: string) => boolean {
  const patterns = (resources ?? []).map((r) => {
    const slash = r.indexOf('/');
    return slash < 0 ? { res: r, sub: '' } : { res: r.slice(0, slash), sub: r.slice(slash + 1) };
  });
  return (resource, sub) =>
    patterns.some((p) => (p.res === '*' || p.res === resource) && (p.sub === '*' || p.sub === sub));
}

function ruleMatcher(rule: ResourceRule, ignoreVersion: boolean, ignoreNames = false): Matcher {
  const operation = listMatcher(rule.operations);
  const group = listMatcher(rule.apiGroups);
  const namedGroups = new Set(rule.apiGroups ?? []);
  const version = ignoreVersion ? () => true : listMatcher(rule.apiVersions);
  const resource = resourceMatcher(rule.resources);
  const names =
    !ignoreNames && rule.resourceNames && rule.resourceNames.length > 0
      ? new Set(rule.resourceNames)
      : undefined;
  const scope = rule.scope ?? '*';
  return (t) =>
    operation(t.operation) &&
    (t.requiresExplicitGroup ? namedGroups.has(t.group) : group(t.group)) &&
    version(t.version) &&
    resource(t.resource, t.subresource) &&
    (scope === '*' || (scope === 'Namespaced') === t.namespaced) &&
    (!names || names.has(t.name));
}

/**
 * Compiles `matchConstraints` (or a binding's `matchResources`). `requireRules` is the policy
 * case: without resource rules nothing matches; a binding without them matches all its policy
 * matched. Equivalent matching (the default) ignores the API version, since the API server would
 * convert the object to the version the rule names.
 */
export function matchResourcesMatcher(match: MatchResources | undefined, requireRules: boolean): Matcher {
  if (!match) return requireRules ? () => false : () => true;
  const ignoreVersion = (match.matchPolicy ?? 'Equivalent') === 'Equivalent';
  const rules = (match.resourceRules ?? []).map((r) => ruleMatcher(r, ignoreVersion));
  const excludes = (match.excludeResourceRules ?? []).map((r) => ruleMatcher(r, ignoreVersion));
  const namespaceSelector = selectorMatcher(match.namespaceSelector);
  const objectSelector = selectorMatcher(match.objectSelector);
  const noRules = rules.length === 0;
  // Most policies select by resource alone: their matcher reads no labels at all.
  const bySelectors = namespaceSelector !== MATCH_ALL || objectSelector !== MATCH_ALL;
  return (t) => {
    if (noRules ? requireRules : !rules.some((r) => r(t))) return false;
    if (excludes.length > 0 && excludes.some((r) => r(t))) return false;
    if (!bySelectors) return true;
    // Cluster-scoped objects other than namespaces are never skipped by a namespace selector.
    if ((t.namespaced || t.isNamespace) && !namespaceSelector(t.namespaceLabels)) return false;
    return t.objectLabels.length === 0 ? objectSelector({}) : t.objectLabels.some(objectSelector);
  };
}

/**
 * A necessary condition of `matchResourcesMatcher(match, true)` that reads only what every request
 * of one kind shares (group, version, resource, subresource, operation, scope): a policy for which
 * it is false can be skipped for all such requests without looking at names or labels.
 */
export function resourceRulesMatcher(match: MatchResources | undefined): Matcher {
  if (!match?.resourceRules?.length) return () => false;
  const ignoreVersion = (match.matchPolicy ?? 'Equivalent') === 'Equivalent';
  const rules = match.resourceRules.map((r) => ruleMatcher(r, ignoreVersion, true));
  return (t) => rules.some((r) => r(t));
}
