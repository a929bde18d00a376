import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPolicies, type PolicyBundle } from '../load.ts';

const TESTDATA = join(import.meta.dirname, 'testdata');

/** Loads policy files from this folder's testdata. */
export function loadTestPolicies(...names: string[]): PolicyBundle {
  return loadPolicies(
    names.map((n) => ({ path: `testdata/${n}`, text: readFileSync(join(TESTDATA, n), 'utf8') })),
  );
}

export function readTestdata(name: string): string {
  return readFileSync(join(TESTDATA, name), 'utf8');
}

export function deployment(
  name: string,
  namespace: string,
  replicas: number,
  extra: Record<string, unknown> = {},
): unknown {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, ...extra },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] },
      },
    },
  };
}

export function namespace(name: string, labels: Record<string, string>): unknown {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}
