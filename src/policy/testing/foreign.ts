import { describeError, isPalisadeError } from '../../model/index.ts';
import { formatIssue, IssueList } from '../issues.ts';
import { type CompiledBinding, type CompiledPolicy, compilePolicy } from '../vap/compile.ts';
import { evaluatePolicies, type PolicyResult } from '../vap/evaluate.ts';
import type { AdmissionInput } from '../vap/request.ts';
import { resourceFor, splitApiVersion } from '../vap/resources.ts';
import type { YamlDocument } from '../yaml.ts';

/**
 * A policy of another engine (a Gatekeeper template with its constraint, a Kyverno rule) run as
 * a ValidatingAdmissionPolicy that matches every resource, behind the other engine's own match
 * rules (`applies`), which do not map onto admission resource rules one to one.
 */
export interface ForeignPolicy {
  readonly policy: CompiledPolicy;
  readonly bindings: readonly CompiledBinding[];
  readonly applies: (facts: ObjectFacts) => boolean;
}

/** What the match rules of Gatekeeper and Kyverno look at, read once from a request. */
export interface ObjectFacts {
  group: string;
  version: string;
  kind: string;
  name: string;
  /** '' for cluster-scoped objects. */
  namespace: string;
  namespaced: boolean;
  labels: Readonly<Record<string, string>>;
  annotations: Readonly<Record<string, string>>;
  /** Labels of the object's namespace (of the object itself for a Namespace). */
  namespaceLabels: Readonly<Record<string, string>>;
  isNamespace: boolean;
  operation: string;
}

/** Every resource, every operation: the foreign policy's own `applies` does the matching. */
export const ALL_RESOURCES = {
  resourceRules: [{ apiGroups: ['*'], apiVersions: ['*'], resources: ['*'], operations: ['*'] }],
};

/**
 * Compiles a built ValidatingAdmissionPolicy document. A foreign policy that does not compile is
 * one Palisade cannot run (it calls a function of the other engine's own CEL libraries, say):
 * the reason, with the line in the user's file, is returned instead.
 */
export function compileForeign(doc: YamlDocument): CompiledPolicy | string {
  const issues = new IssueList();
  const compiled = compilePolicy(doc, issues);
  const first = issues.firstError();
  if (compiled && !first) return compiled;
  return `does not compile on Palisade's CEL environment: ${first ? formatIssue(first) : 'unknown error'}`;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(record(value))) if (typeof v === 'string') out[k] = v;
  return out;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/**
 * The facts of an admission input. Namespaced objects without a namespace land in `default`, as
 * in the rest of Palisade, unless `keepEmptyNamespace` (gator takes the namespace as written).
 */
export function objectFacts(input: AdmissionInput, keepEmptyNamespace = false): ObjectFacts {
  const object = record(input.object ?? input.oldObject);
  const apiVersion = text(object.apiVersion);
  const kind = text(object.kind);
  const metadata = record(object.metadata);
  const { group, version } = splitApiVersion(apiVersion);
  const namespaced = resourceFor(apiVersion, kind).namespaced;
  const written = input.namespace || text(metadata.namespace);
  const namespace = namespaced ? written || (keepEmptyNamespace ? '' : 'default') : '';
  const isNamespace = kind === 'Namespace' && group === '';
  const name = text(metadata.name) || text(metadata.generateName);
  const namespaceLabels = isNamespace
    ? { ...stringMap(metadata.labels), 'kubernetes.io/metadata.name': name }
    : {
        ...stringMap(record(record(input.namespaceObject).metadata).labels),
        'kubernetes.io/metadata.name': namespace,
      };
  return {
    group,
    version,
    kind,
    name,
    namespace,
    namespaced,
    labels: stringMap(metadata.labels),
    annotations: stringMap(metadata.annotations),
    namespaceLabels,
    isNamespace,
    operation:
      input.operation ?? (input.object === undefined ? 'DELETE' : input.oldObject ? 'UPDATE' : 'CREATE'),
  };
}

/** A glob as Gatekeeper and Kyverno write them: `*` any run of characters, `?` one character. */
export function wildcard(pattern: string): (value: string) => boolean {
  if (!/[*?]/.test(pattern)) return (value) => value === pattern;
  const source = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  const re = new RegExp(`^${source}$`, 's');
  return (value) => re.test(value);
}

/** Any of the patterns matches; an absent list matches everything. */
export function anyWildcard(patterns: readonly string[] | undefined): (value: string) => boolean {
  if (patterns === undefined) return () => true;
  const matchers = patterns.map(wildcard);
  return (value) => matchers.some((m) => m(value));
}

export type ForeignOutcome =
  | { applied: false }
  | { applied: true; results: PolicyResult[] }
  | { applied: true; error: string };

/** Runs a foreign policy on one input: not applied, the results (none when a match condition is false), or the error. */
export function runForeign(
  foreign: ForeignPolicy,
  input: AdmissionInput,
  params: readonly unknown[],
  facts: ObjectFacts = objectFacts(input),
): ForeignOutcome {
  if (!foreign.applies(facts)) return { applied: false };
  try {
    const set = { policies: [foreign.policy], bindings: foreign.bindings };
    return { applied: true, results: evaluatePolicies(set, input, { params }) };
  } catch (error) {
    if (!isPalisadeError(error)) throw error;
    return { applied: true, error: describeError(error) };
  }
}
