import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Finding } from '../model/index.ts';
import { evaluateFindingPolicies } from './finding-policy.ts';
import { loadPolicies } from './load.ts';

const bundle = loadPolicies([
  {
    path: 'testdata/ci-gate.yaml',
    text: readFileSync(join(import.meta.dirname, 'testdata', 'ci-gate.yaml'), 'utf8'),
  },
]);

function vuln(
  id: string,
  extra: Partial<Finding> & { kev?: boolean; epss?: number; direct?: boolean } = {},
): Finding {
  const { kev, epss, direct, ...rest } = extra;
  return {
    id,
    kind: 'vulnerability',
    ruleId: `GHSA-${id}`,
    title: 'prototype pollution',
    severity: 'high',
    location: { path: 'package-lock.json', line: 10 },
    component: {
      purl: 'pkg:npm/qs@6.7.0',
      ecosystem: 'npm',
      name: 'qs',
      version: '6.7.0',
      scope: 'prod',
      direct: direct ?? false,
      licenses: [],
      location: { path: 'package-lock.json', line: 10 },
      source: { type: 'registry' },
      dependencies: [],
    },
    advisory: {
      osv: { id: `GHSA-${id}`, modified: '2024-01-01T00:00:00Z' },
      ids: [`GHSA-${id}`, 'CVE-2022-24999'],
      ...(kev
        ? {
            kev: {
              cveId: 'CVE-2022-24999',
              dateAdded: '2024-01-01',
              dueDate: '2024-01-22',
              knownRansomwareCampaignUse: false,
            },
          }
        : {}),
      ...(epss === undefined ? {} : { epss: { score: epss, percentile: 0.9, date: '2024-01-01' } }),
    },
    evidence: 'qs@6.7.0',
    fingerprint: `fp-${id}`,
    risk: { score: 5, factors: [] },
    ...rest,
  };
}

function secret(id: string): Finding {
  const { component: _c, advisory: _a, ...rest } = vuln(id);
  return { ...rest, kind: 'secret', ruleId: 'aws-access-key' };
}

test('finding policies decide per finding: deny, warn, audit mode, messages', () => {
  const findings: Finding[] = [
    vuln('a', { kev: true, reachability: 'function-reachable' }),
    vuln('b', { kev: true, reachability: 'unreachable' }),
    vuln('c', { severity: 'critical', remediation: { text: 'upgrade', fixedVersion: '6.7.3' } }),
    vuln('d', { epss: 0.7, direct: true }),
    vuln('e', { suppressed: { reason: 'not used', by: 'ignore-file' }, kev: true, reachability: 'imported' }),
    secret('f'),
  ];
  const results = evaluateFindingPolicies(bundle.findingPolicies, findings);
  assert.deepEqual(
    results.map((r) => [r.finding, r.policy, r.decision.verdict, r.decision.mode, r.decision.messages]),
    [
      [
        'a',
        'ci-gate',
        'deny',
        'enforce',
        ['kev-reachable: a known-exploited vulnerability in reachable code'],
      ],
      ['c', 'ci-gate', 'warn', 'enforce', ['critical-with-fix: upgrade qs to 6.7.3']],
      [
        'd',
        'ci-gate',
        'deny',
        'enforce',
        ['exploitable-direct: matched variables.exploitable && finding.direct'],
      ],
      ['f', 'secrets-audit', 'warn', 'audit', ['any-secret: secret committed']],
    ],
  );
});

test('forced audit mode, allowed results on request, suppressed findings on request', () => {
  const findings = [
    vuln('a', { kev: true }),
    vuln('e', { suppressed: { reason: 'x', by: 'vex' }, kev: true }),
  ];
  const audit = evaluateFindingPolicies(bundle.findingPolicies, findings, { mode: 'audit' });
  assert.deepEqual(
    audit.map((r) => [r.finding, r.decision.verdict, r.decision.mode]),
    [['a', 'warn', 'audit']],
  );
  const all = evaluateFindingPolicies(bundle.findingPolicies, findings, {
    includeAllowed: true,
    includeSuppressed: true,
  });
  assert.deepEqual(
    all.map((r) => [r.finding, r.policy, r.decision.verdict]),
    [
      ['a', 'ci-gate', 'deny'],
      ['a', 'secrets-audit', 'allow'],
      ['e', 'ci-gate', 'deny'],
      ['e', 'secrets-audit', 'allow'],
    ],
  );
});

test('a rule that fails to evaluate fires (fail closed)', () => {
  const broken = loadPolicies([
    {
      path: 'gate.yaml',
      text: `apiVersion: palisade.dev/v1alpha1
kind: FindingPolicy
metadata: {name: gate}
spec:
  rules:
  - name: bad
    expression: finding.nope == 1
`,
    },
  ]);
  const [result] = evaluateFindingPolicies(broken.findingPolicies, [vuln('a')]);
  assert.equal(result?.decision.verdict, 'deny');
  assert.deepEqual(result?.fired, [
    { rule: 'bad', action: 'deny', message: 'failed to evaluate: No such key: nope (at 1:9)', error: true },
  ]);
});

test('finding policy errors name the file and line', () => {
  const load = (text: string) => () => loadPolicies([{ path: 'gate.yaml', text }]);
  const header = 'apiVersion: palisade.dev/v1alpha1\nkind: FindingPolicy\nmetadata: {name: gate}\nspec:\n';
  assert.throws(
    load(`${header}  rules: []\n`),
    /^PalisadeError: gate.yaml:5: FindingPolicy: spec.rules: a FindingPolicy needs at least one rule$/,
  );
  assert.throws(
    load(`${header}  rules:\n  - name: a\n    expression: finding.severity ==\n`),
    /^PalisadeError: gate.yaml:7: spec.rules.0.expression: Unexpected token: EOF \(at 1:20\)$/,
  );
  assert.throws(
    load(`${header}  rules:\n  - name: a\n    expression: variables.x\n`),
    /^PalisadeError: gate.yaml:7: spec.rules.0.expression: variables.x is not declared$/,
  );
  assert.throws(
    load(`${header}  mode: strict\n  rules:\n  - name: a\n    expression: "true"\n`),
    /gate.yaml:5: FindingPolicy: spec.mode: /,
  );
  assert.throws(
    load(`${header}  rules:\n  - name: a\n    expression: "'x'"\n`),
    /must evaluate to bool, not string/,
  );
});
