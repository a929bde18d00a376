import { hash } from 'node:crypto';
import type { Decision, Finding, Severity } from '../model/index.ts';
import { SEVERITIES } from '../model/index.ts';
import {
  type EvaluateOptions,
  evaluateManifests,
  type PolicyBundle,
  type PolicyResult,
} from '../policy/index.ts';
import type { IacResource } from './resource.ts';

export interface IacEvaluation {
  findings: Finding[];
  decisions: Decision[];
  /** Resources the policies could not evaluate, with the reason: partial failure is data. */
  errors: { source: string; message: string }[];
}

/**
 * Runs the admission policies of a bundle over the Kubernetes resources found in a repository and
 * turns every violation into a `misconfiguration` finding located at the offending field (the
 * policy's `palisade.dev/fields` annotation names it) or, failing that, at the resource itself.
 */
export function evaluateIacResources(
  resources: readonly IacResource[],
  bundle: PolicyBundle,
  options: EvaluateOptions = {},
): IacEvaluation {
  const kubernetes = resources.filter((r) => r.apiVersion !== undefined);
  const sources = kubernetes.map((r, i) => `${r.source.path}:${r.source.line}#${i}`);
  const bySource = new Map(sources.map((s, i) => [s, kubernetes[i]!]));
  const evaluation = evaluateManifests(
    bundle,
    kubernetes.map((r, i) => ({ object: r.object, source: sources[i]! })),
    options,
  );
  const findings: Finding[] = [];
  const decisions: Decision[] = [];
  for (const result of evaluation.results) {
    decisions.push(result.decision);
    const resource = resourceOf(result, kubernetes, bySource);
    if (!resource) continue;
    for (const violation of result.violations)
      findings.push(toFinding(result, violation.message, resource, bundle));
  }
  return { findings, decisions, errors: evaluation.errors };
}

function resourceOf(
  result: PolicyResult,
  resources: readonly IacResource[],
  bySource: Map<string, IacResource>,
): IacResource | undefined {
  const source = (result as { source?: string }).source;
  if (source && bySource.has(source)) return bySource.get(source);
  const ref = result.resource;
  return resources.find(
    (r) =>
      r.kind === ref.kind &&
      r.name === ref.name &&
      (r.namespace ?? 'default') === (ref.namespace || 'default'),
  );
}

function toFinding(
  result: PolicyResult,
  message: string,
  resource: IacResource,
  bundle: PolicyBundle,
): Finding {
  const policy = bundle.policies.find((p) => p.name === result.policy);
  const annotations = (
    policy?.document as { metadata?: { annotations?: Record<string, string> } } | undefined
  )?.metadata?.annotations;
  const line = fieldLine(resource, annotations?.['palisade.dev/fields']);
  const severity = severityOf(annotations?.['palisade.dev/severity'], result.decision.verdict);
  const subject = `${resource.kind} ${resource.namespace ? `${resource.namespace}/` : ''}${resource.name}`;
  const fingerprint = hash(
    'sha256',
    ['misconfiguration', result.policy, resource.source.path, subject, message].join('\u0000'),
    'hex',
  ).slice(0, 16);
  return {
    id: fingerprint,
    kind: 'misconfiguration',
    ruleId: result.policy,
    title: annotations?.['palisade.dev/title'] ?? result.policy,
    severity,
    location: { path: resource.source.path, line },
    evidence: `${subject}: ${message}`,
    fingerprint,
    risk: { score: 0, factors: [] },
    remediation: { text: message },
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
