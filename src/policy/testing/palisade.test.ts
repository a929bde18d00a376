import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { toJUnitXml } from './junit.ts';
import { parsePolicyTests, runPolicyTests } from './palisade.ts';

const policyDir = join(import.meta.dirname, '..');
const suitePath = join(policyDir, 'testdata', 'tests', 'suite.yaml');
const rel = (p: string): string => p.replace(`${policyDir}/`, '');

test('a policy test suite: files, builtin sets, params, exceptions, inline objects, messages', () => {
  const suites = parsePolicyTests(suitePath, readFileSync(suitePath, 'utf8'));
  const report = runPolicyTests(suites);
  const rows = report.results.map((r) => [
    r.suite,
    r.case,
    r.resource,
    r.policy,
    r.expected,
    r.actual,
    r.status === 'pass',
  ]);
  const file = 'testdata/tests/fixtures/workloads.yaml (3 objects)';
  assert.deepEqual(
    rows.map((r) => r.map((x) => (typeof x === 'string' ? rel(x) : x))),
    [
      [
        'workloads',
        'privileged deployment with too many replicas',
        file,
        'pss-baseline-privileged',
        'deny',
        'deny',
        true,
      ],
      [
        'workloads',
        'privileged deployment with too many replicas',
        file,
        'pss-baseline-host-namespaces',
        'allow',
        'allow',
        true,
      ],
      [
        'workloads',
        'privileged deployment with too many replicas',
        file,
        'replica-limit',
        'deny',
        'deny',
        true,
      ],
      [
        'workloads',
        'privileged deployment with too many replicas',
        file,
        'require-network-policy',
        'allow',
        'allow',
        true,
      ],
      [
        'workloads',
        'legacy namespace is excepted',
        'Pod legacy/agent',
        'pss-baseline-privileged',
        'allow',
        'allow',
        true,
      ],
      [
        'workloads',
        'legacy namespace is excepted',
        'Pod legacy/agent',
        'require-network-policy',
        'warn',
        'warn',
        true,
      ],
      [
        'workloads',
        'host network pod',
        'Pod default/p',
        'pss-baseline-host-namespaces',
        'deny',
        'deny',
        true,
      ],
      [
        'wrong-expectations',
        'privileged pod in audit mode',
        'Pod default/p',
        'pss-baseline-privileged',
        'deny',
        'warn',
        false,
      ],
      [
        'wrong-expectations',
        'privileged pod in audit mode',
        'Pod default/p',
        'pss-baseline-host-ports',
        'allow',
        'allow',
        false,
      ],
      [
        'wrong-expectations',
        'privileged pod in audit mode',
        'Pod default/p',
        'no-such-policy',
        'allow',
        'allow',
        false,
      ],
    ],
  );
  const failure = (policy: string, resource: string) =>
    report.results.find((r) => r.policy === policy && r.resource === resource)?.message;
  assert.equal(
    report.results.find((r) => r.policy === 'replica-limit')?.message,
    'replicas must be at most 3',
  );
  assert.equal(
    failure('pss-baseline-privileged', 'Pod default/p'),
    'expected deny, got warn: privileged: containers c must not set securityContext.privileged=true',
  );
  assert.equal(failure('pss-baseline-host-ports', 'Pod default/p'), "no message contains 'nothing': (none)");
  assert.equal(
    failure('no-such-policy', 'Pod default/p'),
    "policy 'no-such-policy' is not loaded by this suite",
  );
  assert.deepEqual(
    report.results.find(
      (r) => r.case === 'legacy namespace is excepted' && r.policy === 'pss-baseline-privileged',
    )?.message,
    "excepted by PolicyException 'legacy-privileged' (owner platform@example.com, until 2026-06-30): the legacy agent needs a privileged sidecar until it is replaced",
  );
  assert.equal(report.passed, 7);
  assert.equal(report.failed, 3);
  assert.deepEqual(
    report.errors.map((e) => [rel(e.path), e.line, e.message]),
    [
      [
        'testdata/tests/suite.yaml',
        60,
        'not a resource: testdata/tests/suite.yaml:60: not a Kubernetes object (no apiVersion and kind)'.replace(
          'testdata/tests/suite.yaml',
          suitePath,
        ),
      ],
    ],
  );
});

test('JUnit XML output', () => {
  const suites = parsePolicyTests(suitePath, readFileSync(suitePath, 'utf8'));
  const xml = toJUnitXml(runPolicyTests(suites)).replaceAll(policyDir, '.');
  assert.match(
    xml,
    /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="palisade policy test" tests="11" failures="3" errors="1" skipped="0">/,
  );
  assert.match(
    xml,
    /<testcase classname="workloads" name="host network pod \[Pod default\/p\] pss-baseline-host-namespaces" file=".\/testdata\/tests\/suite.yaml" line="\d+"\/>/,
  );
  assert.match(
    xml,
    /<failure message="expected deny, got warn: privileged: containers c must not set securityContext.privileged=true" type="expected deny"\/>/,
  );
  assert.match(xml, /<testsuite name="errors" tests="1" failures="0" errors="1">/);
  assert.ok(xml.endsWith('</testsuites>\n'));
});

test('test files reach other files through the reader they are given, with line-numbered errors', () => {
  const files = new Map([
    ['/t/policy.yaml', readFileSync(join(policyDir, 'testdata', 'tests', 'replicas.yaml'), 'utf8')],
  ]);
  const read = (p: string): string => {
    const text = files.get(p);
    if (text === undefined) throw new Error('ENOENT: no such file');
    return text;
  };
  const suite = (body: string) =>
    `apiVersion: palisade.dev/v1alpha1\nkind: PolicyTest\nmetadata: {name: t}\nspec:\n${body}`;
  const ok = suite(
    '  policies: [policy.yaml]\n  cases:\n  - name: a\n    object: {apiVersion: apps/v1, kind: Deployment, metadata: {name: d}, spec: {replicas: 9}}\n    expect: {replica-limit: allow}\n',
  );
  assert.equal(runPolicyTests(parsePolicyTests('/t/suite.yaml', ok, read)).passed, 1);
  assert.throws(
    () =>
      parsePolicyTests(
        '/t/suite.yaml',
        suite(
          '  policies: [missing.yaml]\n  cases:\n  - name: a\n    object: {kind: X}\n    expect: {p: allow}\n',
        ),
        read,
      ),
    /^PalisadeError: \/t\/suite.yaml:5: cannot read \/t\/missing.yaml: ENOENT: no such file$/,
  );
  assert.throws(
    () =>
      parsePolicyTests(
        '/t/suite.yaml',
        suite('  policies: [policy.yaml]\n  cases:\n  - name: a\n    expect: {p: allow}\n'),
        read,
      ),
    /^PalisadeError: \/t\/suite.yaml:7: PolicyTest: spec.cases.0: give one of resource \(a file\), file \(inline Dockerfile\/Terraform\) or object\/oldObject \(inline\)$/,
  );
  assert.throws(
    () =>
      parsePolicyTests(
        '/t/suite.yaml',
        suite(
          '  policies: [policy.yaml]\n  cases:\n  - name: a\n    resource: Dockerfile\n    file: {name: Dockerfile, content: "FROM x"}\n    expect: {p: allow}\n',
        ),
        read,
      ),
    /^PalisadeError: \/t\/suite.yaml:7: PolicyTest: spec.cases.0: give one of /,
  );
  assert.throws(
    () =>
      parsePolicyTests(
        '/t/suite.yaml',
        suite('  policies: [policy.yaml]\n  cases:\n  - name: a\n    object: {}\n    expect: {p: maybe}\n'),
        read,
      ),
    /^PalisadeError: \/t\/suite.yaml:9: PolicyTest: spec.cases.0.expect.p: /,
  );
});
