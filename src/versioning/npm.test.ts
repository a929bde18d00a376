import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizeVersion } from './compare.ts';
import { assertEqualVersions, assertInvalid, assertPairs } from './testing.ts';

// node-semver test/fixtures/comparisons.js: each pair is [greater, lesser].
const COMPARISONS: ReadonlyArray<readonly [string, string]> = [
  ['0.0.0', '0.0.0-foo'],
  ['0.0.1', '0.0.0'],
  ['1.0.0', '0.9.9'],
  ['0.10.0', '0.9.0'],
  ['0.99.0', '0.10.0'],
  ['2.0.0', '1.2.3'],
  ['v0.0.0', '0.0.0-foo'],
  ['v0.0.1', '0.0.0'],
  ['v1.0.0', '0.9.9'],
  ['v0.10.0', '0.9.0'],
  ['v0.99.0', '0.10.0'],
  ['v2.0.0', '1.2.3'],
  ['0.0.0', 'v0.0.0-foo'],
  ['1.2.3', '1.2.3-asdf'],
  ['1.2.3', '1.2.3-4'],
  ['1.2.3', '1.2.3-4-foo'],
  ['1.2.3-5-foo', '1.2.3-5'],
  ['1.2.3-5', '1.2.3-4'],
  ['1.2.3-5-foo', '1.2.3-5-Foo'],
  ['3.0.0', '2.7.2+asdf'],
  ['1.2.3-a.10', '1.2.3-a.5'],
  ['1.2.3-a.b', '1.2.3-a.5'],
  ['1.2.3-a.b', '1.2.3-a'],
  ['1.2.3-a.b.c.10.d.5', '1.2.3-a.b.c.5.d.100'],
  ['1.2.3-r2', '1.2.3-r100'],
  ['1.2.3-r100', '1.2.3-R2'],
];

test('npm: node-semver comparison fixtures', () => {
  assertPairs(
    'npm',
    COMPARISONS.map(([greater, lesser]) => [greater, lesser, 1] as const),
  );
});

test('npm: node-semver equality fixtures (prefixes, loose spacing, build metadata)', () => {
  assertEqualVersions('npm', [
    ['1.2.3', 'v1.2.3'],
    ['1.2.3', '=1.2.3'],
    ['1.2.3', 'v 1.2.3'],
    ['1.2.3', '= 1.2.3'],
    ['1.2.3', ' v1.2.3'],
    ['1.2.3-0', 'v1.2.3-0'],
    ['1.2.3-beta', 'v1.2.3-beta'],
    ['1.2.3-beta', '=1.2.3-beta'],
    ['1.2.3-beta+build', ' = 1.2.3-beta+otherbuild'],
    ['1.2.3+build', ' = 1.2.3+otherbuild'],
    ['1.2.3-beta+build', '1.2.3-beta+otherbuild'],
    ['1.2.3+build', '1.2.3+otherbuild'],
    ['  v1.2.3+build', '1.2.3+otherbuild'],
  ]);
});

test("npm: GitHub advisories' partial bounds mean .0", () => {
  assertEqualVersions('npm', [
    ['1.0', '1.0.0'],
    ['2', '2.0.0'],
  ]);
  assert.equal(normalizeVersion('npm', 'v1.2.3-beta.1+build'), '1.2.3-beta.1');
});

test('npm: invalid versions', () => {
  assertInvalid('npm', [
    '',
    'latest',
    '1.2.3.4',
    '^1.2.3',
    '1.2.x',
    'git+https://github.com/a/b.git',
    '1.2.3+',
    '9007199254740992.0.0',
  ]);
});
