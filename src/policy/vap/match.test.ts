import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type MatchTarget, matchResourcesMatcher, selectorMatcher } from './match.ts';
import { guessPlural, resourceFor } from './resources.ts';

const pod: MatchTarget = {
  group: '',
  version: 'v1',
  resource: 'pods',
  subresource: '',
  operation: 'CREATE',
  namespaced: true,
  name: 'web',
  namespaceLabels: { 'kubernetes.io/metadata.name': 'prod', env: 'prod' },
  objectLabels: [{ app: 'web' }],
  isNamespace: false,
};

test('label selectors: matchLabels and every matchExpressions operator', () => {
  const cases: [Parameters<typeof selectorMatcher>[0], Record<string, string>, boolean][] = [
    [undefined, {}, true],
    [{}, { a: '1' }, true],
    [{ matchLabels: { a: '1' } }, { a: '1', b: '2' }, true],
    [{ matchLabels: { a: '1' } }, { a: '2' }, false],
    [{ matchExpressions: [{ key: 'a', operator: 'In', values: ['1', '2'] }] }, { a: '2' }, true],
    [{ matchExpressions: [{ key: 'a', operator: 'In', values: ['1'] }] }, {}, false],
    [{ matchExpressions: [{ key: 'a', operator: 'NotIn', values: ['1'] }] }, {}, true],
    [{ matchExpressions: [{ key: 'a', operator: 'NotIn', values: ['1'] }] }, { a: '1' }, false],
    [{ matchExpressions: [{ key: 'a', operator: 'Exists' }] }, { a: '' }, true],
    [{ matchExpressions: [{ key: 'a', operator: 'DoesNotExist' }] }, { a: '' }, false],
    [{ matchLabels: { toString: 'x' } }, {}, false],
  ];
  for (const [selector, labels, expected] of cases) {
    assert.equal(
      selectorMatcher(selector)(labels),
      expected,
      `${JSON.stringify(selector)} on ${JSON.stringify(labels)}`,
    );
  }
});

test('resource rules: groups, versions, resources, subresources, scope, names, operations', () => {
  const rule = (r: Record<string, unknown>, policy = true) =>
    matchResourcesMatcher(
      { resourceRules: [{ operations: ['*'], apiGroups: ['*'], apiVersions: ['*'], ...r }] },
      policy,
    );
  const cases: [Record<string, unknown>, Partial<MatchTarget>, boolean][] = [
    [{ resources: ['pods'] }, {}, true],
    [{ resources: ['*'] }, {}, true],
    [{ resources: ['*'] }, { subresource: 'status' }, false],
    [{ resources: ['*/*'] }, { subresource: 'status' }, true],
    [{ resources: ['pods/*'] }, { subresource: 'exec' }, true],
    [{ resources: ['*/exec'] }, { subresource: 'exec' }, true],
    [{ resources: ['deployments'] }, {}, false],
    [{ resources: ['pods'], apiGroups: ['apps'] }, {}, false],
    [{ resources: ['pods'], operations: ['UPDATE'] }, {}, false],
    [{ resources: ['pods'], scope: 'Cluster' }, {}, false],
    [{ resources: ['pods'], scope: 'Namespaced' }, {}, true],
    [{ resources: ['pods'], resourceNames: ['api'] }, {}, false],
    [{ resources: ['pods'], resourceNames: ['web'] }, {}, true],
  ];
  for (const [r, t, expected] of cases) {
    assert.equal(rule(r)({ ...pod, ...t }), expected, `${JSON.stringify(r)} on ${JSON.stringify(t)}`);
  }
  // Exact matching checks the version; Equivalent (the default) does not.
  const v1beta1 = { ...pod, version: 'v1beta1' };
  const rules = [
    { apiGroups: [''], apiVersions: ['v1'], resources: ['pods'], operations: ['CREATE' as const] },
  ];
  assert.equal(matchResourcesMatcher({ resourceRules: rules, matchPolicy: 'Exact' }, true)(v1beta1), false);
  assert.equal(matchResourcesMatcher({ resourceRules: rules }, true)(v1beta1), true);
});

test('policy and binding matching: required rules, exclusions, namespace and object selectors', () => {
  assert.equal(matchResourcesMatcher(undefined, true)(pod), false);
  assert.equal(matchResourcesMatcher(undefined, false)(pod), true);
  assert.equal(
    matchResourcesMatcher({ namespaceSelector: { matchLabels: { env: 'prod' } } }, false)(pod),
    true,
  );
  assert.equal(
    matchResourcesMatcher({ namespaceSelector: { matchLabels: { env: 'dev' } } }, false)(pod),
    false,
  );
  const byName = {
    matchExpressions: [
      { key: 'kubernetes.io/metadata.name', operator: 'NotIn' as const, values: ['kube-system'] },
    ],
  };
  assert.equal(matchResourcesMatcher({ namespaceSelector: byName }, false)(pod), true);
  // A cluster-scoped object is never skipped by a namespace selector; a Namespace is matched on its own labels.
  const clusterRole = { ...pod, namespaced: false, namespaceLabels: {}, resource: 'clusterroles' };
  assert.equal(
    matchResourcesMatcher({ namespaceSelector: { matchLabels: { env: 'dev' } } }, false)(clusterRole),
    true,
  );
  const ns = { ...pod, namespaced: false, isNamespace: true, namespaceLabels: { env: 'dev' } };
  assert.equal(
    matchResourcesMatcher({ namespaceSelector: { matchLabels: { env: 'dev' } } }, false)(ns),
    true,
  );
  // The object selector matches if the object or the old object does.
  const update = { ...pod, objectLabels: [{ app: 'api' }, { app: 'web' }] };
  assert.equal(
    matchResourcesMatcher({ objectSelector: { matchLabels: { app: 'web' } } }, false)(update),
    true,
  );
  const excluded = matchResourcesMatcher(
    {
      resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], resources: ['pods'], operations: ['CREATE'] }],
      excludeResourceRules: [
        { apiGroups: [''], apiVersions: ['v1'], resources: ['pods'], resourceNames: ['web'] },
      ],
    },
    true,
  );
  assert.equal(excluded(pod), false);
  assert.equal(excluded({ ...pod, name: 'api' }), true);
});

test('kinds map to resources; unknown kinds get the guessed plural', () => {
  assert.deepEqual(resourceFor('apps/v1', 'Deployment'), {
    group: 'apps',
    resource: 'deployments',
    namespaced: true,
  });
  assert.deepEqual(resourceFor('v1', 'Namespace'), { group: '', resource: 'namespaces', namespaced: false });
  assert.deepEqual(resourceFor('networking.k8s.io/v1', 'Ingress'), {
    group: 'networking.k8s.io',
    resource: 'ingresses',
    namespaced: true,
  });
  assert.deepEqual(resourceFor('example.com/v1', 'Policy'), {
    group: 'example.com',
    resource: 'policies',
    namespaced: true,
  });
  assert.equal(guessPlural('Redis'), 'redises');
  assert.equal(guessPlural('Widget'), 'widgets');
});

test('inputs outside Kubernetes match only rules that name their group', () => {
  const bucket: MatchTarget = {
    ...pod,
    group: 'terraform.palisade.dev',
    version: 'v1alpha1',
    resource: 'aws_s3_bucket',
    namespaced: false,
    namespaceLabels: {},
    objectLabels: [],
    requiresExplicitGroup: true,
  };
  const rule = (apiGroups: string[], resources: string[]) =>
    matchResourcesMatcher(
      { resourceRules: [{ apiGroups, apiVersions: ['*'], operations: ['*'], resources }] },
      true,
    )(bucket);
  assert.equal(rule(['terraform.palisade.dev'], ['aws_s3_bucket']), true);
  assert.equal(rule(['terraform.palisade.dev'], ['*']), true);
  assert.equal(rule(['terraform.palisade.dev'], ['aws_s3_bucket_acl']), false);
  assert.equal(rule(['*'], ['*']), false, 'a policy for every Kubernetes kind is not run on Terraform');
  assert.equal(rule(['dockerfile.palisade.dev'], ['*']), false);
});
