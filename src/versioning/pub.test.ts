import { test } from 'node:test';
import { assertAscending, assertEqualVersions, assertInvalid } from './testing.ts';

// dart-lang pub_semver test/version_test.dart ('comparison' and 'equality').

test('Pub: pub_semver comparison order (build metadata sorts)', () => {
  assertAscending('Pub', [
    '1.0.0-alpha',
    '1.0.0-alpha.1',
    '1.0.0-beta.2',
    '1.0.0-beta.11',
    '1.0.0-rc.1',
    '1.0.0-rc.1+build.1',
    '1.0.0',
    '1.0.0+0.3.7',
    '1.3.7+build',
    '1.3.7+build.2.b8f12d7',
    '1.3.7+build.11.e0f985a',
    '2.0.0',
    '2.1.0',
    '2.2.0',
    '2.11.0',
    '2.11.1',
  ]);
});

test('Pub: equality ignores leading zeros, not build metadata', () => {
  assertEqualVersions('Pub', [
    ['01.2.3', '1.2.3'],
    ['1.02.3', '1.2.3'],
    ['1.2.03', '1.2.3'],
    ['1.2.3-01', '1.2.3-1'],
    ['1.2.3+01', '1.2.3+1'],
  ]);
  assertAscending('Pub', ['1.2.3', '1.2.3+1', '1.2.3+2']);
});

test('Pub: invalid versions', () => {
  assertInvalid('Pub', ['1.0', '1.2.3.4', 'v1.2.3', '1.2.3-', '1.2.3+', '1.2.3-a..b', 'any']);
});
