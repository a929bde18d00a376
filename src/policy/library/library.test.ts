import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { evaluateManifests } from '../vap/batch.ts';
import { evaluatePolicies } from '../vap/evaluate.ts';
import { loadBuiltinSet, loadWholeLibrary, POLICY_SETS, policySetNames, SET_INPUTS } from './registry.ts';

const library = loadWholeLibrary();

function deployment(spec: Record<string, unknown>, metadata: Record<string, unknown> = {}): unknown {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop', labels: { 'app.kubernetes.io/name': 'web' }, ...metadata },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec },
    },
  };
}

function container(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'app',
    image: 'registry.example.com/shop/web:1.4.2',
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
    securityContext: { readOnlyRootFilesystem: true },
    ...extra,
  };
}

/** The verdict and messages of one policy for one object (undefined when the policy does not apply). */
function outcome(policy: string, object: unknown, params: unknown[] = []): [string, string[]] | undefined {
  const result = evaluatePolicies(library, { object }, { params }).find((r) => r.policy === policy);
  return result && [result.decision.verdict, result.decision.messages];
}

const registries = {
  apiVersion: 'palisade.dev/v1alpha1',
  kind: 'AllowedRegistries',
  metadata: { name: 'r' },
  registries: ['registry.example.com/', 'docker.io/library/'],
};

test('best practices', () => {
  const cases: [string, unknown, [string, string[]] | undefined, unknown[]?][] = [
    ['require-labels', deployment({ containers: [container()] }), ['allow', []]],
    [
      'require-labels',
      deployment({ containers: [container()] }, { labels: {} }),
      ['warn', ['missing required labels: app.kubernetes.io/name']],
    ],
    [
      'require-labels',
      deployment({ containers: [container()] }),
      ['warn', ['missing required labels: team']],
      [
        {
          apiVersion: 'palisade.dev/v1alpha1',
          kind: 'RequiredLabels',
          metadata: { name: 'l' },
          labels: ['app.kubernetes.io/name', 'team'],
        },
      ],
    ],
    [
      'allowed-image-registries',
      deployment({ containers: [container({ image: 'quay.io/x/y:1' })] }),
      ['allow', []],
    ],
    [
      'allowed-image-registries',
      deployment({ containers: [container({ image: 'nginx:1.27' })] }),
      ['allow', []],
      [registries],
    ],
    [
      'allowed-image-registries',
      deployment({
        containers: [container({ image: 'quay.io/x/y:1' }), container({ name: 'b', image: 'evil/miner:1' })],
      }),
      [
        'deny',
        [
          'images from registries that are not allowed: quay.io/x/y:1, docker.io/evil/miner:1 (allowed: registry.example.com/, docker.io/library/)',
        ],
      ],
      [registries],
    ],
    [
      'allowed-image-registries',
      deployment({ containers: [container({ image: 'localhost:5000/app:1' })] }),
      [
        'deny',
        [
          'images from registries that are not allowed: localhost:5000/app:1 (allowed: registry.example.com/, docker.io/library/)',
        ],
      ],
      [registries],
    ],
    ['disallow-latest-tag', deployment({ containers: [container()] }), ['allow', []]],
    [
      'disallow-latest-tag',
      deployment({ containers: [container({ image: 'nginx@sha256:abc' })] }),
      ['allow', []],
    ],
    [
      'disallow-latest-tag',
      deployment({ containers: [container({ image: 'localhost:5000/app:1.0' })] }),
      ['allow', []],
    ],
    [
      'disallow-latest-tag',
      deployment({
        containers: [
          container({ image: 'nginx' }),
          container({ name: 'b', image: 'nginx:latest' }),
          container({ name: 'c', image: 'localhost:5000/app' }),
        ],
      }),
      ['deny', ['images without a version tag or digest: nginx, nginx:latest, localhost:5000/app']],
    ],
    ['require-requests-limits', deployment({ containers: [container()] }), ['allow', []]],
    [
      'require-requests-limits',
      deployment({
        containers: [container({ resources: { requests: { cpu: '1' } } })],
        initContainers: [
          container({
            name: 'init',
            resources: { requests: { cpu: '1', memory: '2Gi' }, limits: { memory: '1Gi' } },
          }),
        ],
      }),
      [
        'warn',
        [
          'containers without resources.requests.cpu, resources.requests.memory and resources.limits.memory: app',
          'containers whose memory request exceeds the limit: init',
        ],
      ],
    ],
    ['require-read-only-root-filesystem', deployment({ containers: [container()] }), ['allow', []]],
    [
      'require-read-only-root-filesystem',
      deployment({ containers: [container({ securityContext: {} })] }),
      ['warn', ['containers without securityContext.readOnlyRootFilesystem=true: app']],
    ],
    ['disallow-host-access', deployment({ containers: [container()], hostNetwork: false }), ['allow', []]],
    [
      'disallow-host-access',
      deployment({
        containers: [container()],
        hostPID: true,
        volumes: [{ name: 'logs', hostPath: { path: '/var/log' } }],
      }),
      ['deny', ['hostPath volumes: logs (/var/log)', 'host namespaces: hostPID=true']],
    ],
  ];
  for (const [policy, object, expected, params] of cases) {
    assert.deepEqual(outcome(policy, object, params), expected, `${policy}: ${JSON.stringify(expected)}`);
  }
});

test('network', () => {
  const service = (spec: Record<string, unknown>, annotations: Record<string, string> = {}) => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'shop', annotations },
    spec,
  });
  const ingress = (spec: Record<string, unknown>) => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'web', namespace: 'shop' },
    spec,
  });
  const rules = [{ host: 'shop.example.com' }, { host: 'api.example.com' }];
  const cases: [string, unknown, [string, string[]] | undefined][] = [
    ['restrict-service-nodeport', service({ type: 'ClusterIP' }), ['allow', []]],
    [
      'restrict-service-nodeport',
      service({ type: 'NodePort' }),
      ['deny', ['Service type NodePort is not allowed; use ClusterIP behind an Ingress or a LoadBalancer']],
    ],
    [
      'restrict-service-loadbalancer',
      service({ type: 'LoadBalancer', loadBalancerSourceRanges: ['10.0.0.0/8'] }),
      ['allow', []],
    ],
    [
      'restrict-service-loadbalancer',
      service({ type: 'LoadBalancer' }, { 'service.beta.kubernetes.io/aws-load-balancer-internal': 'true' }),
      ['allow', []],
    ],
    [
      'restrict-service-loadbalancer',
      service({ type: 'LoadBalancer' }),
      ['warn', ['LoadBalancer services must be internal or set loadBalancerSourceRanges']],
    ],
    [
      'require-ingress-tls',
      ingress({ rules, tls: [{ hosts: ['shop.example.com', 'api.example.com'], secretName: 't' }] }),
      ['allow', []],
    ],
    ['require-ingress-tls', ingress({ rules, tls: [{ hosts: ['*.example.com'] }] }), ['allow', []]],
    [
      'require-ingress-tls',
      ingress({ rules }),
      ['deny', ['the Ingress has no TLS section', 'hosts without TLS: shop.example.com, api.example.com']],
    ],
    [
      'require-ingress-tls',
      ingress({ rules: [...rules, { host: 'a.b.example.com' }], tls: [{ hosts: ['*.example.com'] }] }),
      ['deny', ['hosts without TLS: a.b.example.com']],
    ],
  ];
  for (const [policy, object, expected] of cases) assert.deepEqual(outcome(policy, object), expected, policy);
});

test('a NetworkPolicy per namespace, over a manifest set', () => {
  const netpol = (ns: string) => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'deny-all', namespace: ns },
    spec: { podSelector: {} },
  });
  const web = deployment({ containers: [container()] });
  const api = deployment({ containers: [container()] }, { name: 'api', namespace: 'payments' });
  const set = loadBuiltinSet('network');
  const { results, errors } = evaluateManifests(set, [
    { object: web, source: 'k8s/web.yaml:1' },
    { object: api, source: 'k8s/api.yaml:1' },
    { object: netpol('shop'), source: 'k8s/netpol.yaml:1' },
    { object: { kind: 'Nope' }, source: 'k8s/junk.yaml:3' },
  ]);
  assert.deepEqual(
    results.map((r) => [r.policy, r.decision.subject, r.decision.verdict, r.decision.messages]),
    [
      ['require-network-policy', 'Deployment shop/web', 'allow', []],
      [
        'require-network-policy',
        'Deployment payments/api',
        'warn',
        ['namespace payments has no NetworkPolicy among the manifests'],
      ],
    ],
  );
  assert.deepEqual(errors, [
    {
      source: 'k8s/junk.yaml:3',
      message: 'k8s/junk.yaml:3: not a Kubernetes object (no apiVersion and kind)',
    },
  ]);
  // One object at a time (as in a cluster) there is nothing to compare with: the policy passes.
  assert.deepEqual(outcome('require-network-policy', api), ['allow', []]);
});

test('rbac', () => {
  const role = (rules: unknown[]) => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: 'r' },
    rules,
  });
  const binding = (roleRef: Record<string, string>) => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: 'b' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...roleRef },
    subjects: [
      { kind: 'ServiceAccount', name: 'deployer', namespace: 'ci' },
      { kind: 'Group', name: 'devs' },
    ],
  });
  const cases: [string, unknown, [string, string[]] | undefined][] = [
    [
      'rbac-no-wildcards',
      role([{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }]),
      ['allow', []],
    ],
    [
      'rbac-no-wildcards',
      role([
        { apiGroups: [''], resources: ['pods'], verbs: ['get'] },
        { apiGroups: ['*'], resources: ['secrets'], verbs: ['get'] },
        { apiGroups: [''], resources: ['pods/*'], verbs: ['*'] },
      ]),
      ['deny', ['rules with wildcards: rules[1], rules[2]']],
    ],
    ['rbac-no-cluster-admin-binding', binding({ kind: 'ClusterRole', name: 'view' }), ['allow', []]],
    [
      'rbac-no-cluster-admin-binding',
      binding({ kind: 'ClusterRole', name: 'cluster-admin' }),
      ['deny', ['binds cluster-admin to ServiceAccount ci/deployer, Group devs']],
    ],
  ];
  for (const [policy, object, expected] of cases) assert.deepEqual(outcome(policy, object), expected, policy);
});

test('secret values in env literals', () => {
  const env = (vars: unknown[]) => deployment({ containers: [container({ env: vars })] });
  const cases: [unknown, [string, string[]]][] = [
    [
      env([
        { name: 'LOG_LEVEL', value: 'debug' },
        { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
      ]),
      ['allow', []],
    ],
    [
      env([
        { name: 'PASSWORD_FILE', value: '/run/secrets/db' },
        { name: 'TOKEN_URL', value: 'https://auth.example.com/token' },
        { name: 'API_KEY', value: '' },
      ]),
      ['allow', []],
    ],
    [
      env([
        { name: 'DB_PASSWORD', value: 'hunter2' },
        { name: 'Github_Token', value: 'x' },
      ]),
      [
        'deny',
        [
          'env variables holding literal secrets (use valueFrom.secretKeyRef): app/DB_PASSWORD, app/Github_Token',
        ],
      ],
    ],
    [
      env([{ name: 'AWS_CONFIG', value: 'AKIAIOSFODNN7EXAMPLE' }]),
      ['deny', ['env variables holding literal secrets (use valueFrom.secretKeyRef): app/AWS_CONFIG']],
    ],
    [
      env([{ name: 'CERT', value: '-----BEGIN RSA PRIVATE KEY-----\nMIIE...' }]),
      ['deny', ['env variables holding literal secrets (use valueFrom.secretKeyRef): app/CERT']],
    ],
    [env([{ name: 'DB_PASSWORD', value: '$(DB_PASSWORD_FROM_SECRET)' }]), ['allow', []]],
  ];
  for (const [object, expected] of cases) {
    const got = outcome('secrets-in-env', object);
    assert.deepEqual(got, expected);
    assert.ok(!JSON.stringify(got).includes('hunter2'), 'messages never contain the value');
  }
});

test('the registry names every library file, and every policy is well-formed', () => {
  const dir = import.meta.dirname;
  const onDisk = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => relative(dir, join(dir, f)))
    .sort();
  const registered = [...new Set(Object.values(POLICY_SETS).flat())].sort();
  assert.deepEqual(registered, onDisk);
  for (const name of policySetNames()) assert.ok(loadBuiltinSet(`builtin:${name}`).policies.length > 0, name);
  assert.throws(
    () => loadBuiltinSet('builtin:nope'),
    /unknown built-in policy set 'nope'; choose one of pss-baseline, pss-restricted/,
  );
  for (const p of library.policies) {
    const annotations = p.document.metadata.annotations ?? {};
    for (const key of ['palisade.dev/title', 'palisade.dev/description', 'palisade.dev/severity']) {
      assert.ok(annotations[key], `${p.name}: ${key}`);
    }
    assert.match(annotations['palisade.dev/severity'] ?? '', /^(critical|high|medium|low|info)$/, p.name);
    assert.ok(
      p.validations.every((v) => v.message),
      `${p.name}: every validation has a static message`,
    );
  }
  assert.equal(new Set(library.policies.map((p) => p.name)).size, library.policies.length);
});

test('each set declares the one input its policies read', () => {
  for (const name of policySetNames()) {
    const groups = loadBuiltinSet(name).policies.flatMap((p) =>
      (p.document.spec.matchConstraints?.resourceRules ?? []).flatMap((r) => r.apiGroups ?? []),
    );
    // An input group (`terraform.palisade.dev`) names its input; any other group is Kubernetes'.
    const inputs = new Set(groups.map((g) => (g.endsWith('.palisade.dev') ? g.split('.')[0] : 'kubernetes')));
    assert.deepEqual([...inputs], [SET_INPUTS[name]], name);
  }
});
