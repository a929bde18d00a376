import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type LockNode, LockTree, nameAt, scopeOf } from './tree.ts';

function node(location: string): LockNode {
  return {
    location,
    installName: nameAt(location),
    name: nameAt(location),
    version: '1.0.0',
    line: 1,
    scope: 'prod',
    licenses: [],
    origin: { source: { type: 'registry' } },
    requires: [],
    index: -1,
  };
}

function tree(locations: string[], links: [string, string][] = []): LockTree {
  const result = new LockTree();
  for (const location of locations) result.add(node(location));
  for (const [location, target] of links) result.link(location, target);
  return result;
}

describe('LockTree.resolve: Node module resolution over lockfile locations', () => {
  const t = tree(
    [
      'node_modules/a',
      'node_modules/b',
      'node_modules/a/node_modules/b',
      'node_modules/a/node_modules/c',
      'node_modules/a/node_modules/c/node_modules/@s/d',
      'node_modules/@s/d',
      'node_modules/@s/e',
      'node_modules/@s/e/node_modules/b',
      'packages/web',
      'packages/web/node_modules/b',
      '../lib',
      '../lib/node_modules/c',
    ],
    [
      ['node_modules/web', 'packages/web'],
      ['node_modules/lib', '../lib'],
    ],
  );
  const cases: [string, string, string | undefined][] = [
    ['', 'a', 'node_modules/a'],
    ['', 'b', 'node_modules/b'],
    ['node_modules/a', 'b', 'node_modules/a/node_modules/b'],
    ['node_modules/a/node_modules/c', 'b', 'node_modules/a/node_modules/b'],
    ['node_modules/a/node_modules/c', '@s/d', 'node_modules/a/node_modules/c/node_modules/@s/d'],
    ['node_modules/a/node_modules/c/node_modules/@s/d', 'b', 'node_modules/a/node_modules/b'],
    ['node_modules/a/node_modules/c/node_modules/@s/d', 'a', 'node_modules/a'],
    ['node_modules/@s/e', 'b', 'node_modules/@s/e/node_modules/b'],
    ['node_modules/@s/d', 'b', 'node_modules/b'],
    ['node_modules/b', 'c', undefined],
    // a workspace folder sees its own node_modules, then the root's
    ['packages/web', 'b', 'packages/web/node_modules/b'],
    ['packages/web', 'a', 'node_modules/a'],
    ['packages/web/node_modules/b', 'a', 'node_modules/a'],
    // links resolve to their folder
    ['', 'web', 'packages/web'],
    ['node_modules/a', 'lib', '../lib'],
    // a folder outside the project does not see the project's node_modules
    ['../lib', 'c', '../lib/node_modules/c'],
    ['../lib', 'a', undefined],
    ['../lib/node_modules/c', 'a', undefined],
  ];
  for (const [from, name, expected] of cases) {
    it(`${name} from '${from}' -> ${expected ?? 'nothing'}`, () => {
      assert.equal(t.resolve(from, name)?.location, expected);
    });
  }

  it('follows links in at()', () => {
    assert.equal(t.at('node_modules/web')?.location, 'packages/web');
    assert.equal(t.at('node_modules/missing'), undefined);
  });
});

describe('nameAt and scopeOf', () => {
  it('takes the name after the last node_modules/', () => {
    assert.equal(nameAt('node_modules/a/node_modules/@scope/b'), '@scope/b');
    assert.equal(nameAt('node_modules/lodash'), 'lodash');
    assert.equal(nameAt('packages/web'), 'web');
  });

  it('maps npm flags to scopes: devOptional is dev', () => {
    assert.equal(scopeOf({}), 'prod');
    assert.equal(scopeOf({ dev: true }), 'dev');
    assert.equal(scopeOf({ optional: true }), 'optional');
    assert.equal(scopeOf({ devOptional: true }), 'dev');
    assert.equal(scopeOf({ dev: true, optional: true }), 'dev');
  });
});
