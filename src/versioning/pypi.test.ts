import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizeVersion } from './compare.ts';
import { assertAscending, assertEqualVersions, assertInvalid } from './testing.ts';

// The sorted VERSIONS list and the INVALID_VERSIONS of pypa/packaging tests/test_version.py,
// which is the reference implementation of PEP 440 ordering.
const PACKAGING_ORDER = [
  '1.0.dev456',
  '1.0a1',
  '1.0a2.dev456',
  '1.0a12.dev456',
  '1.0a12',
  '1.0b1.dev456',
  '1.0b2',
  '1.0b2.post345.dev456',
  '1.0b2.post345',
  '1.0b2-346',
  '1.0c1.dev456',
  '1.0c1',
  '1.0rc2',
  '1.0c3',
  '1.0',
  '1.0.post456.dev34',
  '1.0.post456',
  '1.1.dev1',
  '1.2+123abc',
  '1.2+123abc456',
  '1.2+abc',
  '1.2+abc123',
  '1.2+abc123def',
  '1.2+1234.abc',
  '1.2+123456',
  '1.2.r32+123456',
  '1.2.rev33+123456',
];

test('PyPI: packaging test_version.py order, without and with an explicit epoch', () => {
  assertAscending('PyPI', [...PACKAGING_ORDER, ...PACKAGING_ORDER.map((v) => `1!${v}`)]);
});

test('PyPI: spellings PEP 440 normalizes to the same version', () => {
  assertEqualVersions('PyPI', [
    ['1.0', '1.0.0'],
    ['1.0', '1.0.0.0'],
    ['v1.0', '1.0'],
    ['1.0a', '1.0a0'],
    ['1.0alpha1', '1.0a1'],
    ['1.0-a.1', '1.0a1'],
    ['1.0.beta2', '1.0b2'],
    ['1.0c1', '1.0rc1'],
    ['1.0pre1', '1.0rc1'],
    ['1.0preview1', '1.0rc1'],
    ['1.0RC1', '1.0rc1'],
    ['1.0-1', '1.0.post1'],
    ['1.0.rev1', '1.0.post1'],
    ['1.0r1', '1.0.post1'],
    ['1.0.dev', '1.0.dev0'],
    ['0!1.0', '1.0'],
    ['1.0+ubuntu-1', '1.0+ubuntu.1'],
    ['1.0+0001', '1.0+1'],
    [' 1.0 ', '1.0'],
  ]);
  assert.equal(normalizeVersion('PyPI', '1.0-Alpha-1'), '1.0a1');
  assert.equal(normalizeVersion('PyPI', 'v1!2.0.POST3.DEV4+Local.7'), '1!2.0.post3.dev4+local.7');
});

test('PyPI: what PEP 440 rejects (packaging INVALID_VERSIONS and legacy spellings from PYSEC)', () => {
  assertInvalid('PyPI', [
    'french toast',
    '1.0+a+',
    '1.0++',
    '1.0+_foobar',
    '1.0+foo&asd',
    '1.0+1+1',
    '2.0.0-final',
    '0.1-bulbasaur',
    '2.0.1rc2-git',
    '2013-01-21T20:33:09+0100',
    'trunk',
  ]);
});
