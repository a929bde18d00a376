import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizeVersion } from './compare.ts';
import { assertAscending, assertEqualVersions, assertInvalid } from './testing.ts';

// golang.org/x/mod/semver semver_test.go lists these in increasing order (rows whose canonical
// form is "" there are the invalid ones below).
test('Go: x/mod/semver test order', () => {
  assertAscending('Go', [
    'v1.0.0-alpha',
    'v1.0.0-alpha.1',
    'v1.0.0-alpha.beta',
    'v1.0.0-beta',
    'v1.0.0-beta.2',
    'v1.0.0-beta.11',
    'v1.0.0-rc.1',
    'v1',
    'v1.2',
    'v1.2.3-456',
    'v1.2.3-456.789',
    'v1.2.3-456-789',
    'v1.2.3-456a',
    'v1.2.3-pre',
    'v1.2.3-pre.1',
    'v1.2.3-zzz',
    'v1.2.3',
  ]);
});

test('Go: shorthands, +incompatible and the missing v of OSV records', () => {
  assertEqualVersions('Go', [
    ['v1', 'v1.0.0'],
    ['v1.2', 'v1.2.0'],
    ['v1.2.3+meta', 'v1.2.3'],
    ['v2.0.0+incompatible', 'v2.0.0'],
    ['v2.0.0+incompatible', '2.0.0'],
    ['1.6.0', 'v1.6.0'],
  ]);
  assert.equal(normalizeVersion('Go', '1.2'), 'v1.2.0');
});

test('Go: pseudo-versions order as prereleases of the next version', () => {
  assertAscending('Go', [
    'v0.0.0-20190101000000-abcdefabcdef',
    'v0.0.0-20200622213623-75b288015ac9',
    '0.0.0-20200622213624-000000000000',
    'v0.0.1',
    'v1.2.3',
    // after v1.2.3 (…-0.timestamp), then the pre-release based form (…-pre.0.timestamp)
    'v1.2.4-0.20200101000000-abcdefabcdef',
    'v1.2.4-pre',
    'v1.2.4-pre.0.20200101000000-abcdefabcdef',
    'v1.2.4',
  ]);
});

test('Go: invalid versions', () => {
  assertInvalid('Go', [
    'bad',
    'v1-alpha.beta.gamma',
    'v1-pre',
    'v1+meta',
    'v1-pre+meta',
    'v1.2-pre',
    'v1.2+meta',
    'v1.2-pre+meta',
    'v01.2.3',
    'v1.02.3',
    'v1.2.3.4',
    'V1.2.3',
    'latest',
  ]);
});
