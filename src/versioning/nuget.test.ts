import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizeVersion } from './compare.ts';
import { assertAscending, assertEqualVersions, assertInvalid } from './testing.ts';

// Cases from NuGet.Client test/NuGet.Core.Tests/NuGet.Versioning.Test (VersionComparerTests,
// NuGetVersionTest): four-part versions, case-insensitive labels, metadata ignored.

test('NuGet: SemVer 2.0.0 order plus the fourth part', () => {
  assertAscending('NuGet', [
    '1.0.0-alpha',
    '1.0.0-alpha.1',
    '1.0.0-alpha.beta',
    '1.0.0-beta',
    '1.0.0-beta.2',
    '1.0.0-beta.11',
    '1.0.0-rc.1',
    '1.0.0',
    '1.0.0.1',
    '1.0.1-beta',
    '1.0.1',
    '1.0.10',
    '1.1',
    '2147483647.0.0',
  ]);
  assertAscending('NuGet', ['1.0.0-1', '1.0.0-2', '1.0.0-10', '1.0.0-a', '1.0.0-B', '1.0.0-c']);
});

test('NuGet: equal versions (VersionComparerTests.VersionComparisonDefaultEqual)', () => {
  assertEqualVersions('NuGet', [
    ['1.0.0', '1.0.0'],
    ['1.0.0-BETA', '1.0.0-beta'],
    ['1.0.0-BETA+AA', '1.0.0-beta+aa'],
    ['1.0.0-BETA.X.y.5.77.0+AA', '1.0.0-beta.x.y.5.77.0+aa'],
    ['1.0.0', '1.0.0+beta'],
    ['1.0', '1.0.0.0'],
    ['1.0+test', '1.0.0.0'],
    ['1.0.0.1-1.2.A', '1.0.0.1-1.2.a+A'],
    ['1.01', '1.1'],
    ['1', '1.0.0'],
  ]);
  assert.equal(normalizeVersion('NuGet', '1.01.0.0-Beta+meta'), '1.1.0-Beta');
  assert.equal(normalizeVersion('NuGet', '1.0.0.4'), '1.0.0.4');
});

test('NuGet: invalid versions (NuGetVersionTest.ParseThrowsIfStringIsNotAValidSemVer, a selection)', () => {
  assertInvalid('NuGet', [
    '1beta',
    '1.2Av^c',
    '1.2..',
    '1.2.3.4.5',
    '1.2.3.Beta',
    '1.2.3.4This version is full of awesomeness!!',
    'So.is.this',
    '1.34.2Alpha',
    '1.34.2Release Candidate',
    '1.4.7-',
    '1.4.7-beta..1',
    '2147483648.0.0',
    'v1.0.0',
  ]);
});
