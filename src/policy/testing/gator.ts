import { basename, dirname } from 'node:path';
import { z } from 'zod';
import { isPalisadeError, PalisadeError } from '../../model/index.ts';
import { compileRe2 } from '../cel/regex.ts';
import type { PolicyIssue } from '../issues.ts';
import type { AdmissionInput, Operation, UserInfo } from '../vap/request.ts';
import { parseYamlDocuments, validateDocument, type YamlDocument } from '../yaml.ts';
import { issueOf, type ReadText, readReferenced, validOrThrow } from './files.ts';
import { objectFacts, runForeign } from './foreign.ts';
import { constraintSchema, gatekeeperPolicy, templateSchema } from './gatekeeper.ts';
import { type TestCaseResult, type TestReport, testReport } from './report.ts';

/**
 * Gatekeeper's `gator verify` suites (kind Suite, apiVersion test.gatekeeper.sh/v1alpha1): each
 * test names a ConstraintTemplate and a constraint, each case an object and assertions on the
 * violations it gets. Templates with CEL (`K8sNativeValidation`) code run; Rego-only templates
 * are reported as skipped, with the reason.
 */
const violationsSchema = z.union([z.literal('yes'), z.literal('no'), z.number().int().nonnegative()]);

const assertionSchema = z.strictObject({
  violations: violationsSchema.optional(),
  message: z.string().optional(),
});
type Assertion = z.infer<typeof assertionSchema>;

const caseSchema = z.looseObject({
  name: z.string().min(1),
  object: z.string().min(1),
  assertions: z.array(assertionSchema).default([]),
  inventory: z.array(z.string()).optional(),
  skip: z.boolean().optional(),
});

const suiteSchema = z.looseObject({
  kind: z.literal('Suite'),
  apiVersion: z.string().startsWith('test.gatekeeper.sh/'),
  metadata: z.looseObject({ name: z.string().optional() }).optional(),
  tests: z
    .array(
      z.looseObject({
        name: z.string().min(1),
        template: z.string().min(1),
        constraint: z.string().min(1),
        cases: z.array(caseSchema).optional(),
        invalid: z.boolean().optional(),
        skip: z.boolean().optional(),
      }),
    )
    .default([]),
});
type Suite = z.infer<typeof suiteSchema>;
type SuiteTest = Suite['tests'][number];

export function isGatorSuite(text: string): boolean {
  return /^kind:\s*Suite\b/m.test(text) && /^apiVersion:\s*test\.gatekeeper\.sh\//m.test(text);
}

export function runGatorSuites(path: string, text: string, readText: ReadText): TestReport {
  const results: TestCaseResult[] = [];
  const errors: PolicyIssue[] = [];
  for (const doc of parseYamlDocuments(path, text)) {
    const suite = validOrThrow(validateDocument(doc, suiteSchema, 'Suite'), path);
    const name = suite.metadata?.name ?? basename(dirname(path));
    suite.tests.forEach((test, t) => {
      const line = doc.lineOf(['tests', t]);
      try {
        results.push(...runTest(doc, name, test, t, readText));
      } catch (error) {
        if (!isPalisadeError(error)) throw error;
        errors.push(issueOf(path, line, error, `${test.name}: `));
      }
    });
  }
  return testReport(results, errors);
}

function runTest(
  doc: YamlDocument,
  suite: string,
  test: SuiteTest,
  t: number,
  readText: ReadText,
): TestCaseResult[] {
  const base = { format: 'gator' as const, suite, path: doc.path, line: doc.lineOf(['tests', t]) };
  const cases = test.cases ?? [];
  const each = (status: 'skip', message: string): TestCaseResult[] =>
    (cases.length > 0 ? cases : [{ name: test.name }]).map((c) => ({
      ...base,
      case: `${test.name} / ${c.name}`,
      resource: '-',
      policy: test.name,
      expected: test.invalid ? 'invalid' : 'assertions',
      actual: 'skipped',
      status,
      message,
    }));
  if (test.skip) return each('skip', 'skip: true in the suite');
  const template = firstDocument(readReferenced(readText, doc, ['tests', t, 'template'], test.template));
  const constraintDoc = firstDocument(
    readReferenced(readText, doc, ['tests', t, 'constraint'], test.constraint),
  );
  const templateValue = validOrThrow(
    validateDocument(template, templateSchema, 'ConstraintTemplate'),
    template.path,
  );
  const constraint = validOrThrow(
    validateDocument(constraintDoc, constraintSchema, 'constraint'),
    constraintDoc.path,
  );
  const kind = templateValue.spec.crd.spec.names.kind;
  const mismatch =
    constraint.kind === kind
      ? undefined
      : `constraint kind ${constraint.kind} is not the template's kind ${kind}`;
  const policy = mismatch ?? gatekeeperPolicy(template, constraint);
  if (test.invalid) {
    // An invalid test passes when the template or constraint is rejected; Rego cannot be judged.
    if (typeof policy === 'string' && policy.includes('Rego code only')) return each('skip', policy);
    const rejected = typeof policy === 'string';
    return [
      {
        ...base,
        case: test.name,
        resource: '-',
        policy: kind,
        expected: 'invalid',
        actual: rejected ? 'invalid' : 'valid',
        status: rejected ? 'pass' : 'fail',
        message: rejected
          ? policy
          : 'the template and constraint compile, but the suite expects them to be rejected',
      },
    ];
  }
  if (typeof policy === 'string') {
    if (mismatch)
      throw new PalisadeError('input', `${constraintDoc.path}:${constraintDoc.line}: ${mismatch}`);
    return each('skip', policy);
  }
  return cases.map((c, i) => {
    const at = ['tests', t, 'cases', i];
    const line = doc.lineOf(at);
    const caseBase = {
      ...base,
      line,
      case: `${test.name} / ${c.name}`,
      policy: `${kind} ${constraint.metadata.name}`,
    };
    if (c.skip) {
      return {
        ...caseBase,
        resource: '-',
        expected: describe(c.assertions),
        actual: 'skipped',
        status: 'skip' as const,
        message: 'skip: true in the suite',
      };
    }
    const input = admissionInput(firstDocument(readReferenced(readText, doc, [...at, 'object'], c.object)));
    const namespaces = (c.inventory ?? []).flatMap((ref, j) =>
      readReferenced(readText, doc, [...at, 'inventory', j], ref).map((d) => d.value),
    );
    const facts = objectFacts(withNamespace(input, namespaces), true);
    const outcome = runForeign(policy, withNamespace(input, namespaces), [constraintDoc.value], facts);
    const messages = !outcome.applied
      ? []
      : 'error' in outcome
        ? [outcome.error]
        : outcome.results.flatMap((r) => r.violations.map((v) => v.message));
    const failure = c.assertions.map((a, j) => check(a, j, messages)).find((f) => f !== undefined);
    const resource = `${facts.kind} ${facts.namespace ? `${facts.namespace}/` : ''}${facts.name}`;
    return {
      ...caseBase,
      resource,
      expected: describe(c.assertions),
      actual: `${messages.length} violation${messages.length === 1 ? '' : 's'}`,
      status: failure ? ('fail' as const) : ('pass' as const),
      message: failure ?? messages.join('; '),
    };
  });
}

function firstDocument(docs: YamlDocument[]): YamlDocument {
  const doc = docs[0];
  if (!doc) throw new PalisadeError('input', 'expected a YAML document, found an empty file');
  return doc;
}

/** The object file of a case: one Kubernetes object, or an AdmissionReview (for UPDATE and DELETE). */
function admissionInput(doc: YamlDocument): AdmissionInput {
  const value = doc.value as { kind?: unknown; request?: Record<string, unknown> };
  const source = `${doc.path}:${doc.line}`;
  if (value.kind !== 'AdmissionReview') return { object: doc.value, source };
  const request = value.request ?? {};
  return {
    ...(request.object ? { object: request.object } : {}),
    ...(request.oldObject ? { oldObject: request.oldObject } : {}),
    ...(typeof request.operation === 'string' ? { operation: request.operation as Operation } : {}),
    ...(typeof request.namespace === 'string' ? { namespace: request.namespace } : {}),
    ...(request.userInfo ? { userInfo: request.userInfo as UserInfo } : {}),
    source,
  };
}

/** Namespaces of the case's inventory become the object's `namespaceObject`. */
function withNamespace(input: AdmissionInput, inventory: readonly unknown[]): AdmissionInput {
  const object = (input.object ?? input.oldObject) as { metadata?: { namespace?: unknown } } | undefined;
  const namespace = input.namespace ?? object?.metadata?.namespace;
  const found = inventory.find((o) => {
    const n = o as { kind?: unknown; metadata?: { name?: unknown } };
    return n.kind === 'Namespace' && n.metadata?.name === namespace;
  });
  return found ? { ...input, namespaceObject: found } : input;
}

function describe(assertions: readonly Assertion[]): string {
  return (
    assertions
      .map((a) => `violations: ${a.violations ?? 'yes'}${a.message === undefined ? '' : ` ~ /${a.message}/`}`)
      .join(', ') || 'no assertions'
  );
}

/** gator's rule: count the violations whose message matches (all, without `message`), then compare. */
function check(assertion: Assertion, index: number, messages: readonly string[]): string | undefined {
  const re = assertion.message === undefined ? undefined : compileRe2(assertion.message);
  const matching = messages.filter((m) => (re ? re.test(m) : true)).length;
  const want = assertion.violations ?? 'yes';
  const ok = want === 'yes' ? matching > 0 : want === 'no' ? matching === 0 : matching === want;
  if (ok) return undefined;
  const got = messages.length > 0 ? `: ${messages.join('; ')}` : '';
  return `assertion ${index + 1} (${describe([assertion])}): ${matching} matching violation${matching === 1 ? '' : 's'}${got}`;
}
