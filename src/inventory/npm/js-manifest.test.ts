import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { declaredDependencies, dependencyMapSchema } from './js-manifest.ts';

describe('declaredDependencies', () => {
  it('lets optional override runtime, and runtime override dev', () => {
    const deps = (o: Record<string, string>) => dependencyMapSchema.parse(o);
    const declared = declaredDependencies(
      {
        dependencies: deps({ a: '^1', b: '^1' }),
        devDependencies: deps({ a: '^1', c: '^1', d: '^1' }),
        optionalDependencies: deps({ b: '^1' }),
        peerDependencies: deps({ d: '^1', e: '^1' }),
      },
      true,
    );
    assert.deepEqual(declared.map((d) => `${d.name} ${d.scope}`).sort(), [
      'a prod',
      'b optional',
      'c dev',
      'd prod',
      'e prod',
    ]);
  });

  it('drops entries whose range is not a string', () => {
    assert.deepEqual([...dependencyMapSchema.parse({ a: '^1', b: 2, c: null })], [['a', '^1']]);
  });
});
