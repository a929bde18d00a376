import { test } from 'node:test';
import { assertAscending, assertEqualVersions, assertInvalid, assertPairs, assertValid } from './testing.ts';

// rubygems/rubygems test/rubygems/test_gem_version.rb (test_spaceship, test_semver,
// test_equals2, test_initialize, test_initialize_invalid, test_canonical_segments).

test('RubyGems: test_spaceship', () => {
  assertPairs('RubyGems', [
    ['1.0', '1.0.0', 0],
    ['1.0', '1.0.a', 1],
    ['1.8.2', '0.0.0', 1],
    ['1.8.2', '1.8.2.a', 1],
    ['1.8.2.b', '1.8.2.a', 1],
    ['1.8.2.a', '1.8.2', -1],
    ['1.8.2.a10', '1.8.2.a9', 1],
    ['0.beta.1', '0.0.beta.1', 0],
    ['0.0.beta', '0.0.beta.1', -1],
    ['0.0.beta', '0.beta.1', -1],
    ['5.a', '5.0.0.rc2', -1],
    ['5.x', '5.0.0.rc2', 1],
  ]);
});

test('RubyGems: test_semver (a hyphen starts a prerelease)', () => {
  assertAscending('RubyGems', [
    '1.0.0-alpha',
    '1.0.0-alpha.1',
    '1.0.0-beta.2',
    '1.0.0-beta.11',
    '1.0.0-rc.1',
    '1.0.0',
  ]);
  assertPairs('RubyGems', [
    ['1.0.0-rc1', '1.0.0', -1],
    ['1.0.0-1', '1', -1],
    ['1.freeze.test', '1', -1],
  ]);
});

test('RubyGems: equal versions (trailing zeros, b1 vs b.1, surrounding spaces)', () => {
  assertEqualVersions('RubyGems', [
    ['1.2', '1.2'],
    ['1.2.b1', '1.2.b.1'],
    ['1.2', '1.2.0'],
    ['1.2.pre.1', '1.2.0.pre.1.0'],
    ['1.2.3-1', '1.2.3.pre.1'],
    ['1.0', ' 1.0 '],
    ['1.0', '1.0\n'],
    ['1.0', '\n1.0\n'],
    ['1.0.0.a.1.0', '1.a.1'],
  ]);
});

test('RubyGems: valid and invalid spellings (test_initialize_invalid, CVE-2013-4287)', () => {
  assertValid('RubyGems', ['1', '1.A', '22.1.50.0.d', '1-a', '7.0.8.1', '3.2.0.rc1']);
  assertInvalid('RubyGems', [
    'junk',
    '1.0\n2.0',
    '1..2',
    '1.2 3.4',
    '2.3422222.222.222222222.22222.ads0as.dasd0.ddd2222.2.qd3e.',
    'an incorrect version',
    '',
    '   ',
  ]);
});
