import { hash } from 'node:crypto';
import type { Decision, Finding, PolicyMode, Severity } from '../model/index.ts';
import { describeError, isPalisadeError, SEVERITIES } from '../model/index.ts';
import {
  type EvaluateOptions,
  evaluateManifests,
  evaluatePolicies,
  type PolicyBundle,
  type PolicyResult,
  prepareInputRequest,
} from '../policy/index.ts';
import { inputsFor } from './registry.ts';
import type { IacResource } from './resource.ts';
import { TERRAFORM_MODULE_KIND, terraformModules } from './terraform-module.ts';

export interface IacEvaluation {
  findings: Finding[];
  decisions: Decision[];
  /** Resources the policies could not evaluate, with the reason: partial failure is data. */
  errors: { source: string; message: string }[];
  /** Expired exceptions that would have applied, and errors that `failurePolicy: Ignore` let pass. */
  warnings: string[];
}

export interface IacEvaluateOptions {
  /** Forces a mode on every policy (`audit`: violations are warnings and never fail the build). */
  mode?: PolicyMode;
  /** Clock for exception expiry. */
  now?: Date;
}

/** The audit annotation a policy sets to the dotted path of the offending field (`ingress.1`). */
export const FIELD_ANNOTATION = 'field';

/**
 * Runs the admission policies of a bundle over the resources found in a repository (Kubernetes
 * objects as one manifest set; Dockerfiles and Terraform blocks each as the request of its input
 * group) and turns every violation into a `misconfiguration` finding at the offending field's
 * line. The bundle's params and exceptions apply; an excepted violation is a suppressed finding.
 */
export function evaluateIacResources(
  resources: readonly IacResource[],
  bundle: PolicyBundle,
  options: IacEvaluateOptions = {},
): IacEvaluation {
  const evaluateOptions: EvaluateOptions = {
    params: bundle.params,
    exceptions: bundle.exceptions,
    ...(options.mode ? { mode: options.mode } : {}),
    ...(options.now ? { now: options.now } : {}),
  };
  // Only resources some policy can match are converted for CEL.
  const inputs = inputsFor(bundle);
  const groups = new Set(inputs.map((i) => i.apiGroup));
  const kubernetes = groups.has(undefined) ? resources.filter((r) => r.apiVersion !== undefined) : [];
  const manifests = evaluateManifests(
    bundle,
    kubernetes.map((r) => ({ object: r.object, source: `${r.source.path}:${r.source.line}` })),
    evaluateOptions,
  );
  const pairs: [PolicyResult, IacResource][] = [];
  for (const [i, result] of manifests.results.entries()) {
    pairs.push([result, kubernetes[manifests.manifestIndex[i]!]!]);
  }
  const errors = [...manifests.errors];
  const modules = needsModules(bundle) ? terraformModules(resources) : undefined;
  if (modules) errors.push(...modules.skipped);
  for (const resource of resources) {
    if (!resource.api || !groups.has(resource.api.group)) continue;
    const source = `${resource.source.path}:${resource.source.line}`;
    const module = modules?.paramFor(resource);
    const options = module ? { ...evaluateOptions, params: [...bundle.params, module] } : evaluateOptions;
    try {
      const request = prepareInputRequest({
        ...resource.api,
        kind: resource.kind,
        name: resource.name,
        object: resource.object,
        source,
      });
      for (const result of evaluatePolicies(bundle, request, options)) pairs.push([result, resource]);
    } catch (error) {
      if (!isPalisadeError(error)) throw error;
      errors.push({ source, message: describeError(error) });
    }
  }
  const findings: Finding[] = [];
  for (const [result, resource] of pairs) {
    for (const violation of result.violations)
      findings.push(toFinding(result, violation.message, resource, bundle));
  }
  const warnings = [...new Set(pairs.flatMap(([result]) => result.warnings))];
  return { findings, decisions: pairs.map(([result]) => result.decision), errors, warnings };
}

function needsModules(bundle: PolicyBundle): boolean {
  return bundle.policies.some(
    (p) => p.paramKind?.group === 'palisade.dev' && p.paramKind.kind === TERRAFORM_MODULE_KIND,
  );
}

function annotationsOf(bundle: PolicyBundle, policy: string): Record<string, string> {
  const found = bundle.policies.find((p) => p.name === policy);
  return found?.document.metadata.annotations ?? {};
}

function toFinding(
  result: PolicyResult,
  message: string,
  resource: IacResource,
  bundle: PolicyBundle,
): Finding {
  const annotations = annotationsOf(bundle, result.policy);
  const field = result.auditAnnotations[`${result.policy}/${FIELD_ANNOTATION}`];
  const line = field
    ? resource.lineOf(field.split('.'))
    : fieldLine(resource, annotations['palisade.dev/fields']);
  const subject =
    resource.api?.subject ??
    `${resource.kind} ${resource.namespace ? `${resource.namespace}/` : ''}${resource.name}`;
  const fingerprint = hash(
    'sha256',
    ['misconfiguration', result.policy, resource.source.path, subject, message].join('\u0000'),
    'hex',
  ).slice(0, 16);
  const exception = result.exception;
  return {
    id: fingerprint,
    kind: 'misconfiguration',
    ruleId: result.policy,
    title: annotations['palisade.dev/title'] ?? result.policy,
    severity: severityOf(annotations['palisade.dev/severity'], result.decision.verdict),
    location: { path: resource.source.path, line, resource: subject },
    evidence: `${subject}: ${message}`,
    fingerprint,
    risk: { score: 0, factors: [] },
    remediation: { text: annotations['palisade.dev/remediation'] ?? message },
    ...(exception
      ? {
          suppressed: {
            reason: exception.reason,
            by: `PolicyException ${exception.name} (owner ${exception.owner}, until ${exception.expires})`,
          },
        }
      : {}),
  };
}

/** The first listed field present in the resource (pod template paths tried too), else the resource's line. */
function fieldLine(resource: IacResource, fields: string | undefined): number {
  for (const field of (fields ?? '')
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean)) {
    const path = field
      .replace(/\[\*\]/g, '.0')
      .split('.')
      .filter(Boolean);
    for (const prefix of [[], ['spec', 'template'], ['spec', 'jobTemplate', 'spec', 'template']]) {
      const full = [...prefix, ...path];
      if (valueAt(resource.object, full) !== undefined) return resource.lineOf(full);
    }
  }
  return resource.source.line;
}

function valueAt(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function severityOf(annotation: string | undefined, verdict: Decision['verdict']): Severity {
  if (annotation && (SEVERITIES as readonly string[]).includes(annotation)) return annotation as Severity;
  return verdict === 'deny' ? 'high' : 'medium';
}
