import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runTestFiles, testFormatOf } from './formats.ts';
import { toJUnitXml } from './junit.ts';
import type { TestReport } from './report.ts';
import { toSarif } from './sarif.ts';

const testdata = join(import.meta.dirname, 'testdata');

async function run(...files: string[]): Promise<TestReport> {
  const read = files.map((f) => ({ path: join(testdata, f), text: readFileSync(join(testdata, f), 'utf8') }));
  return (await runTestFiles(read)).report;
}

function rows(report: TestReport): string[] {
  return report.results.map(
    (r) => `${r.status} ${r.case} [${r.resource}] expected ${r.expected}, got ${r.actual}`,
  );
}

describe('test file formats', () => {
  it('recognises each format and leaves fixtures alone', async () => {
    const name = (path: string, text: string) => testFormatOf(path, text)?.name;
    assert.equal(name('x/suite.yaml', 'kind: Suite\napiVersion: test.gatekeeper.sh/v1alpha1\n'), 'gator');
    assert.equal(name('x/kyverno-test.yaml', 'name: old\npolicies: []\n'), 'kyverno');
    assert.equal(name('x/t.yaml', 'apiVersion: cli.kyverno.io/v1alpha1\nkind: Test\n'), 'kyverno');
    assert.equal(name('x/t.yaml', 'apiVersion: palisade.dev/v1alpha1\nkind: PolicyTest\n'), 'palisade');
    assert.equal(name('x/pod.yaml', 'apiVersion: v1\nkind: Pod\n'), undefined);
  });
});

describe('gator verify suites', () => {
  it('runs CEL templates against their constraints, and skips Rego-only ones with the reason', async () => {
    const report = await run('gatekeeper/requiredlabels/suite.yaml', 'gatekeeper/hostnamespace/suite.yaml');
    assert.deepEqual(rows(report), [
      'pass all-must-have-owner / example-allowed [Namespace allowed-namespace] expected violations: no, got 0 violations',
      'pass all-must-have-owner / example-disallowed [Namespace disallowed-namespace] expected violations: yes ~ /you must provide labels: owner/, got 1 violation',
      'pass all-must-have-owner / example-disallowed-label-value [Namespace disallowed-namespace] expected violations: 1, violations: 1 ~ /allowed regex/, violations: no ~ /you must provide/, got 1 violation',
      'pass all-must-have-owner / excluded-namespace [Namespace kube-public] expected violations: no, got 0 violations',
      'pass all-must-have-owner / delete-reviews-the-old-object [Namespace legacy] expected violations: 1, got 1 violation',
      'pass wrong-kind-is-ignored / namespace-is-not-a-pod [Namespace disallowed-namespace] expected violations: no, got 0 violations',
      'skip host-namespace / example-disallowed [-] expected assertions, got skipped',
    ]);
    assert.equal(
      report.results[2]?.message,
      'label values do not satisfy their allowed regex: owner=user',
      'the messageExpression, with the constraint parameters as variables.params',
    );
    assert.equal(
      report.results[6]?.message,
      "template 'k8spsphostnamespace' has Rego code only; Palisade runs the CEL (K8sNativeValidation) engine, not Rego",
    );
    assert.deepEqual([report.passed, report.failed, report.skipped, report.errors.length], [6, 0, 1, 0]);
  });

  it('fails wrong assertions, judges invalid templates, and reports unreadable tests as errors', async () => {
    const report = await run('failing/suite.yaml');
    assert.deepEqual(rows(report), [
      'fail owner-expected-but-present / allowed-namespace-said-to-violate [Namespace allowed-namespace] expected violations: yes, got 0 violations',
      'skip owner-expected-but-present / skipped-case [-] expected violations: no, got skipped',
      'pass broken-template-is-invalid [-] expected invalid, got invalid',
      'fail good-template-said-to-be-invalid [-] expected invalid, got valid',
    ]);
    assert.match(
      report.results[2]?.message ?? '',
      /^does not compile on Palisade's CEL environment: .*broken-template\.yaml:16: /,
    );
    assert.equal(report.errors.length, 1);
    assert.equal(report.errors[0]?.line, 29);
    assert.match(
      report.errors[0]?.message ?? '',
      /^missing-constraint-file: cannot read .*nowhere\.yaml: ENOENT/,
    );
  });
});

describe('kyverno test files', () => {
  it('runs validate.cel rules, with the pod-controller (autogen) variants, and skips what is not CEL', async () => {
    const report = await run(
      'kyverno/disallow-latest-tag/.kyverno-test/kyverno-test.yaml',
      'kyverno/legacy/kyverno-test.yaml',
    );
    const rule = 'disallow-latest-tag / require-and-validate-image-tag';
    assert.deepEqual(rows(report), [
      `pass ${rule} [Pod badpod01] expected fail, got fail`,
      `pass ${rule} [Pod shop/badpod02] expected fail, got fail`,
      `pass ${rule} [Pod myapp-pod] expected pass, got pass`,
      `pass ${rule} [Deployment baddeployment01] expected fail, got fail`,
      `pass ${rule} [Deployment gooddeployment01] expected pass, got pass`,
      `pass ${rule} [CronJob badcronjob01] expected fail, got fail`,
      `pass ${rule} [ConfigMap settings] expected skip, got excluded`,
      'pass restrict-node-port / validate-nodeport [Service web] expected warn, got warn',
      'pass restrict-node-port / validate-nodeport [Service sandbox/web] expected pass, got excluded',
      'pass restrict-node-port / validate-nodeport [Service shop/headless] expected skip, got skip',
      'skip require-labels / check-for-labels [Pod unlabelled] expected fail, got skipped',
      'pass limit-replicas [Deployment big] expected fail, got fail',
    ]);
    assert.equal(report.results[1]?.message, "Using a mutable image tag e.g. 'latest' is not allowed.");
    assert.equal(report.results[7]?.message, 'Service web must not be of type NodePort');
    assert.equal(
      report.results[10]?.message,
      "rule 'check-for-labels' uses validate.pattern, Kyverno's own language; Palisade runs validate.cel only",
    );
  });

  it('fails wrong results and names what it could not find', async () => {
    const report = await run('failing/kyverno-test.yaml');
    assert.deepEqual(
      report.results.map((r) => `${r.status}: ${r.message}`),
      [
        'fail: expected fail, got pass',
        'fail: expected fail, got excluded: the rule does not match this resource',
        "fail: expected pass, got not found: policy 'no-such-policy' is not in the test's policies",
        "fail: expected pass, got not found: policy 'disallow-latest-tag' has no rule 'no-such-rule'",
        "fail: expected pass, got not found: no Pod 'ghost' in the test's resources",
      ],
    );
  });
});

describe('test report formats', () => {
  it('writes SARIF results with pass, fail and notApplicable kinds, and JUnit skips', async () => {
    const report = await run('failing/suite.yaml');
    const sarif = JSON.parse(toSarif(report, '1.2.3'));
    assert.equal(sarif.version, '2.1.0');
    const [runEntry] = sarif.runs;
    assert.deepEqual(
      runEntry.results.map((r: { kind: string; level: string }) => `${r.kind}/${r.level}`),
      ['fail/error', 'notApplicable/none', 'pass/none', 'fail/error'],
    );
    assert.equal(runEntry.invocations[0].executionSuccessful, false);
    assert.match(runEntry.invocations[0].toolExecutionNotifications[0].message.text, /nowhere\.yaml/);
    assert.match(
      runEntry.results[0].locations[0].physicalLocation.artifactLocation.uri,
      /^file:\/\/\/.*failing\/suite\.yaml$/,
    );
    assert.deepEqual(
      runEntry.tool.driver.rules.map((r: { id: string }) => r.id),
      ['K8sBroken', 'K8sRequiredLabels', 'K8sRequiredLabels all-must-have-owner'],
    );
    const junit = toJUnitXml(report);
    assert.match(
      junit,
      /<testsuites name="palisade policy test" tests="5" failures="2" errors="1" skipped="1">/,
    );
    assert.match(junit, /<skipped message="skip: true in the suite"\/>/);
  });
});

describe('malformed test files', () => {
  const read = (files: Record<string, string>) => (path: string) => {
    const text = files[path];
    if (text === undefined) throw new Error('ENOENT: no such file');
    return text;
  };

  it('names the file and line of a suite or test that does not fit its format', async () => {
    await assert.rejects(
      () =>
        runTestFiles([
          {
            path: '/t/suite.yaml',
            text: 'kind: Suite\napiVersion: test.gatekeeper.sh/v1alpha1\ntests:\n- name: x\n',
          },
        ]),
      /^PalisadeError: \/t\/suite\.yaml:4: Suite: tests\.0\.template: /,
    );
    const gator = 'kind: Suite\napiVersion: test.gatekeeper.sh/v1alpha1\n';
    const wrongTypes: [string, string][] = [
      ['tests: "x"\n', '/t/suite.yaml:3: Suite: tests: Invalid input: expected array, received string'],
      [
        'tests:\n- name: x\n  template: t.yaml\n  constraint: c.yaml\n  cases: 5\n',
        '/t/suite.yaml:7: Suite: tests.0.cases: Invalid input: expected array, received number',
      ],
      [
        'tests:\n- name: x\n  template: [',
        '/t/suite.yaml:5: Flow sequence in block collection must be sufficiently indented and end with a ]',
      ],
      [
        'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ntests: []\n',
        '/t/suite.yaml:1: Excessive alias count indicates a resource exhaustion attack',
      ],
    ];
    for (const [text, message] of wrongTypes) {
      await assert.rejects(() => runTestFiles([{ path: '/t/suite.yaml', text: gator + text }]), { message });
    }
    const kyverno =
      'apiVersion: cli.kyverno.io/v1alpha1\nkind: Test\npolicies: [p.yaml]\nresults:\n- {policy: p, kind: Pod, resources: [a], result: maybe}\n';
    const { report } = await runTestFiles([{ path: '/t/kyverno-test.yaml', text: kyverno }], read({}));
    assert.equal(report.errors[0]?.line, 5);
    assert.match(report.errors[0]?.message ?? '', /^kyverno Test: results\.0\.result: /);
  });

  it('skips a rule whose validate.cel is not an object of expressions, and a policy file that is not YAML is an error', async () => {
    const policy = `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata: {name: p}
spec:
  rules:
  - name: r
    match: {any: [{resources: {kinds: [Pod]}}]}
    validate: {cel: "object.spec != null"}
`;
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {containers: []}\n';
    const test = (policies: string) =>
      `apiVersion: cli.kyverno.io/v1alpha1\nkind: Test\npolicies: [${policies}]\nresources: [pod.yaml]\nresults:\n- {policy: p, rule: r, kind: Pod, resources: [a], result: pass}\n`;
    const files = { '/t/p.yaml': policy, '/t/pod.yaml': pod, '/t/bad.yaml': 'kind: [' };
    const { report: skipped } = await runTestFiles(
      [{ path: '/t/kyverno-test.yaml', text: test('p.yaml') }],
      read(files),
    );
    assert.deepEqual(
      skipped.results.map((r) => `${r.status}: ${r.message}`),
      ["skip: rule 'r' has a validate.cel that is not an object of expressions"],
    );
    const { report: broken } = await runTestFiles(
      [{ path: '/t/kyverno-test.yaml', text: test('bad.yaml') }],
      read(files),
    );
    assert.match(broken.errors[0]?.message ?? '', /^\/t\/bad\.yaml:1: /);
  });
});
