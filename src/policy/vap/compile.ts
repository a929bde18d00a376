import type { PolicyMode } from '../../model/index.ts';
import type { CelProgram } from '../cel/engine.ts';
import { admissionEngine } from '../cel/environments.ts';
import {
  type CompiledVariable,
  checkType,
  checkVariableReferences,
  compileAt,
  compileCheck,
  compileVariables,
} from '../compile-expressions.ts';
import type { IssueList } from '../issues.ts';
import { VariableScope } from '../variables.ts';
import { validateDocument, type YamlDocument } from '../yaml.ts';
import { type Matcher, matchResourcesMatcher, resourceRulesMatcher, selectorMatcher } from './match.ts';
import { splitApiVersion } from './resources.ts';
import {
  type BindingDocument,
  bindingSchema,
  type LabelSelector,
  type PolicyDocument,
  policySchema,
  type ValidationAction,
} from './schema.ts';

/** Annotation that sets the mode of a policy evaluated without a binding: `audit` (warn) or `enforce` (deny). */
export const MODE_ANNOTATION = 'palisade.dev/mode';

export interface SourceRef {
  path: string;
  line: number;
}

export interface CompiledValidation {
  program: CelProgram;
  message: string | undefined;
  messageProgram: CelProgram | undefined;
  reason: string;
  /** Line of the expression in the policy file. */
  line: number;
}

/** A ValidatingAdmissionPolicy ready to evaluate: matchers built, every expression compiled once. */
export interface CompiledPolicy {
  kind: 'ValidatingAdmissionPolicy';
  name: string;
  source: SourceRef;
  document: PolicyDocument;
  /** From the `palisade.dev/mode` annotation; used when no binding names the policy. */
  mode: PolicyMode | undefined;
  paramKind: { group: string; kind: string } | undefined;
  match: Matcher;
  /** The resource rules alone: false means `match` is false for every request of that kind. */
  mayMatch: Matcher;
  failurePolicy: 'Fail' | 'Ignore';
  matchConditions: { name: string; program: CelProgram }[];
  variables: CompiledVariable[];
  /** The `variables` value expressions read, rebound for each evaluation. */
  scope: VariableScope;
  validations: CompiledValidation[];
  auditAnnotations: { key: string; program: CelProgram }[];
}

export interface CompiledBinding {
  kind: 'ValidatingAdmissionPolicyBinding';
  name: string;
  source: SourceRef;
  document: BindingDocument;
  policyName: string;
  paramRef:
    | {
        name: string | undefined;
        namespace: string | undefined;
        selector: ((labels: Readonly<Record<string, string>>) => boolean) | undefined;
        notFound: 'Allow' | 'Deny';
      }
    | undefined;
  match: Matcher;
  actions: ValidationAction[];
}

export function compilePolicy(doc: YamlDocument, issues: IssueList): CompiledPolicy | undefined {
  const validated = validateDocument(doc, policySchema, 'ValidatingAdmissionPolicy');
  if (!validated.ok) {
    for (const problem of validated.problems) issues.error(doc.path, problem.line, problem.message);
    return undefined;
  }
  const parsed = validated.value;
  const spec = parsed.spec;
  const name = parsed.metadata.name;
  const engine = admissionEngine();
  const errorsBefore = issues.items.length;
  if (!spec.matchConstraints?.resourceRules?.length) {
    issues.error(
      doc.path,
      doc.lineOf(['spec', 'matchConstraints']),
      'spec.matchConstraints.resourceRules: required; the policy would match nothing',
    );
  }
  if (!spec.validations?.length && !spec.auditAnnotations?.length) {
    issues.error(
      doc.path,
      doc.lineOf(['spec']),
      'spec: needs at least one of validations or auditAnnotations',
    );
  }
  const modeValue = parsed.metadata.annotations?.[MODE_ANNOTATION];
  if (modeValue !== undefined && modeValue !== 'audit' && modeValue !== 'enforce') {
    issues.error(
      doc.path,
      doc.lineOf(['metadata', 'annotations', MODE_ANNOTATION]),
      `metadata.annotations.${MODE_ANNOTATION}: must be audit or enforce`,
    );
  }

  const matchConditions = (spec.matchConditions ?? []).flatMap((c, i) => {
    const path = ['spec', 'matchConditions', i, 'expression'];
    const program = compileAt(engine, doc, path, c.expression, issues);
    if (!program) return [];
    checkType(program, ['bool'], doc, path, issues);
    checkVariableReferences(
      program,
      new Set(),
      doc,
      path,
      issues,
      ' (match conditions cannot read variables)',
    );
    return [{ name: c.name, program }];
  });
  const variables = compileVariables(engine, doc, ['spec', 'variables'], spec.variables ?? [], issues);
  const declared = new Set((spec.variables ?? []).map((v) => v.name));
  const validations = (spec.validations ?? []).flatMap((v, i): CompiledValidation[] => {
    const base = ['spec', 'validations', i];
    const compiled = compileCheck(engine, doc, base, v, declared, issues);
    if (!compiled) return [];
    const { program, messageProgram } = compiled;
    return [
      {
        program,
        message: v.message,
        messageProgram,
        reason: v.reason ?? 'Invalid',
        line: doc.lineOf([...base, 'expression']),
      },
    ];
  });
  const auditAnnotations = (spec.auditAnnotations ?? []).flatMap((a, i) => {
    const path = ['spec', 'auditAnnotations', i, 'valueExpression'];
    const program = compileAt(engine, doc, path, a.valueExpression, issues);
    if (!program) return [];
    checkType(program, ['string', 'null'], doc, path, issues);
    checkVariableReferences(program, declared, doc, path, issues);
    return [{ key: a.key, program }];
  });
  if (issues.items.slice(errorsBefore).some((i) => i.severity === 'error')) return undefined;
  return {
    kind: 'ValidatingAdmissionPolicy',
    name,
    source: { path: doc.path, line: doc.line },
    document: parsed,
    mode: modeValue as PolicyMode | undefined,
    paramKind: spec.paramKind
      ? { group: splitApiVersion(spec.paramKind.apiVersion).group, kind: spec.paramKind.kind }
      : undefined,
    match: matchResourcesMatcher(spec.matchConstraints, true),
    mayMatch: resourceRulesMatcher(spec.matchConstraints),
    failurePolicy: spec.failurePolicy ?? 'Fail',
    matchConditions,
    variables,
    scope: new VariableScope(variables),
    validations,
    auditAnnotations,
  };
}

export function compileBinding(doc: YamlDocument, issues: IssueList): CompiledBinding | undefined {
  const validated = validateDocument(doc, bindingSchema, 'ValidatingAdmissionPolicyBinding');
  if (!validated.ok) {
    for (const problem of validated.problems) issues.error(doc.path, problem.line, problem.message);
    return undefined;
  }
  const parsed = validated.value;
  const spec = parsed.spec;
  const ref = spec.paramRef;
  if (ref && (ref.name === undefined) === (ref.selector === undefined)) {
    issues.error(
      doc.path,
      doc.lineOf(['spec', 'paramRef']),
      'spec.paramRef: set exactly one of name or selector',
    );
    return undefined;
  }
  return {
    kind: 'ValidatingAdmissionPolicyBinding',
    name: parsed.metadata.name,
    source: { path: doc.path, line: doc.line },
    document: parsed,
    policyName: spec.policyName,
    paramRef: ref
      ? {
          name: ref.name,
          namespace: ref.namespace,
          selector: ref.selector ? selectorMatcher(ref.selector as LabelSelector) : undefined,
          notFound: ref.parameterNotFoundAction ?? 'Deny',
        }
      : undefined,
    match: matchResourcesMatcher(spec.matchResources, false),
    actions: [...new Set(spec.validationActions)],
  };
}
