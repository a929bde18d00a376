import type { Decision, PolicyMode } from '../../model/index.ts';
import { CostMeter, MATCH_CONDITIONS_BUDGET, RUNTIME_BUDGET } from '../cel/cost.ts';
import { type Authorize, Authorizer, OFFLINE_AUTHORIZER } from '../cel/k8s-authz.ts';
import { toCelValue } from '../cel/values.ts';
import { type AppliedException, matchException, type PolicyException } from '../exceptions.ts';
import type { SharedResults } from '../variables.ts';
import type { CompiledBinding, CompiledPolicy, CompiledValidation } from './compile.ts';
import type { MatchTarget } from './match.ts';
import { type AdmissionInput, type PreparedRequest, prepareRequest, type ResourceRef } from './request.ts';
import { splitApiVersion } from './resources.ts';
import type { ValidationAction } from './schema.ts';

/** Policies and the bindings that apply them; a policy no binding names runs under an implicit binding. */
export interface PolicySet {
  readonly policies: readonly CompiledPolicy[];
  readonly bindings: readonly CompiledBinding[];
}

export interface EvaluateOptions {
  /** Parameter objects (any kind); policies with a paramKind pick theirs from here. */
  params?: readonly unknown[];
  /** Answers `authorizer` checks; by default every check says "no opinion" (see OFFLINE_AUTHORIZER). */
  authorize?: Authorize;
  /** Forces a mode on every policy: `audit` reports violations as warnings, `enforce` denies. */
  mode?: PolicyMode;
  exceptions?: readonly PolicyException[];
  /** Clock for exception expiry. */
  now?: Date;
}

export interface Violation {
  /** A failed validation, or an evaluation error turned into a failure by `failurePolicy: Fail`. */
  kind: 'validation' | 'error';
  message: string;
  reason: string;
  /** Line of the failing expression in the policy file. */
  line: number | undefined;
}

/** The outcome of one policy (under one binding and one param object) for one resource. */
export interface PolicyResult {
  policy: string;
  /** The binding's name; undefined for the implicit binding. */
  binding: string | undefined;
  /** The param object's name, when the policy has a paramKind. */
  params: string | undefined;
  resource: ResourceRef;
  actions: readonly ValidationAction[];
  violations: readonly Violation[];
  /** Evaluation errors that `failurePolicy: Ignore` let pass. */
  ignoredErrors: readonly string[];
  /** Keys are `<policy>/<key>`, as the API server writes them to the audit log. */
  auditAnnotations: Readonly<Record<string, string>>;
  warnings: readonly string[];
  exception: AppliedException | undefined;
  decision: Decision;
}

const NO_VARIABLES: Readonly<Record<string, unknown>> = Object.freeze(Object.create(null));
const NONE: readonly never[] = Object.freeze([]);
/** Evaluation without a param object: `params` is null. */
const NO_PARAMS: readonly Param[] = Object.freeze([{ name: undefined, value: null, key: -1 }]);
const NO_ANNOTATIONS: Readonly<Record<string, string>> = Object.freeze({});

const IMPLICIT_ACTIONS: Record<PolicyMode, ValidationAction[]> = {
  enforce: ['Deny'],
  audit: ['Warn', 'Audit'],
};

interface Param {
  name: string | undefined;
  value: unknown;
  key: number;
}

interface ParamEntry {
  raw: unknown;
  group: string;
  kind: string;
  name: string;
  namespace: string;
  labels: Record<string, string>;
  value: unknown;
}

/** Per-call state: the request, converted params, the shared variable memo. */
class Evaluation {
  /** Results of shareable variables, per param object (-1: none). */
  private readonly shared = new Map<number, SharedResults>();
  readonly params: ParamEntry[];
  readonly authorizer: Authorizer;
  readonly request: PreparedRequest;
  readonly options: EvaluateOptions;
  /**
   * The CEL activation, built once per request: only `params` and `variables` change from one
   * policy to the next (evaluation is synchronous, and nothing keeps it past a policy's turn).
   */
  readonly activation: Record<string, unknown>;

  sharedResults(paramKey: number): SharedResults {
    let results = this.shared.get(paramKey);
    if (!results) {
      results = [];
      this.shared.set(paramKey, results);
    }
    return results;
  }

  constructor(request: PreparedRequest, options: EvaluateOptions) {
    this.request = request;
    this.options = options;
    this.authorizer = new Authorizer(options.authorize ?? OFFLINE_AUTHORIZER, request.userName, {
      group: request.target.group,
      resource: request.target.resource,
      subresource: request.target.subresource,
      namespace: request.resource.namespace,
      name: request.resource.name,
    });
    this.params = (options.params ?? []).flatMap((raw, i) => paramEntry(raw, i));
    const { values } = request;
    this.activation = {
      object: values.object,
      oldObject: values.oldObject,
      namespaceObject: values.namespaceObject,
      params: null,
      request: request.request,
      authorizer: this.authorizer,
      variables: NO_VARIABLES,
    };
  }
}

// Param objects are usually the same few objects for many requests: convert each once.
const paramCache = new WeakMap<object, ParamEntry[]>();

function paramEntry(raw: unknown, index: number): ParamEntry[] {
  if (typeof raw !== 'object' || raw === null) return [];
  const cached = paramCache.get(raw);
  if (cached) return cached;
  const entry = convertParam(raw, index);
  paramCache.set(raw, entry);
  return entry;
}

function convertParam(raw: object, index: number): ParamEntry[] {
  const o = raw as { apiVersion?: unknown; kind?: unknown; metadata?: Record<string, unknown> };
  if (typeof o.apiVersion !== 'string' || typeof o.kind !== 'string') return [];
  const meta = o.metadata ?? {};
  const labels =
    typeof meta.labels === 'object' && meta.labels !== null ? (meta.labels as Record<string, string>) : {};
  const name = typeof meta.name === 'string' ? meta.name : `#${index}`;
  return [
    {
      raw,
      group: splitApiVersion(o.apiVersion).group,
      kind: o.kind,
      name,
      namespace: typeof meta.namespace === 'string' ? meta.namespace : '',
      labels,
      value: toCelValue(raw, `params ${o.kind} ${name}`),
    },
  ];
}

function isPrepared(input: AdmissionInput | PreparedRequest): input is PreparedRequest {
  return 'target' in input && 'values' in input;
}

const bindingIndex = new WeakMap<PolicySet, Map<string, CompiledBinding[]>>();

function bindingsOf(set: PolicySet, policy: CompiledPolicy): readonly (CompiledBinding | undefined)[] {
  let index = bindingIndex.get(set);
  if (!index) {
    index = new Map();
    for (const b of set.bindings) index.set(b.policyName, [...(index.get(b.policyName) ?? []), b]);
    bindingIndex.set(set, index);
  }
  return index.get(policy.name) ?? [undefined];
}

const candidateIndex = new WeakMap<PolicySet, Map<string, readonly CompiledPolicy[]>>();

/**
 * The policies whose resource rules can match requests of this shape (group, version, resource,
 * subresource, operation, scope), computed once per shape and set: most policies name a few
 * kinds, so most are skipped before their selectors, bindings or any CEL are looked at.
 */
function candidatesFor(set: PolicySet, target: MatchTarget): readonly CompiledPolicy[] {
  let index = candidateIndex.get(set);
  if (!index) {
    index = new Map();
    candidateIndex.set(set, index);
  }
  const key = `${target.group}\u0000${target.version}\u0000${target.resource}\u0000${target.subresource}\u0000${target.operation}\u0000${target.namespaced}`;
  let candidates = index.get(key);
  if (!candidates) {
    candidates = set.policies.filter((p) => p.mayMatch(target));
    index.set(key, candidates);
  }
  return candidates;
}

/**
 * Evaluates every policy of `set` that matches the request: pure, resources and params in,
 * results (each with a Decision) out. A policy that does not match, or whose match conditions
 * are false, yields no result.
 */
export function evaluatePolicies(
  set: PolicySet,
  input: AdmissionInput | PreparedRequest,
  options: EvaluateOptions = {},
): PolicyResult[] {
  const request = isPrepared(input) ? input : prepareRequest(input);
  const ev = new Evaluation(request, options);
  const results: PolicyResult[] = [];
  for (const policy of candidatesFor(set, request.target)) {
    if (!policy.match(request.target)) continue;
    for (const binding of bindingsOf(set, policy)) {
      if (!binding || binding.match(request.target)) evaluateBinding(policy, binding, ev, results);
    }
  }
  return results;
}

function evaluateBinding(
  policy: CompiledPolicy,
  binding: CompiledBinding | undefined,
  ev: Evaluation,
  results: PolicyResult[],
): void {
  const mode = ev.options.mode;
  const actions = mode
    ? IMPLICIT_ACTIONS[mode]
    : (binding?.actions ?? IMPLICIT_ACTIONS[policy.mode ?? 'enforce']);
  const params = resolveParams(policy, binding, ev);
  if (params === 'skip') return;
  if (params === 'not-found') {
    const message = 'no params found for policy binding with `Deny` parameterNotFoundAction';
    const found = { violations: [errorViolation(message)], ignored: undefined, annotations: undefined };
    results.push(result(policy, binding, undefined, ev, actions, found));
    return;
  }
  for (const param of params) {
    const one = evaluateOne(policy, binding, param, ev, actions);
    if (one) results.push(one);
  }
}

function resolveParams(
  policy: CompiledPolicy,
  binding: CompiledBinding | undefined,
  ev: Evaluation,
): readonly Param[] | 'skip' | 'not-found' {
  const kind = policy.paramKind;
  if (!kind) return NO_PARAMS;
  const candidates = ev.params.filter((p) => p.group === kind.group && p.kind === kind.kind);
  const toParam = (p: ParamEntry): Param => ({ name: p.name, value: p.value, key: ev.params.indexOf(p) });
  if (!binding) {
    // Palisade's implicit binding: every param object of the kind, or none (params == null) so
    // built-in policies fall back to their defaults.
    return candidates.length > 0 ? candidates.map(toParam) : NO_PARAMS;
  }
  const ref = binding.paramRef;
  if (!ref) return NO_PARAMS;
  const requestNamespace = ev.request.resource.namespace;
  const found = candidates.filter((p) => {
    if (
      ref.namespace !== undefined && ref.namespace !== ''
        ? p.namespace !== ref.namespace
        : p.namespace !== '' && p.namespace !== requestNamespace
    ) {
      return false;
    }
    return ref.name !== undefined ? p.name === ref.name : (ref.selector?.(p.labels) ?? true);
  });
  if (found.length > 0) return found.map(toParam);
  return ref.notFound === 'Deny' ? 'not-found' : 'skip';
}

function errorViolation(message: string, line?: number): Violation {
  return { kind: 'error', message, reason: 'Invalid', line };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** What one evaluation found; lists are allocated only when something goes in them. */
class Collected {
  violations: Violation[] | undefined;
  ignored: string[] | undefined;
  annotations: Record<string, string> | undefined;
  readonly failurePolicy: 'Fail' | 'Ignore';

  constructor(failurePolicy: 'Fail' | 'Ignore') {
    this.failurePolicy = failurePolicy;
  }

  violation(v: Violation): void {
    this.violations ??= [];
    this.violations.push(v);
  }

  /** An evaluation error: a violation under `failurePolicy: Fail`, a warning under `Ignore`. */
  error(message: string, line?: number): void {
    if (this.failurePolicy === 'Fail') {
      this.violation(errorViolation(message, line));
      return;
    }
    this.ignored ??= [];
    this.ignored.push(message);
  }

  annotate(key: string, value: string): void {
    this.annotations ??= {};
    this.annotations[key] = value;
  }
}

function evaluateOne(
  policy: CompiledPolicy,
  binding: CompiledBinding | undefined,
  param: Param,
  ev: Evaluation,
  actions: readonly ValidationAction[],
): PolicyResult | undefined {
  const activation = ev.activation;
  activation.params = param.value;
  activation.variables = NO_VARIABLES;
  const conditions = checkMatchConditions(policy, activation);
  if (conditions === false) return undefined;
  const found = new Collected(policy.failurePolicy);
  if (conditions !== true) {
    found.error(conditions);
    return policy.failurePolicy === 'Fail'
      ? result(policy, binding, param.name, ev, actions, found)
      : undefined;
  }
  activation.variables = policy.scope.bind(activation, ev.sharedResults(param.key));
  const meter = new CostMeter(RUNTIME_BUDGET);
  for (const validation of policy.validations) validate(validation, activation, meter, found);
  for (const annotation of policy.auditAnnotations) {
    try {
      const value = annotation.program.evaluate(activation, meter);
      // As the API server does: a null or empty value leaves the annotation out.
      if (typeof value === 'string') {
        if (value !== '') found.annotate(`${policy.name}/${annotation.key}`, value);
      } else if (value !== null)
        found.error(`auditAnnotations '${annotation.key}' must evaluate to a string or null`);
    } catch (error) {
      found.error(`auditAnnotations '${annotation.key}' resulted in error: ${errorText(error)}`);
    }
  }
  return result(policy, binding, param.name, ev, actions, found);
}

function validate(
  validation: CompiledValidation,
  activation: Record<string, unknown>,
  meter: CostMeter,
  found: Collected,
): void {
  let value: unknown;
  try {
    value = validation.program.evaluate(activation, meter);
  } catch (error) {
    found.error(
      `expression '${validation.program.expression}' resulted in error: ${errorText(error)}`,
      validation.line,
    );
    return;
  }
  if (value === true) return;
  if (value !== false) {
    found.error(`expression '${validation.program.expression}' must evaluate to bool`, validation.line);
    return;
  }
  found.violation({
    kind: 'validation',
    message: failureMessage(validation, activation, meter),
    reason: validation.reason,
    line: validation.line,
  });
}

/** true: all conditions hold; false: one is false (skip); a string: an error and none false. */
function checkMatchConditions(policy: CompiledPolicy, activation: Record<string, unknown>): boolean | string {
  if (policy.matchConditions.length === 0) return true;
  const meter = new CostMeter(MATCH_CONDITIONS_BUDGET);
  let error: string | undefined;
  for (const condition of policy.matchConditions) {
    try {
      const value = condition.program.evaluate(activation, meter);
      if (value === false) return false;
      if (value !== true) error ??= `matchCondition '${condition.name}' must evaluate to bool`;
    } catch (e) {
      error ??= `matchCondition '${condition.name}' resulted in error: ${errorText(e)}`;
    }
  }
  return error ?? true;
}

function failureMessage(
  validation: CompiledPolicy['validations'][number],
  activation: Record<string, unknown>,
  meter: CostMeter,
): string {
  if (validation.messageProgram) {
    try {
      const message = validation.messageProgram.evaluate(activation, meter);
      // As the API server does: an empty, blank or multi-line message falls back to `message`.
      if (typeof message === 'string' && message.trim() !== '' && !message.includes('\n')) return message;
    } catch {
      // Falls back to the static message, as the API server does.
    }
  }
  return validation.message ?? `failed expression: ${validation.program.expression}`;
}

function result(
  policy: CompiledPolicy,
  binding: CompiledBinding | undefined,
  params: string | undefined,
  ev: Evaluation,
  actions: readonly ValidationAction[],
  found: Pick<Collected, 'violations' | 'ignored' | 'annotations'>,
): PolicyResult {
  const { resource, subject } = ev.request;
  const enforce = actions.includes('Deny');
  const violations = found.violations ?? NONE;
  let warnings: string[] | undefined = found.ignored?.map(
    (e) => `${policy.name}: ignored (failurePolicy: Ignore): ${e}`,
  );
  let exception: AppliedException | undefined;
  if (violations.length > 0 && ev.options.exceptions?.length) {
    const match = matchException(ev.options.exceptions, policy.name, resource, ev.options.now ?? new Date());
    exception = match.applied;
    if (match.warnings.length > 0) warnings = [...(warnings ?? []), ...match.warnings];
  }
  const violated = violations.length > 0 && !exception;
  return {
    policy: policy.name,
    binding: binding?.name,
    params,
    resource,
    actions,
    violations,
    ignoredErrors: found.ignored ?? NONE,
    auditAnnotations: found.annotations ?? NO_ANNOTATIONS,
    warnings: warnings ?? NONE,
    exception,
    decision: {
      verdict: violated ? (enforce ? 'deny' : 'warn') : 'allow',
      policy: policy.name,
      mode: enforce ? 'enforce' : 'audit',
      messages: exception
        ? [exception.message]
        : violations.length > 0
          ? violations.map((v) => v.message)
          : [],
      subject,
    },
  };
}
