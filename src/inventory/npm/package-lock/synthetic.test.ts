import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inputFor } from '../../testing.ts';
import { extractor } from './index.ts';
import { syntheticLockfile } from './synthetic.ts';

describe('npm/package-lock at scale: a synthetic 10,000-package tree', () => {
  const v3Text = syntheticLockfile(10_000, 3);
  const v3 = extractor.extract(inputFor('package-lock.json', v3Text));
  // A v1 lockfile takes what the project declares from its package.json.
  const root = (JSON.parse(v3Text) as { packages: Record<string, object> }).packages[''];
  const v1 = extractor.extract(
    inputFor('package-lock.json', syntheticLockfile(10_000, 1), () => JSON.stringify(root)),
  );

  it('extracts every distinct name@version, each requirement resolved', () => {
    const lock = JSON.parse(v3Text) as {
      packages: Record<string, { version?: string; dependencies?: object }>;
    };
    const keys = Object.keys(lock.packages).filter((k) => k !== '');
    assert.equal(keys.length, 10_000);
    const ids = new Set(
      keys.map((k) => `${k.slice(k.lastIndexOf('node_modules/') + 13)}@${lock.packages[k]!.version}`),
    );
    assert.deepEqual(new Set(v3.components.map((c) => `${c.name}@${c.version}`)), ids);
    assert.deepEqual(v3.unresolved, []);
    assert.ok(v3.components.every((c) => c.dependencies.length > 0 || c.version === '0.9.0'));
    assert.equal(v3.components.filter((c) => c.direct).length, 200);
  });

  it('reads the same tree, edges and direct flags from v1 as from v3', () => {
    const shape = (c: (typeof v3.components)[number]) =>
      `${c.purl} ${c.scope} ${c.direct} -> ${c.dependencies.join(' ')}`;
    assert.deepEqual(v1.components.map(shape), v3.components.map(shape));
  });
});
