import { basename, dirname } from 'node:path';
import { z } from 'zod';
import { isPalisadeError } from '../../model/index.ts';
import type { PolicyIssue } from '../issues.ts';
import type { PolicyResult } from '../vap/evaluate.ts';
import type { AdmissionInput } from '../vap/request.ts';
import { parseYamlDocuments, validateDocument, type YamlDocument } from '../yaml.ts';
import { issueOf, type ReadText, readReferenced, resolveFrom, validOrThrow } from './files.ts';
import { type ObjectFacts, objectFacts, runForeign } from './foreign.ts';
import { type KyvernoPolicy, loadKyvernoPolicies } from './kyverno-policy.ts';
import { type TestCaseResult, type TestReport, testReport } from './report.ts';

/**
 * `kyverno test` files (kyverno-test.yaml: apiVersion cli.kyverno.io/v1alpha1 kind Test, or the
 * older shape without them): policies, resources, and per (policy, rule, resource) the expected
 * result. Rules with `validate.cel`, ValidatingPolicies and ValidatingAdmissionPolicies run;
 * every other rule's results are reported as skipped, with the reason.
 */
const RESULTS = ['pass', 'fail', 'skip', 'warn', 'error'] as const;

const resultSchema = z.looseObject({
  policy: z.string().min(1),
  rule: z.string().optional(),
  kind: z.string().min(1),
  resources: z.array(z.string()).optional(),
  resource: z.string().optional(),
  namespace: z.string().optional(),
  result: z.enum(RESULTS).optional(),
  status: z.enum(RESULTS).optional(),
  isValidatingAdmissionPolicy: z.boolean().optional(),
  isValidatingPolicy: z.boolean().optional(),
  patchedResource: z.string().optional(),
  generatedResource: z.string().optional(),
});
type ExpectedResult = z.infer<typeof resultSchema>;

const valuesSchema = z.looseObject({
  namespaceSelector: z
    .array(z.looseObject({ name: z.string(), labels: z.record(z.string(), z.string()).optional() }))
    .optional(),
  namespaces: z.array(z.unknown()).optional(),
});

const testSchema = z.looseObject({
  apiVersion: z.string().startsWith('cli.kyverno.io/').optional(),
  kind: z.literal('Test').optional(),
  metadata: z.looseObject({ name: z.string().optional() }).optional(),
  name: z.string().optional(),
  policies: z.array(z.string()).min(1, 'name at least one policy file'),
  resources: z.array(z.string()).default([]),
  paramResources: z.array(z.string()).optional(),
  variables: z.string().optional(),
  values: valuesSchema.optional(),
  exceptions: z.array(z.string()).optional(),
  results: z.array(resultSchema).default([]),
});
type KyvernoTest = z.infer<typeof testSchema>;

export function isKyvernoTest(path: string, text: string): boolean {
  return (
    basename(path) === 'kyverno-test.yaml' ||
    (/^apiVersion:\s*cli\.kyverno\.io\//m.test(text) && /^kind:\s*Test\b/m.test(text))
  );
}

export function runKyvernoTests(path: string, text: string, readText: ReadText): TestReport {
  const results: TestCaseResult[] = [];
  const errors: PolicyIssue[] = [];
  for (const doc of parseYamlDocuments(path, text)) {
    try {
      results.push(...runTest(doc, readText));
    } catch (error) {
      if (!isPalisadeError(error)) throw error;
      errors.push(issueOf(path, doc.line, error));
    }
  }
  return testReport(results, errors);
}

interface Resource {
  input: AdmissionInput;
  facts: ObjectFacts;
}

function runTest(doc: YamlDocument, readText: ReadText): TestCaseResult[] {
  const test = validOrThrow(validateDocument(doc, testSchema, 'kyverno Test'), doc.path);
  const suite = test.metadata?.name ?? test.name ?? basename(dirname(doc.path));
  const policies = new Map<string, KyvernoPolicy>();
  test.policies.forEach((ref, i) => {
    const file = resolveFrom(doc.path, ref);
    const docs = readReferenced(readText, doc, ['policies', i], ref);
    for (const p of loadKyvernoPolicies(docs, readText(file))) policies.set(p.name, p);
  });
  const objects = test.resources.flatMap((ref, i) => readReferenced(readText, doc, ['resources', i], ref));
  const params = [
    ...objects.map((d) => d.value),
    ...(test.paramResources ?? []).flatMap((ref, i) =>
      readReferenced(readText, doc, ['paramResources', i], ref).map((d) => d.value),
    ),
  ];
  const namespaces = namespaceObjects(doc, test, objects, readText);
  const resources = objects.map((d): Resource => {
    const ns = (d.value as { metadata?: { namespace?: unknown } }).metadata?.namespace;
    const namespaceObject = namespaces.get(typeof ns === 'string' && ns ? ns : 'default');
    const input: AdmissionInput = {
      object: d.value,
      source: `${d.path}:${d.line}`,
      ...(namespaceObject ? { namespaceObject } : {}),
    };
    return { input, facts: objectFacts(input) };
  });
  const out: TestCaseResult[] = [];
  test.results.forEach((expected, i) => {
    const line = doc.lineOf(['results', i]);
    const names = expected.resources ?? (expected.resource ? [expected.resource] : []);
    for (const name of names) {
      out.push(judge(test, expected, name, { suite, path: doc.path, line }, policies, resources, params));
    }
  });
  return out;
}

/** Namespace objects the resources live in: from the resources, `values.namespaces` and `values.namespaceSelector`. */
function namespaceObjects(
  doc: YamlDocument,
  test: KyvernoTest,
  objects: readonly YamlDocument[],
  readText: ReadText,
): Map<string, unknown> {
  let values = test.values;
  if (test.variables) {
    const file = readReferenced(readText, doc, ['variables'], test.variables)[0];
    values = file
      ? validOrThrow(validateDocument(file, valuesSchema, 'kyverno values'), file.path)
      : undefined;
  }
  const out = new Map<string, unknown>();
  const candidates = [...objects.map((d) => d.value), ...(values?.namespaces ?? [])];
  for (const o of candidates) {
    const n = o as { kind?: unknown; metadata?: { name?: unknown } };
    if (n.kind === 'Namespace' && typeof n.metadata?.name === 'string') out.set(n.metadata.name, o);
  }
  for (const s of values?.namespaceSelector ?? []) {
    out.set(s.name, {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: s.name, labels: s.labels ?? {} },
    });
  }
  return out;
}

function judge(
  test: KyvernoTest,
  expected: ExpectedResult,
  resourceName: string,
  where: { suite: string; path: string; line: number },
  policies: ReadonlyMap<string, KyvernoPolicy>,
  resources: readonly Resource[],
  params: readonly unknown[],
): TestCaseResult {
  const want = expected.result ?? expected.status ?? 'pass';
  const rule = expected.rule ?? '';
  const base = {
    format: 'kyverno' as const,
    ...where,
    case: rule ? `${expected.policy} / ${rule}` : expected.policy,
    resource: `${expected.kind} ${resourceName}`,
    policy: expected.policy,
    expected: want,
  };
  const outcome = evaluate(test, expected, resourceName, policies, resources, params);
  if (outcome.status === 'skip-test')
    return { ...base, actual: 'skipped', status: 'skip', message: outcome.message };
  const actual = outcome.status;
  // As kyverno test does: a resource the rule does not apply to passes a pass or skip expectation.
  const ok = actual === want || (actual === 'excluded' && (want === 'pass' || want === 'skip'));
  const why = outcome.message ? `: ${outcome.message}` : '';
  return {
    ...base,
    actual,
    status: ok ? 'pass' : 'fail',
    message: ok ? outcome.message : `expected ${want}, got ${actual}${why}`,
  };
}

type Outcome = { status: (typeof RESULTS)[number] | 'excluded' | 'not found' | 'skip-test'; message: string };

function evaluate(
  test: KyvernoTest,
  expected: ExpectedResult,
  resourceName: string,
  policies: ReadonlyMap<string, KyvernoPolicy>,
  resources: readonly Resource[],
  params: readonly unknown[],
): Outcome {
  if (expected.patchedResource || expected.generatedResource) {
    return {
      status: 'skip-test',
      message: 'checks a mutated or generated resource; Palisade runs validation only',
    };
  }
  if (test.exceptions?.length) {
    return {
      status: 'skip-test',
      message: 'the test uses Kyverno PolicyExceptions, which Palisade does not read',
    };
  }
  const policy = policies.get(expected.policy);
  if (!policy)
    return { status: 'not found', message: `policy '${expected.policy}' is not in the test's policies` };
  const rule = policy.rules.get(policy.rules.has('') ? '' : (expected.rule ?? ''));
  if (!rule)
    return {
      status: 'not found',
      message: `policy '${expected.policy}' has no rule '${expected.rule ?? ''}'`,
    };
  if (typeof rule.variants === 'string') return { status: 'skip-test', message: rule.variants };
  const resource = resources.find(
    (r) =>
      r.facts.kind === expected.kind &&
      (resourceName === r.facts.name || resourceName === `${r.facts.namespace}/${r.facts.name}`) &&
      (expected.namespace === undefined || expected.namespace === r.facts.namespace),
  );
  if (!resource)
    return { status: 'not found', message: `no ${expected.kind} '${resourceName}' in the test's resources` };
  for (const variant of rule.variants) {
    const outcome = runForeign(variant.foreign, resource.input, params, resource.facts);
    if (!outcome.applied) continue;
    if ('error' in outcome) return { status: 'error', message: outcome.error };
    if (outcome.results.length === 0)
      return rule.name === ''
        ? { status: 'excluded', message: 'the policy does not match this resource' }
        : { status: 'skip', message: 'celPreconditions not met' };
    return resultOf(outcome.results, policy.scored);
  }
  return { status: 'excluded', message: 'the rule does not match this resource' };
}

function resultOf(results: readonly PolicyResult[], scored: boolean): Outcome {
  const violations = results.flatMap((r) => r.violations);
  const message = violations.map((v) => v.message).join('; ');
  if (violations.some((v) => v.kind === 'error')) return { status: 'error', message };
  if (violations.length > 0) return { status: scored ? 'fail' : 'warn', message };
  return { status: 'pass', message: '' };
}
