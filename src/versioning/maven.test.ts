import { test } from 'node:test';
import { assertAscending, assertEqualVersions, assertInvalid, assertPairs } from './testing.ts';

// Tables from Maven's own ComparableVersionTest (apache/maven maven-artifact
// src/test/java/org/apache/maven/artifact/versioning/ComparableVersionTest.java, Maven 3.9).

test('Maven: VERSIONS_QUALIFIER are in ascending order', () => {
  assertAscending('Maven', [
    '1-alpha2snapshot',
    '1-alpha2',
    '1-alpha-123',
    '1-beta-2',
    '1-beta123',
    '1-m2',
    '1-m11',
    '1-rc',
    '1-cr2',
    '1-rc123',
    '1-SNAPSHOT',
    '1',
    '1-sp',
    '1-sp2',
    '1-sp123',
    '1-abc',
    '1-def',
    '1-pom-1',
    '1-1-snapshot',
    '1-1',
    '1-2',
    '1-123',
  ]);
});

test('Maven: VERSIONS_NUMBER are in ascending order', () => {
  assertAscending('Maven', [
    '2.0',
    '2.0.a',
    '2-1',
    '2.0.2',
    '2.0.123',
    '2.1.0',
    '2.1-a',
    '2.1b',
    '2.1-c',
    '2.1-1',
    '2.1.0.1',
    '2.2',
    '2.123',
    '11.a2',
    '11.a11',
    '11.b2',
    '11.b11',
    '11.m2',
    '11.m11',
    '11',
    '11.a',
    '11b',
    '11c',
    '11m',
  ]);
});

test('Maven: testVersionsEqual (trailing zeros, separators, aliases, case)', () => {
  assertEqualVersions('Maven', [
    ['1', '1'],
    ['1', '1.0'],
    ['1', '1.0.0'],
    ['1.0', '1.0.0'],
    ['1', '1-0'],
    ['1', '1.0-0'],
    ['1.0', '1.0-0'],
    ['1a', '1-a'],
    ['1a', '1.0-a'],
    ['1a', '1.0.0-a'],
    ['1.0a', '1-a'],
    ['1.0.0a', '1-a'],
    ['1x', '1-x'],
    ['1x', '1.0-x'],
    ['1x', '1.0.0-x'],
    ['1.0x', '1-x'],
    ['1.0.0x', '1-x'],
    ['1ga', '1'],
    ['1release', '1'],
    ['1final', '1'],
    ['1cr', '1rc'],
    ['1a1', '1-alpha-1'],
    ['1b2', '1-beta-2'],
    ['1m3', '1-milestone-3'],
    ['1X', '1x'],
    ['1A', '1a'],
    ['1B', '1b'],
    ['1M', '1m'],
    ['1Ga', '1'],
    ['1GA', '1'],
    ['1RELEASE', '1'],
    ['1RELeaSE', '1'],
    ['1Final', '1'],
    ['1FinaL', '1'],
    ['1FINAL', '1'],
    ['1Cr', '1Rc'],
    ['1cR', '1rC'],
    ['1m3', '1Milestone3'],
    ['1m3', '1MileStone3'],
    ['1m3', '1MILESTONE3'],
    ['1-abcdefghijklmnopqrstuvwxyz', '1-ABCDEFGHIJKLMNOPQRSTUVWXYZ'],
  ]);
});

test('Maven: testVersionComparing', () => {
  assertPairs(
    'Maven',
    [
      ['1', '2'],
      ['1.5', '2'],
      ['1', '2.5'],
      ['1.0', '1.1'],
      ['1.1', '1.2'],
      ['1.0.0', '1.1'],
      ['1.0.1', '1.1'],
      ['1.1', '1.2.0'],
      ['1.0-alpha-1', '1.0'],
      ['1.0-alpha-1', '1.0-alpha-2'],
      ['1.0-alpha-1', '1.0-beta-1'],
      ['1.0-beta-1', '1.0-SNAPSHOT'],
      ['1.0-SNAPSHOT', '1.0'],
      ['1.0-alpha-1-SNAPSHOT', '1.0-alpha-1'],
      ['1.0', '1.0-1'],
      ['1.0-1', '1.0-2'],
      ['1.0.0', '1.0-1'],
      ['2.0-1', '2.0.1'],
      ['2.0.1-klm', '2.0.1-lmn'],
      ['2.0.1', '2.0.1-xyz'],
      ['2.0.1', '2.0.1-123'],
      ['2.0.1-xyz', '2.0.1-123'],
    ].map(([a, b]) => [a!, b!, -1] as const),
  );
});

test('Maven: MNG-5568 transitivity, MNG-6572 long numbers, MNG-6964 "-0." qualifiers', () => {
  assertAscending('Maven', ['6.1.0rc3', '6.1.0', '6.1H.5-beta']);
  assertAscending('Maven', [
    '20190126.230843',
    '1234567890.12345',
    '123456789012345.1H.5-beta',
    '12345678901234567890.1H.5-beta',
  ]);
  assertAscending('Maven', ['1-0.alpha', '1-0.beta', '1']);
});

test('Maven: leading zeros do not matter (testVersionEqualWithLeadingZeroes)', () => {
  const ones = Array.from({ length: 19 }, (_, i) => `${'0'.repeat(18 - i)}1`);
  const zeros = Array.from({ length: 19 }, (_, i) => '0'.repeat(19 - i));
  assertEqualVersions(
    'Maven',
    ones.map((v) => [v, '1'] as const),
  );
  assertEqualVersions(
    'Maven',
    zeros.map((v) => [v, '0'] as const),
  );
});

test('Maven: MNG-7644 — ".X" counts as "-X" for any qualifier', () => {
  for (const x of ['abc', 'alpha', 'a', 'beta', 'b', 'def', 'milestone', 'm', 'RC']) {
    assertPairs('Maven', [[`1.0.0.${x}1`, `1.0.0-${x}2`, -1]]);
    assertEqualVersions('Maven', [
      [`2-${x}`, `2.0.${x}`],
      [`2-${x}`, `2.0.0.${x}`],
      [`2.0.${x}`, `2.0.0.${x}`],
    ]);
  }
});

test('Maven: common real-world spellings', () => {
  assertAscending('Maven', [
    '2.9.10',
    '2.9.10.1',
    '2.9.10.8',
    '2.10.0-rc1',
    '2.10.0',
    '2.12.7.1',
    '5.3.0.Beta1',
    '5.3.0.CR1',
    '5.3.0.Final',
    '5.3.1.Final',
  ]);
  assertEqualVersions('Maven', [['5.3.0.Final', '5.3.0']]);
  // An unknown qualifier sorts after the release: Maven really puts jackson's 2.10.0.pr1 above 2.10.0.
  assertAscending('Maven', ['2.10.0', '2.10.0.pr1', '2.10.1']);
});

test('Maven: strings a POM cannot hold are invalid', () => {
  assertInvalid('Maven', [
    '',
    '1.0 beta',
    '1.0\n',
    '1.0\u0000',
    '../1.0',
    '\x24{project.version}',
    '[1.0,2.0)',
    'x'.repeat(300),
  ]);
});
