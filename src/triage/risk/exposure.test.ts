import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileReader, listProjectFiles } from '../reachability/files.ts';
import { detectExposure, resolveExposure } from './exposure.ts';

const TESTDATA = join(import.meta.dirname, 'testdata');

function detect(fixture: string) {
  const root = join(TESTDATA, fixture);
  return detectExposure(listProjectFiles(root), fileReader(root));
}

describe('detectExposure', () => {
  it('an Ingress makes the repository internet-facing; ClusterIP Services alone do not', () => {
    const result = detect('k8s-public');
    assert.equal(result.exposure, 'internet');
    assert.deepEqual(
      result.evidence.map((e) => `${e.path}:${e.line} ${e.kind} ${e.name} ${e.internet} ${e.reason}`),
      [
        'deploy/ingress.yaml:2 Ingress shop-web true Ingress routes outside traffic in',
        'deploy/web.yaml:18 Service shop-web false Service of type ClusterIP',
      ],
    );
    assert.equal(
      result.summary,
      'Ingress shop-web (deploy/ingress.yaml:2): Ingress routes outside traffic in',
    );
  });

  it('ClusterIP and internal load balancers are internal; a malformed manifest is skipped', () => {
    const result = detect('k8s-private');
    assert.equal(result.exposure, 'internal');
    assert.deepEqual(
      result.evidence.map((e) => `${e.path}:${e.line} ${e.name} ${e.reason}`),
      [
        'k8s/services.yaml:1 orders Service of type ClusterIP',
        'k8s/services.yaml:10 orders-internal-lb internal LoadBalancer (service.beta.kubernetes.io/aws-load-balancer-internal)',
      ],
    );
  });

  it('reads Helm templates with their actions blanked out', () => {
    const result = detect('helm-chart');
    assert.equal(result.exposure, 'internet');
    assert.deepEqual(
      result.evidence.map((e) => `${e.path} ${e.kind} ${e.internet} ${e.reason}`),
      [
        'templates/ingress.yaml Ingress true Ingress routes outside traffic in (Helm template)',
        'templates/service.yaml Service false Service of type templated (Helm template)',
      ],
    );
  });

  it('no Kubernetes objects: unknown', () => {
    assert.deepEqual(detect('no-manifests'), {
      exposure: 'unknown',
      evidence: [],
      summary: 'no Kubernetes Service, Ingress or route found',
    });
  });

  it('LoadBalancer, NodePort and externalIPs Services face the internet', () => {
    const files: Record<string, string> = {
      'a.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec: {type: LoadBalancer}\n',
      'b.yml': 'apiVersion: v1\nkind: Service\nmetadata: {name: b}\nspec: {type: NodePort}\n',
      'c.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: c}\nspec: {externalIPs: [203.0.113.7]}\n',
      'd.yaml': 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: d}\n',
    };
    const result = detectExposure(Object.keys(files), (p) => files[p]);
    assert.deepEqual(
      result.evidence.map((e) => `${e.name} ${e.internet} ${e.reason}`),
      [
        'a true Service of type LoadBalancer',
        'b true Service of type NodePort',
        'c true Service with externalIPs',
        'd true HTTPRoute routes outside traffic in',
      ],
    );
  });

  it('survives hostile YAML: alias bombs, deep nesting, binary', () => {
    const bomb = `apiVersion: v1\nkind: Service\na: &a [x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n`;
    const files: Record<string, string> = {
      'bomb.yaml': bomb,
      'deep.yaml': `kind: Service\napiVersion: v1\nx: ${'['.repeat(50000)}`,
      'binary.yaml': `kind: \u0000\u0001\u0002${'\uffff'.repeat(100)}`,
    };
    assert.equal(detectExposure(Object.keys(files), (p) => files[p]).exposure, 'unknown');
  });

  it('a configured exposure wins and says what was detected', () => {
    const detected = detect('k8s-private');
    assert.equal(resolveExposure(detected, undefined), detected);
    const configured = resolveExposure(detected, 'internet');
    assert.equal(configured.exposure, 'internet');
    assert.match(configured.summary, /^configured as internet \(detected: only in-cluster Services: /);
  });
});

describe('detectExposure reads only the YAML that can decide it', () => {
  const detectIn = (files: Record<string, string>) => {
    const read: string[] = [];
    const result = detectExposure(Object.keys(files), (path) => {
      read.push(path);
      return files[path];
    });
    return { result, read };
  };

  it('finds a Service inside a List and a quoted Ingress kind', () => {
    const { result } = detectIn({
      'list.yaml':
        'apiVersion: v1\nkind: List\nitems:\n  - kind: Service\n    apiVersion: v1\n    metadata: {name: a}\n    spec: {type: NodePort}\n',
      'ing.yml': 'apiVersion: networking.k8s.io/v1\nkind: "Ingress" # public\nmetadata:\n  name: b\n',
    });
    assert.deepEqual(
      result.evidence.map((e) => `${e.path} ${e.kind} ${e.name} ${e.internet}`),
      ['list.yaml Service a true', 'ing.yml Ingress b true'],
    );
  });

  it('leaves Deployments and other YAML unparsed: no Service, no evidence, exposure unknown', () => {
    const { result, read } = detectIn({
      'deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n',
      'ci.yml': 'jobs: {kind: Service}\n',
    });
    assert.deepEqual(read, ['deploy.yaml', 'ci.yml']);
    assert.equal(result.exposure, 'unknown');
    assert.deepEqual(result.evidence, []);
  });
});
