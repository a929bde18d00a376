import { z } from 'zod';
import { selectorMatcher } from '../vap/match.ts';
import { type LabelSelector, labelSelectorSchema } from '../vap/schema.ts';
import type { YamlDocument, YamlPath } from '../yaml.ts';
import { derivedDocument, listOrigin } from './derived-document.ts';
import {
  ALL_RESOURCES,
  anyWildcard,
  compileForeign,
  type ForeignPolicy,
  type ObjectFacts,
} from './foreign.ts';

const TARGET = 'admission.k8s.gatekeeper.sh';
const CEL_ENGINE = 'K8sNativeValidation';
const CONSTRAINT_API = 'constraints.gatekeeper.sh/v1beta1';

/**
 * The variables Gatekeeper declares before a template's own (frameworks' k8scel driver):
 * `variables.params` is the constraint's `spec.parameters` (null when it sets none), and
 * `variables.anyObject` the object, or the old object of a DELETE.
 */
const PRELUDE = [
  {
    name: 'params',
    expression: '!has(params.spec) ? null : !has(params.spec.parameters) ? null : params.spec.parameters',
  },
  {
    name: 'anyObject',
    expression:
      'has(request.operation) && request.operation == "DELETE" && object == null ? oldObject : object',
  },
];

const celSourceSchema = z.looseObject({
  validations: z.array(z.unknown()).optional(),
  variables: z.array(z.unknown()).optional(),
  matchConditions: z.array(z.unknown()).optional(),
  failurePolicy: z.unknown().optional(),
});

export const templateSchema = z.looseObject({
  apiVersion: z.string().startsWith('templates.gatekeeper.sh/'),
  kind: z.literal('ConstraintTemplate'),
  metadata: z.looseObject({ name: z.string().min(1) }),
  spec: z.looseObject({
    crd: z.looseObject({ spec: z.looseObject({ names: z.looseObject({ kind: z.string().min(1) }) }) }),
    targets: z
      .array(
        z.looseObject({
          target: z.string(),
          rego: z.string().optional(),
          code: z.array(z.looseObject({ engine: z.string(), source: z.unknown() })).optional(),
        }),
      )
      .min(1),
  }),
});

const kindsSchema = z.array(
  z.looseObject({ apiGroups: z.array(z.string()).optional(), kinds: z.array(z.string()).optional() }),
);

export const constraintSchema = z.looseObject({
  apiVersion: z.string().startsWith('constraints.gatekeeper.sh/'),
  kind: z.string().min(1),
  metadata: z.looseObject({ name: z.string().min(1) }),
  spec: z
    .looseObject({
      match: z
        .looseObject({
          kinds: kindsSchema.optional(),
          scope: z.enum(['*', 'Cluster', 'Namespaced']).optional(),
          namespaces: z.array(z.string()).optional(),
          excludedNamespaces: z.array(z.string()).optional(),
          labelSelector: labelSelectorSchema.optional(),
          namespaceSelector: labelSelectorSchema.optional(),
          name: z.string().optional(),
        })
        .optional(),
    })
    .optional(),
});
export type Constraint = z.infer<typeof constraintSchema>;

/**
 * A ConstraintTemplate and one of its constraints as a policy Palisade runs: the template's
 * `K8sNativeValidation` (CEL) code as a ValidatingAdmissionPolicy whose param is the constraint,
 * behind the constraint's `match`. A template with Rego only gives the reason it cannot run.
 */
export function gatekeeperPolicy(template: YamlDocument, constraint: Constraint): ForeignPolicy | string {
  const parsed = templateSchema.parse(template.value);
  const kind = parsed.spec.crd.spec.names.kind;
  const t = parsed.spec.targets.findIndex((x) => x.target === TARGET);
  const target = parsed.spec.targets[t];
  if (!target) return `template '${parsed.metadata.name}' has no ${TARGET} target`;
  const c = (target.code ?? []).findIndex((x) => x.engine === CEL_ENGINE);
  const code = target.code?.[c];
  if (!code) {
    return `template '${parsed.metadata.name}' has Rego code only; Palisade runs the CEL (${CEL_ENGINE}) engine, not Rego`;
  }
  const read = celSourceSchema.safeParse(code.source ?? {});
  if (!read.success)
    return `template '${parsed.metadata.name}': ${CEL_ENGINE} source is not an object of validations and variables`;
  const source = read.data;
  const base: YamlPath = ['spec', 'targets', t, 'code', c, 'source'];
  const value = {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicy',
    metadata: { name: parsed.metadata.name },
    spec: {
      paramKind: { apiVersion: CONSTRAINT_API, kind },
      matchConstraints: ALL_RESOURCES,
      ...(source.matchConditions ? { matchConditions: source.matchConditions } : {}),
      variables: [...PRELUDE, ...(source.variables ?? [])],
      validations: source.validations ?? [],
      ...(source.failurePolicy === undefined ? {} : { failurePolicy: source.failurePolicy }),
    },
  };
  const origin = listOrigin({
    validations: { base: [...base, 'validations'] },
    variables: { base: [...base, 'variables'], offset: PRELUDE.length },
    matchConditions: { base: [...base, 'matchConditions'] },
  });
  const compiled = compileForeign(
    derivedDocument(template, value, origin, ['spec', 'targets', t, 'code', c]),
  );
  if (typeof compiled === 'string') return compiled;
  return { policy: compiled, bindings: [], applies: constraintMatcher(constraint) };
}

/** Gatekeeper's `spec.match` of a constraint (kinds, scope, namespaces, selectors, name). */
export function constraintMatcher(constraint: Constraint): (facts: ObjectFacts) => boolean {
  const match = constraint.spec?.match ?? {};
  const kinds = (match.kinds ?? []).map((k) => ({
    group: anyWildcard(k.apiGroups?.length ? k.apiGroups : undefined),
    kind: anyWildcard(k.kinds?.length ? k.kinds : undefined),
  }));
  const namespaces = match.namespaces?.length ? anyWildcard(match.namespaces) : undefined;
  const excluded = match.excludedNamespaces?.length ? anyWildcard(match.excludedNamespaces) : undefined;
  const labels = selectorMatcher(match.labelSelector as LabelSelector | undefined);
  const namespaceLabels = selectorMatcher(match.namespaceSelector as LabelSelector | undefined);
  const name = match.name === undefined ? undefined : anyWildcard([match.name]);
  const scope = match.scope ?? '*';
  return (facts) => {
    if (kinds.length > 0 && !kinds.some((k) => k.group(facts.group) && k.kind(facts.kind))) return false;
    if (scope !== '*' && (scope === 'Namespaced') !== (facts.namespace !== '')) return false;
    // A Namespace is matched by its own name; other cluster-scoped objects pass namespace filters.
    const namespace = facts.isNamespace ? facts.name : facts.namespace;
    if (namespace !== '' && namespaces && !namespaces(namespace)) return false;
    if (namespace !== '' && excluded?.(namespace)) return false;
    if ((facts.namespace !== '' || facts.isNamespace) && !namespaceLabels(facts.namespaceLabels))
      return false;
    if (name && !name(facts.name)) return false;
    return labels(facts.labels);
  };
}
