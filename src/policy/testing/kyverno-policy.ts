import { z } from 'zod';
import { IssueList } from '../issues.ts';
import { compilePolicyText, emptyBundle } from '../load.ts';
import { compileBinding } from '../vap/compile.ts';
import type { YamlDocument, YamlPath } from '../yaml.ts';
import { derivedDocument, listOrigin } from './derived-document.ts';
import { ALL_RESOURCES, compileForeign, type ForeignPolicy } from './foreign.ts';
import {
  filtersOf,
  type MatchBlock,
  matchBlockSchema,
  type ResourceFilter,
  ruleMatcher,
} from './kyverno-match.ts';

/** One rule of a Kyverno policy: the rule and its pod-controller variants, or why it cannot run. */
export interface KyvernoRule {
  name: string;
  variants: { name: string; foreign: ForeignPolicy }[] | string;
}

export interface KyvernoPolicy {
  /** `name`, or `namespace/name` for a namespaced Policy, as kyverno-test results name it. */
  name: string;
  kind: string;
  /** `policies.kyverno.io/scored: "false"`: failures are reported as warn. */
  scored: boolean;
  /** By rule name; ValidatingPolicy and ValidatingAdmissionPolicy have one rule named ''. */
  rules: Map<string, KyvernoRule>;
}

const celSchema = z.looseObject({
  expressions: z.array(z.unknown()).optional(),
  variables: z.array(z.unknown()).optional(),
  auditAnnotations: z.array(z.unknown()).optional(),
  paramKind: z.unknown().optional(),
  paramRef: z.unknown().optional(),
});

const ruleSchema = z.looseObject({
  name: z.string().min(1),
  match: matchBlockSchema.optional(),
  exclude: matchBlockSchema.optional(),
  context: z.array(z.unknown()).optional(),
  preconditions: z.unknown().optional(),
  celPreconditions: z.array(z.unknown()).optional(),
  validate: z.record(z.string(), z.unknown()).optional(),
  mutate: z.unknown().optional(),
  generate: z.unknown().optional(),
  verifyImages: z.unknown().optional(),
});
type Rule = z.infer<typeof ruleSchema>;

const policySchema = z.looseObject({
  apiVersion: z.string().startsWith('kyverno.io/'),
  kind: z.enum(['ClusterPolicy', 'Policy']),
  metadata: z.looseObject({
    name: z.string().min(1),
    namespace: z.string().optional(),
    annotations: z.record(z.string(), z.string()).optional(),
  }),
  spec: z.looseObject({ rules: z.array(ruleSchema).default([]) }),
});

const AUTOGEN_ANNOTATION = 'pod-policies.kyverno.io/autogen-controllers';
const CONTROLLERS = ['DaemonSet', 'Deployment', 'Job', 'StatefulSet', 'ReplicaSet', 'ReplicationController'];
const VALIDATE_KINDS = ['pattern', 'anyPattern', 'deny', 'foreach', 'podSecurity', 'manifests', 'assert'];

/** Kyverno's CEL autogen (pkg/autogen): the pod paths of each expression moved into the template. */
const POD_PATHS: readonly [string, string][] = [
  ['object.spec', 'object.spec.template.spec'],
  ['oldObject.spec', 'oldObject.spec.template.spec'],
  ['object.metadata', 'object.spec.template.metadata'],
  ['oldObject.metadata', 'oldObject.spec.template.metadata'],
];
const CRONJOB_PATHS: readonly [string, string][] = POD_PATHS.map(([from, to]) => [
  from,
  to.replace('.spec.template.', '.spec.jobTemplate.spec.template.'),
]);

/** Loads the Kyverno policies, ValidatingPolicies and ValidatingAdmissionPolicies of one file. */
export function loadKyvernoPolicies(docs: readonly YamlDocument[], text: string): KyvernoPolicy[] {
  const out: KyvernoPolicy[] = [];
  for (const doc of docs) {
    const value = doc.value as { kind?: unknown; apiVersion?: unknown };
    if (value.kind === 'ClusterPolicy' || value.kind === 'Policy') out.push(kyvernoPolicy(doc));
    else if (value.kind === 'ValidatingPolicy') out.push(validatingPolicy(doc));
  }
  out.push(...admissionPolicies(docs[0]?.path ?? '', text));
  return out;
}

function kyvernoPolicy(doc: YamlDocument): KyvernoPolicy {
  const parsed = policySchema.safeParse(doc.value);
  if (!parsed.success) {
    const name = (doc.value as { metadata?: { name?: string } }).metadata?.name ?? `${doc.path}:${doc.line}`;
    return { name, kind: 'ClusterPolicy', scored: true, rules: new Map() };
  }
  const { metadata, spec, kind } = parsed.data;
  const namespace = kind === 'Policy' ? (metadata.namespace ?? 'default') : undefined;
  const controllers = autogenControllers(spec.rules, metadata.annotations?.[AUTOGEN_ANNOTATION]);
  const rules = new Map<string, KyvernoRule>();
  spec.rules.forEach((rule, r) => {
    rules.set(rule.name, { name: rule.name, variants: ruleVariants(doc, rule, r, namespace, controllers) });
  });
  return {
    name: namespace === undefined ? metadata.name : `${namespace}/${metadata.name}`,
    kind,
    scored: metadata.annotations?.['policies.kyverno.io/scored'] !== 'false',
    rules,
  };
}

/** Why a rule is not a CEL validation rule Palisade can run, if it is not one. */
function unsupported(rule: Rule): string | undefined {
  const other = rule.mutate
    ? 'mutate'
    : rule.generate
      ? 'generate'
      : rule.verifyImages
        ? 'verifyImages'
        : undefined;
  if (other)
    return `rule '${rule.name}' is a ${other} rule; Palisade runs validation rules (validate.cel) only`;
  const validate = rule.validate ?? {};
  const kind = VALIDATE_KINDS.find((k) => validate[k] !== undefined);
  if (!kind && validate.cel !== undefined && !celSchema.safeParse(validate.cel).success) {
    return `rule '${rule.name}' has a validate.cel that is not an object of expressions`;
  }
  if (kind || validate.cel === undefined) {
    return `rule '${rule.name}' uses validate.${kind ?? '(none)'}, Kyverno's own language; Palisade runs validate.cel only`;
  }
  if (rule.context?.length)
    return `rule '${rule.name}' loads context entries (API calls, ConfigMaps), which need a cluster`;
  if (rule.preconditions !== undefined)
    return `rule '${rule.name}' has JMESPath preconditions; Palisade runs celPreconditions only`;
  return undefined;
}

function ruleVariants(
  doc: YamlDocument,
  rule: Rule,
  r: number,
  namespace: string | undefined,
  controllers: readonly string[],
): KyvernoRule['variants'] {
  const why = unsupported(rule);
  if (why) return why;
  const match = filtersOf(rule.match ?? {});
  const exclude = rule.exclude ? filtersOf(rule.exclude) : undefined;
  if (typeof match === 'string' || typeof exclude === 'string') return `rule '${rule.name}': ${match}`;
  const base: YamlPath = ['spec', 'rules', r];
  const compile = (
    name: string,
    kinds: readonly string[] | undefined,
    paths: readonly (readonly [string, string])[],
  ): { name: string; foreign: ForeignPolicy } | string => {
    const built = ruleDocument(doc, rule, base, name, paths);
    const policy = compileForeign(built.policy);
    if (typeof policy === 'string') return `rule '${rule.name}' ${policy}`;
    const bindings = built.binding ? bindingOf(built.binding) : [];
    if (typeof bindings === 'string') return `rule '${rule.name}' ${bindings}`;
    const withKinds = (f: { mode: 'any' | 'all'; filters: ResourceFilter[] }) =>
      kinds
        ? { ...f, filters: f.filters.map((x) => (hasPod(x.kinds) ? { ...x, kinds: [...kinds] } : x)) }
        : f;
    const applies = ruleMatcher(withKinds(match), exclude && withKinds(exclude), namespace);
    return { name, foreign: { policy, bindings, applies } };
  };
  const variants = [compile(rule.name, undefined, [])];
  const podControllers = controllers.filter((c) => c !== 'CronJob');
  if (hasPod(match.filters.flatMap((f) => f.kinds ?? []))) {
    if (podControllers.length > 0)
      variants.push(compile(autogenName('autogen', rule.name), podControllers, POD_PATHS));
    if (controllers.includes('CronJob'))
      variants.push(compile(autogenName('autogen-cronjob', rule.name), ['CronJob'], CRONJOB_PATHS));
  }
  const failed = variants.find((v) => typeof v === 'string');
  return typeof failed === 'string' ? failed : (variants as { name: string; foreign: ForeignPolicy }[]);
}

function autogenName(prefix: string, name: string): string {
  return `${prefix}-${name}`.slice(0, 63);
}

function hasPod(kinds: readonly string[] | undefined): boolean {
  return (kinds ?? []).some((k) => k === 'Pod' || k.endsWith('/Pod'));
}

/**
 * Kyverno's CanAutoGen: rules for Pods also apply to the pod controllers, unless a rule selects
 * by name, labels or annotations or mixes Pods with other kinds; the annotation narrows the list.
 */
function autogenControllers(rules: readonly Rule[], annotation: string | undefined): string[] {
  if (annotation === 'none' || rules.some((r) => r.generate)) return [];
  const filters = rules.flatMap((rule) =>
    [rule.match, rule.exclude].flatMap((block) => {
      const found = block ? filtersOf(block as MatchBlock) : undefined;
      return found === undefined || typeof found === 'string' ? [] : found.filters;
    }),
  );
  const all = [...CONTROLLERS, 'CronJob'];
  if (filters.some(blocksAutogen)) return [];
  if (!filters.some((f) => hasPod(f.kinds) || (f.kinds ?? []).some((k) => all.includes(k)))) return [];
  if (annotation === undefined || annotation === '' || annotation === 'all') return all;
  return annotation
    .split(',')
    .map((s) => s.trim())
    .filter((s) => all.includes(s));
}

/** A filter by name, labels or annotations may not fit the controller; Pods mixed with other kinds neither. */
function blocksAutogen(f: ResourceFilter): boolean {
  return Boolean(
    f.name ||
      f.names?.length ||
      f.selector ||
      f.annotations ||
      ((f.kinds?.length ?? 0) > 1 && hasPod(f.kinds)),
  );
}

function rewrite(value: unknown, paths: readonly (readonly [string, string])[]): unknown {
  if (paths.length === 0) return value;
  if (typeof value === 'string') return paths.reduce((s, [from, to]) => s.replaceAll(from, to), value);
  if (Array.isArray(value)) return value.map((v) => rewrite(v, paths));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewrite(v, paths)]));
  }
  return value;
}

/** The rule's `validate.cel` as a ValidatingAdmissionPolicy (and a binding, for a paramRef). */
function ruleDocument(
  doc: YamlDocument,
  rule: Rule,
  base: YamlPath,
  name: string,
  paths: readonly (readonly [string, string])[],
): { policy: YamlDocument; binding: YamlDocument | undefined } {
  const cel = celSchema.parse(rule.validate?.cel ?? {});
  const celPath = [...base, 'validate', 'cel'];
  const spec = rewrite(
    {
      ...(cel.paramKind ? { paramKind: cel.paramKind } : {}),
      matchConstraints: ALL_RESOURCES,
      ...(rule.celPreconditions ? { matchConditions: rule.celPreconditions } : {}),
      ...(cel.variables ? { variables: cel.variables } : {}),
      validations: cel.expressions ?? [],
      ...(cel.auditAnnotations ? { auditAnnotations: cel.auditAnnotations } : {}),
    },
    paths,
  );
  const value = {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicy',
    metadata: { name },
    spec,
  };
  const origin = listOrigin({
    validations: { base: [...celPath, 'expressions'] },
    variables: { base: [...celPath, 'variables'] },
    auditAnnotations: { base: [...celPath, 'auditAnnotations'] },
    matchConditions: { base: [...base, 'celPreconditions'] },
  });
  const policy = derivedDocument(doc, value, origin, base);
  if (!cel.paramRef) return { policy, binding: undefined };
  const binding = {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicyBinding',
    metadata: { name },
    spec: { policyName: name, paramRef: cel.paramRef, validationActions: ['Deny'] },
  };
  return {
    policy,
    binding: derivedDocument(doc, binding, () => [...celPath, 'paramRef'], [...celPath, 'paramRef']),
  };
}

function bindingOf(doc: YamlDocument): ForeignPolicy['bindings'] | string {
  const issues = new IssueList();
  const binding = compileBinding(doc, issues);
  const first = issues.firstError();
  return binding && !first
    ? [binding]
    : `has a paramRef Palisade cannot read: ${first?.message ?? 'invalid'}`;
}

/**
 * A Kyverno ValidatingPolicy (policies.kyverno.io): ValidatingAdmissionPolicy-shaped, so it runs
 * as one; the fields only Kyverno reads (validationActions, evaluation, autogen, webhook
 * configuration) are left out.
 */
function validatingPolicy(doc: YamlDocument): KyvernoPolicy {
  const value = doc.value as { metadata?: { name?: string }; spec?: Record<string, unknown> };
  const name = value.metadata?.name ?? `${doc.path}:${doc.line}`;
  const spec = value.spec ?? {};
  const keep = [
    'paramKind',
    'matchConstraints',
    'matchConditions',
    'variables',
    'validations',
    'auditAnnotations',
    'failurePolicy',
  ];
  const vap = {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicy',
    metadata: { name },
    spec: Object.fromEntries(keep.filter((k) => spec[k] !== undefined).map((k) => [k, spec[k]])),
  };
  const policy = compileForeign(derivedDocument(doc, vap, (p) => p, ['spec']));
  const variants =
    typeof policy === 'string'
      ? `ValidatingPolicy '${name}' ${policy}`
      : [{ name: '', foreign: { policy, bindings: [], applies: () => true } }];
  return { name, kind: 'ValidatingPolicy', scored: true, rules: new Map([['', { name: '', variants }]]) };
}

/** Native ValidatingAdmissionPolicies (with their bindings) in the file, as Kyverno tests them. */
function admissionPolicies(path: string, text: string): KyvernoPolicy[] {
  if (!/^kind:\s*ValidatingAdmissionPolicy\s*$/m.test(text)) return [];
  const bundle = emptyBundle();
  const issues = new IssueList();
  compilePolicyText(path, text, bundle, issues);
  return bundle.policies.map((policy) => {
    const bindings = bundle.bindings.filter((b) => b.policyName === policy.name);
    const foreign: ForeignPolicy = { policy, bindings, applies: () => true };
    return {
      name: policy.name,
      kind: 'ValidatingAdmissionPolicy',
      scored: true,
      rules: new Map([['', { name: '', variants: [{ name: '', foreign }] }]]),
    };
  });
}
