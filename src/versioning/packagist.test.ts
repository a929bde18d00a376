import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizeVersion } from './compare.ts';
import { canonicalParts, phpVersionCompare } from './packagist.ts';
import { assertAscending, assertEqualVersions, assertInvalid } from './testing.ts';

// composer/semver tests/VersionParserTest.php successfulNormalizedVersions (the entries with an
// order; Composer 2 keeps branch names as "dev-…", which have none).
const NORMALIZED: ReadonlyArray<readonly [string, string]> = [
  ['1.0.0', '1.0.0.0'],
  ['1.2.3.4', '1.2.3.4'],
  ['1.0.0RC1dev', '1.0.0.0-RC1-dev'],
  ['1.0.0-rC15-dev', '1.0.0.0-RC15-dev'],
  ['1.0.0.RC.15-dev', '1.0.0.0-RC15-dev'],
  ['1.0.0-rc1', '1.0.0.0-RC1'],
  ['1.0.0.pl3-dev', '1.0.0.0-patch3-dev'],
  ['1.0-dev', '1.0.0.0-dev'],
  ['0', '0.0.0.0'],
  ['10.4.13-beta', '10.4.13.0-beta'],
  ['10.4.13beta2', '10.4.13.0-beta2'],
  ['10.4.13beta.2', '10.4.13.0-beta2'],
  ['10.4.13-b', '10.4.13.0-beta'],
  ['10.4.13-b5', '10.4.13.0-beta5'],
  ['v1.0.0', '1.0.0.0'],
  ['2010.01', '2010.01.0.0'],
  ['2010.01.02', '2010.01.02.0'],
  ['2010.1.555', '2010.1.555.0'],
  ['2010.10.200', '2010.10.200.0'],
  ['v20100102', '20100102'],
  ['2010-01-02', '2010.01.02'],
  ['2010-01-02.5', '2010.01.02.5'],
  ['20100102-203040', '20100102.203040'],
  ['20150920.0.0', '20150920.0.0'],
  ['20100102203040-10', '20100102203040.10'],
  ['20100102-203040-p1', '20100102.203040-patch1'],
  ['1.x-dev', '1.9999999.9999999.9999999-dev'],
  ['1.0.0-beta.5+foo', '1.0.0.0-beta5'],
  ['1.0.0+foo', '1.0.0.0'],
  ['1.0.0-alpha.3.1+foo', '1.0.0.0-alpha3.1'],
  ['1.0.0-alpha2.1+foo', '1.0.0.0-alpha2.1'],
  ['1.0.0-alpha-2.1-3+foo', '1.0.0.0-alpha2.1-3'],
  ['1.0.0+foo as 2.0', '1.0.0.0'],
];

test('Packagist: Composer VersionParser::normalize table', () => {
  for (const [input, expected] of NORMALIZED) {
    assert.equal(normalizeVersion('Packagist', input), expected, input);
  }
});

test('Packagist: what Composer cannot normalize, and branches, are invalid (failingNormalizedVersions)', () => {
  assertInvalid('Packagist', [
    '',
    'a',
    '1.0.0-meh',
    '1.0.0.0.0',
    'feature-foo',
    '1.0.0+foo bar',
    'dev-master',
    'dev-feature/foo',
  ]);
});

// php-src ext/standard/tests/versioning/version_compare.phpt orders its special forms:
// 1.0-dev < 1.0a1 < 1.0b1 < 1.0RC1 == 1.0rc1 < 1.0 < 1.0.1 < 1.0pl1 (raw version_compare).
test('Packagist: PHP version_compare on raw strings (special forms)', () => {
  const cmp = (a: string, b: string) => phpVersionCompare(canonicalParts(a), canonicalParts(b));
  const order = ['1.0-dev', '1.0a1', '1.0b1', '1.0RC1', '1.0', '1.0.1', '1.0pl1'];
  for (let i = 0; i < order.length; i++) {
    for (let j = i + 1; j < order.length; j++) {
      assert.equal(cmp(order[i]!, order[j]!), -1, `${order[i]} < ${order[j]}`);
      assert.equal(cmp(order[j]!, order[i]!), 1, `${order[j]} > ${order[i]}`);
    }
  }
  assert.equal(cmp('1.0RC1', '1.0rc1'), 0);
  assert.equal(cmp('1.0-patch1', '1.0pl1'), 0, 'a special form matches by prefix');
  assert.equal(cmp('1.0-foo', '1.0-dev'), -1, 'unknown words sort before dev');
  assert.deepEqual(canonicalParts('1.0.0.0-beta2'), ['1', '0', '0', '0', 'beta', '2']);
});

test('Packagist: Composer order after normalization', () => {
  assertAscending('Packagist', [
    '1.0.0-dev',
    '1.0.0-alpha1',
    'v1.0.0-a2',
    '1.0.0-beta1',
    '1.0.0-RC1',
    '1.0.0-rc2',
    '1.0.0',
    '1.0.0-p1',
    '1.0.0.1',
    '1.0.1',
    '1.1-dev',
    '1.1',
    '1.x-dev',
    '2.0.0',
    '20100102',
  ]);
  assertEqualVersions('Packagist', [
    ['v1.0', '1.0.0.0'],
    ['1.0.0-stable', '1.0.0'],
    ['1.0.0-pl1', '1.0.0-patch1'],
    ['1.0.0+build.1', '1.0.0'],
  ]);
});
