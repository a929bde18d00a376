import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PalisadeError } from '../../model/index.ts';
import { CelError } from '../cel/errors.ts';
import type { PolicyException } from '../exceptions.ts';
import { loadPolicies } from '../load.ts';
import { evaluatePolicies, type PolicyResult } from './evaluate.ts';
import { prepareRequest } from './request.ts';
import { deployment, loadTestPolicies, namespace } from './testing.ts';

function verdicts(results: PolicyResult[]): string[] {
  return results.map(
    (r) => `${r.policy}${r.binding ? ` (${r.binding})` : ''}: ${r.decision.verdict}/${r.decision.mode}`,
  );
}

test('the documentation example: bindings select namespaces and choose Deny or Warn', () => {
  const set = loadTestPolicies('demo.yaml');
  const test = evaluatePolicies(set, {
    object: deployment('web', 'ns1', 6),
    namespaceObject: namespace('ns1', { environment: 'test' }),
  });
  assert.deepEqual(verdicts(test), ['demo-policy.example.com (demo-binding-test.example.com): deny/enforce']);
  assert.deepEqual(test[0]?.violations, [
    {
      kind: 'validation',
      message: 'failed expression: object.spec.replicas <= 5',
      reason: 'Invalid',
      line: 15,
    },
  ]);
  assert.deepEqual(test[0]?.decision, {
    verdict: 'deny',
    policy: 'demo-policy.example.com',
    mode: 'enforce',
    messages: ['failed expression: object.spec.replicas <= 5'],
    subject: 'Deployment ns1/web',
  });

  const staging = evaluatePolicies(set, {
    object: deployment('web', 'ns2', 6),
    namespaceObject: namespace('ns2', { environment: 'staging' }),
  });
  assert.deepEqual(verdicts(staging), [
    'demo-policy.example.com (demo-binding-staging.example.com): warn/audit',
  ]);

  const ok = evaluatePolicies(set, {
    object: deployment('web', 'ns1', 5),
    namespaceObject: namespace('ns1', { environment: 'test' }),
  });
  assert.deepEqual(verdicts(ok), ['demo-policy.example.com (demo-binding-test.example.com): allow/enforce']);

  // No binding matches a namespace without the label; a Pod is not a deployment at all.
  assert.deepEqual(evaluatePolicies(set, { object: deployment('web', 'other', 6) }), []);
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'ns1' },
    spec: { containers: [] },
  };
  assert.deepEqual(
    evaluatePolicies(set, { object: pod, namespaceObject: namespace('ns1', { environment: 'test' }) }),
    [],
  );
  // DELETE is not among the rule's operations.
  assert.deepEqual(
    evaluatePolicies(set, {
      oldObject: deployment('web', 'ns1', 6),
      namespaceObject: namespace('ns1', { environment: 'test' }),
    }),
    [],
  );
});

test('params: paramRef by name and by selector, parameterNotFoundAction, implicit binding', () => {
  const set = loadTestPolicies('params.yaml');
  const testNs = namespace('default', { environment: 'test' });
  const denied = evaluatePolicies(
    set,
    { object: deployment('web', 'default', 4), namespaceObject: testNs },
    { params: set.params },
  );
  assert.deepEqual(verdicts(denied), [
    'replicalimit-policy.example.com (replicalimit-binding-test.example.com): deny/enforce',
  ]);
  assert.deepEqual(denied[0]?.decision.messages, ['object.spec.replicas must be no greater than 3']);
  assert.equal(denied[0]?.params, 'replica-limit-test.example.com');

  const missing = evaluatePolicies(set, { object: deployment('web', 'default', 1), namespaceObject: testNs });
  assert.deepEqual(missing[0]?.decision.messages, [
    'no params found for policy binding with `Deny` parameterNotFoundAction',
  ]);

  // Selected params: one result per param object; none found is allowed.
  const batchNs = namespace('jobs', { environment: 'batch' });
  const limits = [10, 2].map((max, i) => ({
    apiVersion: 'rules.example.com/v1',
    kind: 'ReplicaLimit',
    metadata: { name: `limit-${i}`, labels: { tier: 'batch' } },
    maxReplicas: max,
  }));
  const selected = evaluatePolicies(
    set,
    { object: deployment('job', 'jobs', 5), namespaceObject: batchNs },
    { params: limits },
  );
  assert.deepEqual(
    selected.map((r) => [r.params, r.decision.verdict]),
    [
      ['limit-0', 'allow'],
      ['limit-1', 'warn'],
    ],
  );
  assert.deepEqual(
    evaluatePolicies(set, { object: deployment('job', 'jobs', 5), namespaceObject: batchNs }),
    [],
  );
});

test('variables are composed in order; matchConditions skip; audit annotations are recorded', () => {
  const set = loadTestPolicies('variables.yaml');
  const object = (image: string, labels: Record<string, string> = {}) => {
    const d = deployment('web', 'prod-ns', 1, { labels }) as {
      spec: { template: { spec: { containers: { image: string }[] } } };
    };
    d.spec.template.spec.containers = [{ image }, { image: 'docker.io/library/busybox' }];
    return d;
  };
  const ns = namespace('prod-ns', { environment: 'staging' });
  const denied = evaluatePolicies(set, { object: object('prod.example.com/app:1'), namespaceObject: ns });
  assert.deepEqual(
    denied.map((r) => r.decision.messages),
    [['only staging images are allowed in namespace prod-ns']],
  );
  assert.deepEqual(denied[0]?.auditAnnotations, {
    'image-matches-namespace-environment.policy.example.com/image-count': '2 containers',
  });
  const allowed = evaluatePolicies(set, { object: object('staging.example.com/app:1'), namespaceObject: ns });
  assert.equal(allowed[0]?.decision.verdict, 'allow');
  const exempt = evaluatePolicies(set, {
    object: object('prod.example.com/app:1', { exempt: 'true' }),
    namespaceObject: ns,
  });
  assert.equal(exempt[0]?.decision.verdict, 'allow');
  assert.equal(
    exempt[0]?.auditAnnotations['image-matches-namespace-environment.policy.example.com/exempt'],
    'yes',
  );

  // matchConditions: kubelet requests and dry runs are not evaluated at all.
  const kubelet = evaluatePolicies(set, {
    object: object('prod.example.com/app:1'),
    namespaceObject: ns,
    userInfo: { username: 'system:node:n1', groups: ['system:nodes'] },
  });
  assert.deepEqual(kubelet, []);
  assert.deepEqual(
    evaluatePolicies(set, { object: object('prod.example.com/app:1'), namespaceObject: ns, dryRun: true }),
    [],
  );
});

test('failurePolicy: Fail turns errors into violations, Ignore lets them pass with a warning', () => {
  const set = loadTestPolicies('failure.yaml');
  const cm = (name: string, data: Record<string, string>, labels: Record<string, string> = {}) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: 'default', labels },
    data,
  });
  const results = evaluatePolicies(set, { object: cm('settings', { a: '1', b: '2', c: '3', d: '4' }) });
  assert.deepEqual(verdicts(results), ['strict: deny/enforce', 'lenient: warn/audit']);
  const [strict, lenient] = results;
  assert.deepEqual(
    strict?.violations.map((v) => [v.kind, v.message, v.line]),
    [
      ['error', "expression 'object.data.size <= 3' resulted in error: No such key: size (at 1:13)", 14],
      ['validation', "failed expression: object.metadata.name.startsWith('cm-')", 16],
    ],
  );
  assert.deepEqual(lenient?.decision.messages, ['data has too many keys']);
  assert.deepEqual(lenient?.ignoredErrors, [
    "expression 'object.data.missing == 'x'' resulted in error: No such key: missing (at 1:13)",
  ]);
  assert.match(lenient?.warnings[0] ?? '', /^lenient: ignored \(failurePolicy: Ignore\)/);

  // excludeResourceRules by name; `lenient` only matches CREATE.
  const excluded = evaluatePolicies(set, { object: cm('kube-root-ca.crt', {}) });
  assert.deepEqual(verdicts(excluded), ['strict: deny/enforce']);
  const update = evaluatePolicies(set, { object: cm('cm-a', {}), oldObject: cm('cm-a', {}) });
  assert.deepEqual(verdicts(update), ['strict: deny/enforce']);

  // A forced mode overrides bindings and annotations.
  assert.deepEqual(verdicts(evaluatePolicies(set, { object: cm('settings', {}) }, { mode: 'audit' })), [
    'strict: warn/audit',
    'lenient: allow/audit',
  ]);
});

test('a hostile expression ends in a cost error, a hostile object in a size error, quickly', () => {
  const set = loadTestPolicies('failure.yaml');
  const start = performance.now();
  const items = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`k${i}`, 'v']));
  const hostile = evaluatePolicies(set, {
    object: {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cm-x', namespace: 'a', labels: { hostile: '' } },
      data: { items },
    },
  });
  const result = hostile.find((r) => r.policy === 'hostile');
  assert.equal(result?.decision.verdict, 'deny');
  assert.match(
    result?.violations[0]?.message ?? '',
    /resulted in error: expression exceeded the per-expression cost budget of 1000000 units/,
  );
  assert.ok(performance.now() - start < 1500);

  const huge = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'big', namespace: 'a' },
    data: { blob: 'x'.repeat(50 * 1024 * 1024) },
  };
  assert.throws(
    () => evaluatePolicies(set, { object: huge, source: 'k8s/big.yaml:1' }),
    (e: unknown) =>
      e instanceof CelError &&
      e.kind === 'size' &&
      e.message ===
        'k8s/big.yaml:1: ConfigMap a/big: larger than 3 MiB, the most the API server accepts in one request; refusing to evaluate it',
  );
  assert.ok(performance.now() - start < 3000);
});

test('exceptions exempt matching resources until they expire', () => {
  const set = loadTestPolicies('demo.yaml');
  const input = {
    object: deployment('web', 'ns1', 9, { labels: { team: 'a' } }),
    namespaceObject: namespace('ns1', { environment: 'test' }),
  };
  const exception: PolicyException = {
    name: 'web-scale-test',
    policies: ['demo-policy.*'],
    namespaces: ['ns1'],
    names: ['we*'],
    kinds: undefined,
    labels: { team: 'a' },
    owner: 'team-a@example.com',
    reason: 'load test until Friday',
    expires: '2026-03-06',
    source: { path: 'x', line: 1 },
  };
  const during = evaluatePolicies(set, input, {
    exceptions: [exception],
    now: new Date('2026-03-06T23:00:00Z'),
  });
  assert.equal(during[0]?.decision.verdict, 'allow');
  assert.deepEqual(during[0]?.decision.messages, [
    "excepted by PolicyException 'web-scale-test' (owner team-a@example.com, until 2026-03-06): load test until Friday",
  ]);
  assert.equal(during[0]?.violations.length, 1, 'the violation stays on record');
  const after = evaluatePolicies(set, input, {
    exceptions: [exception],
    now: new Date('2026-03-07T00:00:00Z'),
  });
  assert.equal(after[0]?.decision.verdict, 'deny');
  assert.deepEqual(after[0]?.warnings, [
    "PolicyException 'web-scale-test' (owner team-a@example.com) expired on 2026-03-06 and no longer exempts this resource from demo-policy.example.com",
  ]);
  const other = evaluatePolicies(
    set,
    { ...input, object: deployment('api', 'ns1', 9, { labels: { team: 'a' } }) },
    {
      exceptions: [exception],
      now: new Date('2026-03-01T00:00:00Z'),
    },
  );
  assert.equal(other[0]?.decision.verdict, 'deny');
});

test('loading reports every problem with its file and line', () => {
  const lines = (name: string) => {
    try {
      loadTestPolicies(name);
    } catch (e) {
      assert.ok(e instanceof PalisadeError);
      return e.message;
    }
    return assert.fail('loaded');
  };
  assert.equal(
    lines('broken.yaml'),
    'testdata/broken.yaml:14: spec.variables.0.expression: variables.second is declared after this variable',
  );
  assert.equal(
    lines('broken-schema.yaml'),
    "testdata/broken-schema.yaml:11: ValidatingAdmissionPolicy: spec.validations.0: unknown field 'expresion'",
  );
});

test('a prepared request is reused across evaluations and rejects non-objects', () => {
  const set = loadTestPolicies('demo.yaml');
  const prepared = prepareRequest({
    object: deployment('web', 'ns1', 6),
    namespaceObject: namespace('ns1', { environment: 'test' }),
  });
  assert.equal(prepared.subject, 'Deployment ns1/web');
  assert.equal(prepared.target.resource, 'deployments');
  assert.deepEqual(verdicts(evaluatePolicies(set, prepared)), verdicts(evaluatePolicies(set, prepared)));
  assert.throws(
    () => prepareRequest({ object: { foo: 1 }, source: 'x.yaml:3' }),
    /^PalisadeError: x.yaml:3: not a Kubernetes object/,
  );
  assert.equal(
    prepareRequest({ object: { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' } } }).resource
      .namespace,
    'default',
  );
  assert.equal(
    prepareRequest({
      object: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r' } },
    }).subject,
    'ClusterRole r',
  );
});

test('the per-kind candidate list skips policies of other kinds, and resourceNames still decide per object', () => {
  const policy = (name: string, rule: string) => `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: ${name}}
spec:
  matchConstraints:
    resourceRules:
    - ${rule}
  validations:
  - expression: "false"
`;
  const set = loadPolicies([
    {
      path: 'p.yaml',
      text: [
        policy(
          'deployments',
          '{apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments]}',
        ),
        policy(
          'named',
          "{apiGroups: [''], apiVersions: [v1], operations: [CREATE], resources: [configmaps], resourceNames: [settings]}",
        ),
        policy(
          'updates',
          '{apiGroups: [apps], apiVersions: [v1], operations: [UPDATE], resources: [deployments]}',
        ),
      ].join('---\n'),
    },
  ]);
  const configMap = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } });
  const policies = (input: Parameters<typeof evaluatePolicies>[1]) =>
    evaluatePolicies(set, input).map((r) => r.policy);
  // Asked twice each, in turn, so the cached candidate lists are used and kept apart.
  for (let i = 0; i < 2; i++) {
    assert.deepEqual(policies({ object: deployment('web', 'ns', 1) }), ['deployments']);
    assert.deepEqual(policies({ object: configMap('settings') }), ['named']);
    assert.deepEqual(policies({ object: configMap('other') }), []);
    assert.deepEqual(
      policies({ object: deployment('web', 'ns', 2), oldObject: deployment('web', 'ns', 1) }),
      ['updates'],
    );
  }
});
