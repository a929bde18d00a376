import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { formatIssue } from './issues.ts';
import { POLICY_SETS } from './library/registry.ts';
import { lintPolicyFiles } from './lint.ts';

const read = (path: string): { path: string; text: string } => ({
  path,
  text: readFileSync(join(import.meta.dirname, path), 'utf8'),
});

test('lint reports every broken expression with its line, not just the first', () => {
  const issues = lintPolicyFiles([read('vap/testdata/broken.yaml'), read('vap/testdata/broken-schema.yaml')]);
  assert.deepEqual(issues.map(formatIssue), [
    "vap/testdata/broken-schema.yaml:11: ValidatingAdmissionPolicy: spec.validations.0: unknown field 'expresion'",
    'vap/testdata/broken-schema.yaml:11: ValidatingAdmissionPolicy: spec.validations.0.expression: required field is missing',
    'vap/testdata/broken-schema.yaml:17: ValidatingAdmissionPolicyBinding: spec.validationActions: required field is missing',
    'vap/testdata/broken.yaml:14: spec.variables.0.expression: variables.second is declared after this variable',
    // The syntax error is on the second line of the `|` block, the file's line 20.
    'vap/testdata/broken.yaml:20: spec.validations.0.expression: Unexpected token: EOF (at 2:25)',
    'vap/testdata/broken.yaml:21: spec.validations.1.expression: No such key: namex (at 1:9)',
  ]);
});

test('lint flags expired exceptions, bindings to unknown policies and mistyped kinds as warnings', () => {
  const text = `apiVersion: palisade.dev/v1alpha1
kind: PolicyException
metadata: {name: old}
spec:
  policy: p
  match: {namespaces: [a]}
  owner: me@example.com
  reason: r
  expires: 2024-01-31
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: b}
spec:
  policyName: nowhere
  validationActions: [Deny]
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmisionPolicy
metadata: {name: typo}
`;
  const issues = lintPolicyFiles([{ path: 'p.yaml', text }], { now: new Date('2025-01-01') });
  assert.deepEqual(
    issues.map((i) => [i.severity, formatIssue(i)]),
    [
      [
        'warning',
        "p.yaml:1: PolicyException 'old' expired on 2024-01-31; renew it or remove it (owner me@example.com)",
      ],
      ['warning', "p.yaml:11: binding 'b' names policy 'nowhere', which is not loaded"],
      [
        'warning',
        "p.yaml:19: unknown kind 'ValidatingAdmisionPolicy' for admissionregistration.k8s.io/v1; it is treated as a param object",
      ],
    ],
  );
});

test('the built-in library lints clean', () => {
  const files = [...new Set(Object.values(POLICY_SETS).flat())].map((f) => read(`library/${f}`));
  assert.deepEqual(lintPolicyFiles(files), []);
});

test('YAML syntax errors are reported with their line', () => {
  const issues = lintPolicyFiles([{ path: 'bad.yaml', text: 'apiVersion: v1\nkind: [\n' }]);
  assert.equal(issues.length, 1);
  assert.match(formatIssue(issues[0] as (typeof issues)[0]), /^bad\.yaml:\d+: /);
});
