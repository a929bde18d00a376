import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { exportPolicies } from './export.ts';
import { loadBuiltinSet } from './library/registry.ts';
import { loadPolicies } from './load.ts';

test('export: built-in policies become cluster objects with bindings that follow their mode', () => {
  const { yaml, skipped } = exportPolicies(loadBuiltinSet('network'));
  const docs = parseAllDocuments(yaml).map(
    (d) => d.toJS() as { kind: string; metadata: { name: string }; spec: Record<string, unknown> },
  );
  assert.deepEqual(
    docs.map((d) => [d.kind, d.metadata.name, d.spec.validationActions]),
    [
      ['ValidatingAdmissionPolicy', 'restrict-service-nodeport', undefined],
      ['ValidatingAdmissionPolicyBinding', 'restrict-service-nodeport', ['Deny']],
      ['ValidatingAdmissionPolicy', 'restrict-service-loadbalancer', undefined],
      ['ValidatingAdmissionPolicyBinding', 'restrict-service-loadbalancer', ['Warn', 'Audit']],
      ['ValidatingAdmissionPolicy', 'require-ingress-tls', undefined],
      ['ValidatingAdmissionPolicyBinding', 'require-ingress-tls', ['Deny']],
    ],
  );
  assert.deepEqual(
    skipped.map((s) => s.policy),
    ['require-network-policy'],
  );
  // What is exported loads back, unchanged in meaning.
  const again = loadPolicies([{ path: 'exported.yaml', text: yaml }]);
  assert.equal(again.policies.length, 3);
  assert.equal(again.bindings.length, 3);
});

test('export: params policies get a selecting paramRef; a forced mode rewrites every binding', () => {
  const { yaml } = exportPolicies(loadBuiltinSet('best-practices'), { mode: 'audit' });
  const bindings = parseAllDocuments(yaml)
    .map((d) => d.toJS() as { kind: string; metadata: { name: string }; spec: Record<string, unknown> })
    .filter((d) => d.kind === 'ValidatingAdmissionPolicyBinding');
  assert.ok(bindings.every((b) => JSON.stringify(b.spec.validationActions) === '["Warn","Audit"]'));
  assert.deepEqual(bindings.find((b) => b.metadata.name === 'require-labels')?.spec.paramRef, {
    selector: {},
    parameterNotFoundAction: 'Allow',
  });
});

test('export: Dockerfile and Terraform policies are left out, with the reason', () => {
  const { yaml, skipped } = exportPolicies(loadBuiltinSet('dockerfile'));
  assert.equal(yaml, '');
  assert.equal(skipped.length, loadBuiltinSet('dockerfile').policies.length);
  assert.deepEqual(
    new Set(skipped.map((s) => s.reason)),
    new Set(['it applies to Dockerfiles or Terraform, which a cluster never admits']),
  );
  const mixed = loadPolicies([
    {
      path: 'mixed.yaml',
      text: [
        'apiVersion: admissionregistration.k8s.io/v1',
        'kind: ValidatingAdmissionPolicy',
        'metadata: { name: no-latest-anywhere }',
        'spec:',
        '  matchConstraints:',
        '    resourceRules:',
        '      - { apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [pods] }',
        '      - { apiGroups: [dockerfile.palisade.dev], apiVersions: [v1alpha1], operations: [CREATE], resources: [dockerfiles] }',
        '  validations:',
        '    - expression: "true"',
        '',
      ].join('\n'),
    },
  ]);
  assert.deepEqual(
    exportPolicies(mixed).skipped,
    [],
    'a policy that also selects Kubernetes kinds is exported',
  );
});
