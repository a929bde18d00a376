import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { matchesKubernetes, parseKubernetes } from './kubernetes.ts';
import type { IacParseResult } from './resource.ts';
import { assertInputError } from './testing.ts';

const testdata = join(dirname(fileURLToPath(import.meta.url)), 'testdata', 'kubernetes');

function parseFixture(name: string): IacParseResult {
  return parseKubernetes(name, readFileSync(join(testdata, name), 'utf8'));
}

function summary(result: IacParseResult): string[] {
  return result.resources.map(
    (r) =>
      `${r.source.line} doc${r.source.document} ${r.apiVersion} ${r.kind} ${r.namespace ?? '-'}/${r.name}` +
      (r.source.template ? ` <${r.source.template}>` : ''),
  );
}

const CONTAINER = ['spec', 'template', 'spec', 'containers'];

describe('kubernetes: multi-document manifests', () => {
  const result = parseFixture('workloads.yaml');

  it('reads every object with its document, line, kind and namespace', () => {
    assert.deepEqual(summary(result), [
      '2 doc0 apps/v1 Deployment shop/web',
      '33 doc1 apps/v1 StatefulSet shop/db',
      '67 doc2 batch/v1 CronJob shop/report',
      '85 doc3 v1 Service shop/web',
      '100 doc4 networking.k8s.io/v1 Ingress shop/web',
    ]);
  });

  it('counts the document that is not a Kubernetes object, and ignores empty ones', () => {
    assert.deepEqual(result.skipped, [
      {
        path: 'workloads.yaml',
        line: 120,
        document: 5,
        reason: 'not a Kubernetes object (no apiVersion and kind)',
      },
    ]);
  });

  it('reads YAML 1.1 booleans as Kubernetes does (privileged: yes is true)', () => {
    const deployment = result.resources[0]?.object as {
      spec: { template: { spec: { hostNetwork: boolean; containers: Array<Record<string, unknown>> } } };
    };
    assert.equal(deployment.spec.template.spec.hostNetwork, true);
    assert.deepEqual(deployment.spec.template.spec.containers[0]?.securityContext, {
      privileged: true,
      allowPrivilegeEscalation: true,
    });
    assert.deepEqual(deployment.spec.template.spec.containers[1]?.resources, {
      limits: { cpu: '500m', memory: '256Mi' },
    });
  });

  it('maps field paths to the line of the offending field', () => {
    const [deployment, statefulSet, cronJob, service] = result.resources;
    const cases: Array<[number | undefined, number]> = [
      [deployment?.lineOf([...CONTAINER, '0', 'securityContext', 'privileged']), 26],
      [deployment?.lineOf([...CONTAINER, '0', 'securityContext']), 25],
      [deployment?.lineOf([...CONTAINER, '1', 'image']), 29],
      [deployment?.lineOf([...CONTAINER, '1', 'resources', 'limits', 'memory']), 31],
      [deployment?.lineOf(['spec', 'template', 'spec', 'hostNetwork']), 19],
      // Absent fields point at the deepest ancestor that is there.
      [deployment?.lineOf([...CONTAINER, '1', 'securityContext', 'runAsNonRoot']), 28],
      [deployment?.lineOf([...CONTAINER, '7']), 20],
      [deployment?.lineOf([]), 2],
      [statefulSet?.lineOf(['spec', 'template', 'spec', 'securityContext', 'runAsUser']), 48],
      [statefulSet?.lineOf([...CONTAINER, '0', 'env', '0', 'name']), 53],
      [cronJob?.lineOf(['spec', 'jobTemplate', 'spec', 'template', 'spec', 'hostPID']), 79],
      [service?.lineOf(['spec', 'type']), 93],
    ];
    assert.deepEqual(
      cases.map(([actual]) => actual),
      cases.map(([, expected]) => expected),
    );
  });
});

describe('kubernetes: RBAC and network policy', () => {
  const result = parseFixture('rbac.yaml');

  it('reads cluster-scoped objects without a namespace', () => {
    assert.deepEqual(summary(result), [
      '1 doc0 v1 ServiceAccount ci/deployer',
      '7 doc1 rbac.authorization.k8s.io/v1 ClusterRole -/deployer',
      '18 doc2 rbac.authorization.k8s.io/v1 ClusterRoleBinding -/deployer',
      '31 doc3 networking.k8s.io/v1 NetworkPolicy shop/allow-all-ingress',
    ]);
    assert.equal('namespace' in (result.resources[1] ?? {}), false);
  });

  it('points at rule fields and flow sequences', () => {
    const [, role, , policy] = result.resources;
    assert.ok(role && policy);
    assert.deepEqual((role.object as { rules: unknown[] }).rules[0], {
      apiGroups: ['*'],
      resources: ['*'],
      verbs: ['*'],
    });
    assert.equal(role?.lineOf(['rules', '0', 'verbs']), 14);
    assert.equal(role?.lineOf(['rules', '0', 'verbs', '0']), 14);
    assert.equal(role?.lineOf(['rules', '1', 'verbs']), 16);
    assert.equal(policy?.lineOf(['spec', 'ingress', '0']), 41);
  });
});

describe('kubernetes: List kinds', () => {
  const result = parseFixture('list.yaml');

  it('expands items, takes kind and apiVersion of typed list items from the list', () => {
    assert.deepEqual(summary(result), [
      '6 doc0 v1 ConfigMap shop/settings',
      '13 doc0 v1 Secret shop/api-token',
      '26 doc1 v1 Pod default/debug',
    ]);
    const pod = result.resources[2]?.object as Record<string, unknown>;
    assert.equal(pod.kind, 'Pod');
    assert.equal(pod.apiVersion, 'v1');
  });

  it('skips an item that is not an object, and gives item fields their lines', () => {
    assert.deepEqual(result.skipped, [
      {
        path: 'list.yaml',
        line: 21,
        document: 0,
        reason: 'not a Kubernetes object (no apiVersion and kind)',
      },
    ]);
    assert.equal(result.resources[1]?.lineOf(['stringData', 'token']), 20);
    assert.equal(
      result.resources[2]?.lineOf(['spec', 'containers', '0', 'securityContext', 'capabilities', 'add', '0']),
      35,
    );
  });
});

describe('kubernetes: Helm-rendered output', () => {
  const result = parseFixture('helm-rendered.yaml');

  it('records the chart template of every document', () => {
    assert.deepEqual(summary(result), [
      '3 doc0 v1 ServiceAccount -/release-shop <shop/templates/serviceaccount.yaml>',
      '12 doc1 v1 ConfigMap -/release-shop-alerts <shop/templates/configmap.yaml>',
      '22 doc2 apps/v1 Deployment -/release-shop <shop/templates/deployment.yaml>',
      '46 doc3 v1 Pod -/release-shop-test-connection <shop/templates/tests/test-connection.yaml>',
    ]);
    assert.equal(result.resources[2]?.lineOf([...CONTAINER, '0', 'securityContext', 'runAsNonRoot']), 42);
  });

  it('keeps template markup that rendered output legitimately holds', () => {
    const configMap = result.resources[1]?.object as { data: Record<string, string> };
    assert.equal(configMap.data['alert.tmpl'], '{{ $labels.instance }} is down\n');
  });

  it('reads the same text from stdin under the label the CLI gives', () => {
    const text = readFileSync(join(testdata, 'helm-rendered.yaml'), 'utf8');
    const fromStdin = parseKubernetes('-', text);
    assert.deepEqual(
      fromStdin.resources.map((r) => [r.source.path, r.source.line]),
      [
        ['-', 3],
        ['-', 12],
        ['-', 22],
        ['-', 46],
      ],
    );
  });

  it('skips an unrendered chart template instead of failing on it', () => {
    const result = parseFixture('chart/templates/deployment.yaml');
    assert.deepEqual(result, {
      resources: [],
      skipped: [
        {
          path: 'chart/templates/deployment.yaml',
          line: 1,
          reason: 'unrendered Helm or Go template; scan `helm template` output',
        },
      ],
    });
  });
});

describe('kubernetes: file names', () => {
  it('matches manifests and leaves known non-manifest YAML alone', () => {
    const cases: Array<[string, boolean]> = [
      ['deploy/app.yaml', true],
      ['k8s/base/service.YML', true],
      ['rendered.yml', true],
      ['charts/shop/Chart.yaml', false],
      ['charts/shop/values.yaml', false],
      ['charts/shop/values-prod.yaml', false],
      ['.github/workflows/ci.yml', false],
      ['pnpm-lock.yaml', false],
      ['docker-compose.yml', false],
      ['palisade.yaml', false],
      ['main.tf', false],
      ['Dockerfile', false],
    ];
    assert.deepEqual(
      cases.map(([path]) => [path, matchesKubernetes(path)]),
      cases,
    );
  });
});

describe('kubernetes: malformed and hostile input', () => {
  const cases: Array<[string, string, string]> = [
    [
      'bad-indent.yaml',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n    labels: x\n',
      'bad-indent.yaml:4: invalid YAML (Nested mappings are not allowed in compact mappings)',
    ],
    [
      'duplicate.yaml',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  name: b\n',
      'duplicate.yaml:5: invalid YAML (Map keys must be unique)',
    ],
    [
      'second-doc.yaml',
      'apiVersion: v1\nkind: Pod\n---\napiVersion: v1\nkind: Pod\nkind: Service\n',
      'second-doc.yaml:6: invalid YAML (Map keys must be unique)',
    ],
    [
      'bomb.yaml',
      [
        'apiVersion: v1',
        'kind: ConfigMap',
        'data:',
        '  a: &a ["x","x","x","x","x","x","x","x","x"]',
        '  b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
        '  c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
        '  d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
        '  e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
        '  f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
      ].join('\n'),
      'bomb.yaml:1: unreadable YAML (ReferenceError: Excessive alias count',
    ],
    [
      'brackets.yaml',
      `kind: x\napiVersion: v1\ndata: ${'['.repeat(100_000)}`,
      'brackets.yaml:3: YAML brackets nested deeper than 64',
    ],
    ['dashes.yaml', `${'- '.repeat(1_000_000)}x`, 'dashes.yaml:1: YAML nested deeper than 256 columns'],
    ['huge.yaml', `a: ${'x'.repeat(17 * 1024 * 1024)}`, 'huge.yaml:1: 17 MB of YAML is over the 16 MB limit'],
    ['recursive.yaml', 'apiVersion: v1\nkind: ConfigMap\ndata: &d\n  self: *d\n', 'recursive.yaml:1: '],
  ];
  for (const [path, text, expected] of cases) {
    it(`${path}: ${expected}`, () => {
      const error = assertInputError(() => parseKubernetes(path, text), path);
      assert.ok(error.message.startsWith(expected), error.message);
    });
  }

  it('survives truncations and garbage of every fixture', () => {
    for (const name of ['workloads.yaml', 'rbac.yaml', 'list.yaml', 'helm-rendered.yaml']) {
      const text = readFileSync(join(testdata, name), 'utf8');
      for (const cut of [1, Math.floor(text.length / 3), Math.floor(text.length / 2), text.length - 1]) {
        assertHandled(name, text.slice(0, cut));
      }
    }
    assertHandled('garbage.yaml', '\u0000\u0001\uFFFD\u00ff'.repeat(1000));
    assertHandled('jsonish.yaml', '{"a":'.repeat(10_000));
    assertHandled('long.yaml', 'x'.repeat(5_000_000));
    assertHandled('spaces.yaml', `# Source: a${' '.repeat(2_000_000)}b\napiVersion: v1\nkind: A\n`);
  });
});

function assertHandled(path: string, text: string): void {
  try {
    const result = parseKubernetes(path, text);
    assert.ok(Array.isArray(result.resources));
  } catch (error) {
    assertInputError(() => {
      throw error;
    }, path);
  }
}
