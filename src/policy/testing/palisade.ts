import { z } from 'zod';
import {
  type Decision,
  describeError,
  isPalisadeError,
  PalisadeError,
  type PolicyMode,
  type Verdict,
} from '../../model/index.ts';
import { IssueList } from '../issues.ts';
import { isBuiltinRef, loadBuiltinSet } from '../library/registry.ts';
import { checkBundle, compilePolicyText, emptyBundle, mergeBundles, type PolicyBundle } from '../load.ts';
import { manifestSetParam, namespaceIndex, namespaceOf } from '../vap/batch.ts';
import { type EvaluateOptions, evaluatePolicies, type PolicyResult } from '../vap/evaluate.ts';
import { type AdmissionInput, type Operation, prepareRequest, type UserInfo } from '../vap/request.ts';
import { parseYamlDocuments, validateDocument, type YamlDocument } from '../yaml.ts';
import { type ReadText, readFromDisk, resolveFrom as resolve } from './files.ts';
import { type TestCaseResult, type TestReport, testReport } from './report.ts';

/**
 * `palisade policy test`: policy tests as data. A suite names policies (files or `builtin:` sets),
 * resources (inline or from files) and, per resource, the verdict each policy must reach.
 * Gatekeeper's suite.yaml (gator.ts) and kyverno-test.yaml (kyverno-test.ts) are the other formats.
 *
 * ```yaml
 * apiVersion: palisade.dev/v1alpha1
 * kind: PolicyTest
 * metadata: { name: workloads }
 * spec:
 *   policies: [builtin:pss-restricted, ../policies/replicas.yaml]
 *   params: [params.yaml]          # files of param objects (optional)
 *   now: 2026-03-01                 # the clock exceptions are judged by (optional)
 *   cases:
 *   - name: privileged pod
 *     resource: fixtures/privileged-pod.yaml   # every document in it
 *     expect: { pss-baseline-privileged: deny, pss-restricted-seccomp: allow }
 *   - name: inline
 *     object: { apiVersion: v1, kind: Pod, metadata: { name: p }, spec: { containers: [] } }
 *     namespaceObject: { apiVersion: v1, kind: Namespace, metadata: { name: default, labels: { env: prod } } }
 *     expect:
 *       demo-policy: { verdict: deny, message: replicas }
 *   - name: a Dockerfile or Terraform file, read as `scan` reads it (any name that is not .yaml/.yml/.json)
 *     resource: fixtures/root.Dockerfile
 *     expect: { dockerfile-root-user: deny }
 *   - name: the same, inline; the name picks the input (Dockerfile, *.dockerfile, *.tf)
 *     file: { name: main.tf, content: 'resource "aws_s3_bucket" "b" {}' }
 *     expect: { terraform-aws-s3-public-access-block: deny }
 * ```
 *
 * Dockerfile and Terraform cases go through an `IacCaseEvaluator` (src/iac/policy-test.ts: the
 * IaC inputs and the evaluation `scan --policy` uses), given to `runPalisadeTests` by the CLI:
 * the policy module does not depend on the IaC one.
 */
export interface PolicyTestSuite {
  name: string;
  path: string;
  policies: PolicyBundle;
  params: unknown[];
  mode: PolicyMode | undefined;
  now: Date | undefined;
  cases: PolicyTestCase[];
}

export interface Expectation {
  verdict: Verdict;
  /** A substring one of the decision's messages must contain. */
  message: string | undefined;
}

export interface PolicyTestCase {
  name: string;
  line: number;
  /** One or more resources (a file may hold several documents); each must meet `expect`. */
  inputs: AdmissionInput[];
  /** Instead of `inputs`: a Dockerfile or Terraform file, judged by the IaC evaluator. */
  iacFile?: IacFile;
  expect: Map<string, Expectation>;
}

/** A file an IaC input reads (`Dockerfile`, `main.tf`): where it came from and its text. */
export interface IacFile {
  path: string;
  text: string;
}

/** The suite's evaluation settings, as they apply to Kubernetes cases. */
export interface IacCaseOptions {
  params: unknown[];
  mode: PolicyMode | undefined;
  now: Date | undefined;
}

/**
 * Parses a Dockerfile or Terraform file with the input that reads it and evaluates a bundle over
 * its resources the way `scan --policy` does. Throws a PalisadeError for a file no input reads
 * or cannot parse; returns the decisions, and per-resource evaluation errors as messages.
 */
export interface IacCaseEvaluator {
  evaluate(
    bundle: PolicyBundle,
    file: IacFile,
    options: IacCaseOptions,
  ): Promise<{ decisions: Decision[]; errors: string[] }>;
}

const VERDICTS = ['allow', 'warn', 'deny'] as const;
const expectationSchema = z.union([
  z.enum(VERDICTS),
  z.strictObject({ verdict: z.enum(VERDICTS), message: z.string().optional() }),
]);

const caseSchema = z
  .strictObject({
    name: z.string().min(1),
    resource: z.string().min(1).optional(),
    file: z.strictObject({ name: z.string().min(1), content: z.string() }).optional(),
    object: z.record(z.string(), z.unknown()).optional(),
    oldObject: z.record(z.string(), z.unknown()).optional(),
    operation: z.enum(['CREATE', 'UPDATE', 'DELETE', 'CONNECT']).optional(),
    namespaceObject: z.record(z.string(), z.unknown()).optional(),
    userInfo: z
      .strictObject({
        username: z.string(),
        uid: z.string().optional(),
        groups: z.array(z.string()).optional(),
        extra: z.record(z.string(), z.array(z.string())).optional(),
      })
      .optional(),
    expect: z
      .record(z.string(), expectationSchema)
      .refine((e) => Object.keys(e).length > 0, 'expect at least one policy'),
  })
  .refine(
    (c) => [c.resource, c.file, c.object ?? c.oldObject].filter((given) => given !== undefined).length === 1,
    {
      message:
        'give one of resource (a file), file (inline Dockerfile/Terraform) or object/oldObject (inline)',
    },
  );

const suiteSchema = z.looseObject({
  apiVersion: z.literal('palisade.dev/v1alpha1'),
  kind: z.literal('PolicyTest'),
  metadata: z.looseObject({ name: z.string().min(1) }),
  spec: z.strictObject({
    policies: z.array(z.string().min(1)).min(1, 'name at least one policy file or builtin: set'),
    params: z.array(z.string().min(1)).optional(),
    mode: z.enum(['audit', 'enforce']).optional(),
    now: z
      .union([z.date(), z.string().regex(/^\d{4}-\d{2}-\d{2}/, 'expected a date like 2026-12-31')])
      .optional(),
    cases: z.array(caseSchema).min(1, 'a test needs at least one case'),
  }),
});

/** Parses a Palisade PolicyTest file (several suites may share one file, as YAML documents). */
export function isPalisadeTest(text: string): boolean {
  return /^kind:\s*PolicyTest\b/m.test(text);
}

/** Runs the PolicyTest suites of one file; Dockerfile and Terraform cases through `iac`. */
export async function runPalisadeTests(
  path: string,
  text: string,
  readText: ReadText,
  iac?: IacCaseEvaluator,
): Promise<TestReport> {
  const suites = parsePolicyTests(path, text, readText);
  return runPolicyTests(suites, await evaluateIacCases(suites, iac));
}

/** The decisions of every Dockerfile/Terraform case (by case), or the error that stopped it. */
export type IacOutcomes = Map<PolicyTestCase, { decisions: Decision[]; errors: string[] } | Error>;

/** Evaluates the cases that name a Dockerfile or Terraform file; without an evaluator each is an error. */
export async function evaluateIacCases(
  suites: readonly PolicyTestSuite[],
  iac: IacCaseEvaluator | undefined,
): Promise<IacOutcomes> {
  const outcomes: IacOutcomes = new Map();
  for (const suite of suites) {
    const options = { params: suite.params, mode: suite.mode, now: suite.now };
    for (const testCase of suite.cases) {
      const file = testCase.iacFile;
      if (!file) continue;
      if (!iac) {
        outcomes.set(
          testCase,
          new Error(`${file.path} is not Kubernetes YAML, and no IaC evaluator was given`),
        );
        continue;
      }
      try {
        outcomes.set(testCase, await iac.evaluate(suite.policies, file, options));
      } catch (error) {
        if (!isPalisadeError(error)) throw error;
        outcomes.set(testCase, new Error(describeError(error)));
      }
    }
  }
  return outcomes;
}

export function parsePolicyTests(
  path: string,
  text: string,
  readText: ReadText = readFromDisk,
): PolicyTestSuite[] {
  return parseYamlDocuments(path, text).map((doc) => parseSuite(doc, readText));
}

function parseSuite(doc: YamlDocument, readText: ReadText): PolicyTestSuite {
  const validated = validateDocument(doc, suiteSchema, 'PolicyTest');
  if (!validated.ok) {
    const first = validated.problems[0] as { line: number; message: string };
    throw new PalisadeError('input', `${doc.path}:${first.line}: ${first.message}`);
  }
  const { metadata, spec } = validated.value;
  const policies = loadSuitePolicies(doc, spec.policies, readText);
  const params = [...policies.params];
  for (const ref of spec.params ?? []) {
    const file = resolve(doc.path, ref);
    for (const d of parseYamlDocuments(file, read(readText, file, doc, ['spec', 'params'])))
      params.push(d.value);
  }
  const now = spec.now === undefined ? undefined : spec.now instanceof Date ? spec.now : new Date(spec.now);
  return {
    name: metadata.name,
    path: doc.path,
    policies,
    params,
    mode: spec.mode,
    now,
    cases: spec.cases.map((c, i) => parseCase(doc, i, c, readText)),
  };
}

function read(readText: ReadText, file: string, doc: YamlDocument, at: (string | number)[]): string {
  try {
    return readText(file);
  } catch (error) {
    throw new PalisadeError(
      'input',
      `${doc.path}:${doc.lineOf(at)}: cannot read ${file}: ${describeError(error)}`,
    );
  }
}

function loadSuitePolicies(doc: YamlDocument, refs: readonly string[], readText: ReadText): PolicyBundle {
  const bundles: PolicyBundle[] = [];
  const own = emptyBundle();
  const issues = new IssueList();
  refs.forEach((ref, i) => {
    if (isBuiltinRef(ref)) {
      bundles.push(loadBuiltinSet(ref));
      return;
    }
    const file = resolve(doc.path, ref);
    compilePolicyText(file, read(readText, file, doc, ['spec', 'policies', i]), own, issues);
  });
  checkBundle(own, issues);
  const first = issues.firstError();
  if (first) throw new PalisadeError('input', `${first.path}:${first.line}: ${first.message}`);
  return mergeBundles(...bundles, own);
}

function parseCase(
  doc: YamlDocument,
  index: number,
  c: z.infer<typeof caseSchema>,
  readText: ReadText,
): PolicyTestCase {
  const line = doc.lineOf(['spec', 'cases', index]);
  const common = {
    ...(c.operation ? { operation: c.operation as Operation } : {}),
    ...(c.namespaceObject ? { namespaceObject: c.namespaceObject } : {}),
    ...(c.userInfo ? { userInfo: c.userInfo as UserInfo } : {}),
  };
  let inputs: AdmissionInput[] = [];
  let iacFile: IacFile | undefined;
  if (c.file !== undefined) {
    iacFile = { path: resolve(doc.path, c.file.name), text: c.file.content };
  } else if (c.resource !== undefined && !KUBERNETES_FILE.test(c.resource)) {
    const path = resolve(doc.path, c.resource);
    iacFile = { path, text: read(readText, path, doc, ['spec', 'cases', index, 'resource']) };
  } else if (c.resource !== undefined) {
    const file = resolve(doc.path, c.resource);
    const docs = parseYamlDocuments(file, read(readText, file, doc, ['spec', 'cases', index, 'resource']));
    inputs = docs.map((d) => ({ ...common, object: d.value, source: `${file}:${d.line}` }));
  } else {
    inputs = [
      {
        ...common,
        ...(c.object ? { object: c.object } : {}),
        ...(c.oldObject ? { oldObject: c.oldObject } : {}),
        source: `${doc.path}:${line}`,
      },
    ];
  }
  const expect = new Map<string, Expectation>();
  for (const [policy, e] of Object.entries(c.expect)) {
    expect.set(
      policy,
      typeof e === 'string' ? { verdict: e, message: undefined } : { verdict: e.verdict, message: e.message },
    );
  }
  return { name: c.name, line, inputs, ...(iacFile ? { iacFile } : {}), expect };
}

/** Resource files read as Kubernetes documents; any other name goes to the IaC inputs. */
const KUBERNETES_FILE = /\.(ya?ml|json)$/i;

const RANK: Record<Verdict, number> = { allow: 0, warn: 1, deny: 2 };

/**
 * Runs suites: every case's resources against the suite's policies, every expectation checked.
 * Dockerfile/Terraform cases take their decisions from `iac` (evaluateIacCases).
 */
export function runPolicyTests(suites: readonly PolicyTestSuite[], iac: IacOutcomes = new Map()): TestReport {
  const report: TestReport = testReport([]);
  for (const suite of suites) {
    const loaded = new Set(
      [...suite.policies.policies, ...suite.policies.findingPolicies].map((p) => p.name),
    );
    for (const testCase of suite.cases) {
      if (testCase.iacFile) runIacCase(suite, testCase, testCase.iacFile, iac.get(testCase), loaded, report);
      else runCase(suite, testCase, loaded, report);
    }
  }
  return testReport(report.results, report.errors);
}

function runIacCase(
  suite: PolicyTestSuite,
  testCase: PolicyTestCase,
  file: IacFile,
  outcome: { decisions: Decision[]; errors: string[] } | Error | undefined,
  loaded: Set<string>,
  report: TestReport,
): void {
  const failure =
    outcome === undefined
      ? `${file.path} was not evaluated (run the suite with runPalisadeTests)`
      : outcome instanceof Error
        ? outcome.message
        : outcome.errors[0];
  if (failure !== undefined || outcome === undefined || outcome instanceof Error) {
    const message = `${testCase.name}: ${failure}`;
    report.errors.push({ path: suite.path, line: testCase.line, severity: 'error', message });
    return;
  }
  for (const [policy, expectation] of testCase.expect) {
    report.results.push(check(suite, testCase, file.path, policy, expectation, outcome.decisions, loaded));
  }
}

/**
 * A case is judged as a unit: a file of several documents (a Namespace, a NetworkPolicy, a
 * Deployment) reaches, for each policy, the strictest verdict any of its documents gets.
 */
function runCase(
  suite: PolicyTestSuite,
  testCase: PolicyTestCase,
  loaded: Set<string>,
  report: TestReport,
): void {
  // The resources of a case form a manifest set: its Namespaces and NetworkPolicies count.
  const objects = testCase.inputs.map((i) => i.object ?? i.oldObject);
  const namespaces = namespaceIndex(objects);
  const options: EvaluateOptions = {
    params: [...suite.params, manifestSetParam(objects)],
    exceptions: suite.policies.exceptions,
    ...(suite.mode ? { mode: suite.mode } : {}),
    ...(suite.now ? { now: suite.now } : {}),
  };
  const results: PolicyResult[] = [];
  for (const input of testCase.inputs) {
    const namespaceObject =
      input.namespaceObject ?? namespaces.get(namespaceOf(input.object ?? input.oldObject));
    try {
      results.push(...evaluatePolicies(suite.policies, { ...input, namespaceObject }, options));
    } catch (error) {
      if (!isPalisadeError(error)) throw error;
      const message = `${testCase.name}: ${describeError(error)}`;
      report.errors.push({ path: suite.path, line: testCase.line, severity: 'error', message });
      return;
    }
  }
  const subject =
    testCase.inputs.length === 1
      ? (subjectOfInput(testCase.inputs[0] as AdmissionInput) ?? testCase.name)
      : `${testCase.inputs[0]?.source?.replace(/:\d+$/, '') ?? testCase.name} (${testCase.inputs.length} objects)`;
  for (const [policy, expectation] of testCase.expect) {
    const decisions = results.map((r) => r.decision);
    report.results.push(check(suite, testCase, subject, policy, expectation, decisions, loaded));
  }
}

function subjectOfInput(input: AdmissionInput): string | undefined {
  try {
    return prepareRequest(input).subject;
  } catch {
    return undefined;
  }
}

function check(
  suite: PolicyTestSuite,
  testCase: PolicyTestCase,
  resource: string,
  policy: string,
  expectation: Expectation,
  decisions: readonly Decision[],
  loaded: Set<string>,
): TestCaseResult {
  const base = {
    format: 'palisade' as const,
    suite: suite.name,
    case: testCase.name,
    resource,
    policy,
    expected: expectation.verdict,
    path: suite.path,
    line: testCase.line,
  };
  if (!loaded.has(policy)) {
    return {
      ...base,
      actual: 'allow',
      status: 'fail',
      message: `policy '${policy}' is not loaded by this suite`,
    };
  }
  const mine = decisions.filter((d) => d.policy === policy);
  const worst = mine.reduce<Decision | undefined>(
    (w, d) => (w && RANK[w.verdict] >= RANK[d.verdict] ? w : d),
    undefined,
  );
  const actual = worst?.verdict ?? 'allow';
  const messages = mine.flatMap((d) => d.messages);
  if (actual !== expectation.verdict) {
    const why =
      messages.length > 0
        ? `: ${messages.join('; ')}`
        : worst
          ? ''
          : ' (the policy does not apply to this resource)';
    return {
      ...base,
      actual,
      status: 'fail',
      message: `expected ${expectation.verdict}, got ${actual}${why}`,
    };
  }
  if (expectation.message !== undefined && !messages.some((m) => m.includes(expectation.message as string))) {
    return {
      ...base,
      actual,
      status: 'fail',
      message: `no message contains '${expectation.message}': ${messages.join('; ') || '(none)'}`,
    };
  }
  return { ...base, actual, status: 'pass', message: messages.join('; ') };
}
