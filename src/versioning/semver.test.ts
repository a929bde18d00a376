import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizeVersion } from './compare.ts';
import { osvSemverScheme } from './semver.ts';
import { assertAscending, assertEqualVersions, assertInvalid } from './testing.ts';

// SemVer 2.0.0 §11's own example chain (https://semver.org/#spec-item-11).
const SPEC_ORDER = [
  '1.0.0-alpha',
  '1.0.0-alpha.1',
  '1.0.0-alpha.beta',
  '1.0.0-beta',
  '1.0.0-beta.2',
  '1.0.0-beta.11',
  '1.0.0-rc.1',
  '1.0.0',
  '2.0.0',
  '2.1.0',
  '2.1.1',
];

for (const ecosystem of ['crates.io', 'Hex'] as const) {
  test(`${ecosystem}: SemVer 2.0.0 precedence (spec §11)`, () => {
    assertAscending(ecosystem, SPEC_ORDER);
    assertAscending(ecosystem, ['1.0.0-9', '1.0.0-10', '1.0.0-a', '1.0.0-a.1', '1.0.0-b']);
    assertAscending(ecosystem, ['0.9.0', '0.10.0', '10.0.0', '18446744073709551616.0.0']);
  });

  test(`${ecosystem}: build metadata does not order (spec §10)`, () => {
    assertEqualVersions(ecosystem, [
      ['1.0.0+20130313144700', '1.0.0'],
      ['1.0.0-beta+exp.sha.5114f85', '1.0.0-beta'],
      ['1.0.0+a', '1.0.0+b'],
    ]);
  });

  test(`${ecosystem}: what the SemVer grammar rejects`, () => {
    assertInvalid(ecosystem, [
      '1',
      '1.0',
      'v1.0.0',
      '01.0.0',
      '1.02.0',
      '1.0.0-01',
      '1.0.0-',
      '1.0.0+',
      '1.0.0-a..b',
      ' 1.0.0',
      '1.0.0.0',
      'latest',
    ]);
  });
}

test('SEMVER ranges accept the `v` OSV strips from Go versions, and nothing else', () => {
  assert.equal(osvSemverScheme.compare('v1.2.3', '1.2.3'), 0);
  assert.equal(osvSemverScheme.isValid('1.2'), false);
  assert.equal(osvSemverScheme.isValid('V1.2.3'), false);
});

test('crates.io: normalize drops nothing but keeps the canonical spelling', () => {
  assert.equal(normalizeVersion('crates.io', '1.2.3-rc.1+build.5'), '1.2.3-rc.1+build.5');
});
