import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ECOSYSTEMS, PalisadeError } from '../model/index.ts';
import { compareVersions, isValidVersion, sortVersions, tryCompare } from './compare.ts';
import { VERSION_SCHEMES } from './registry.ts';

test('every OSV ecosystem of the model has a version scheme', () => {
  for (const ecosystem of ECOSYSTEMS) {
    assert.ok(VERSION_SCHEMES[ecosystem], `${ecosystem} has no version scheme`);
  }
  assert.deepEqual(
    Object.keys(VERSION_SCHEMES).sort(),
    [...ECOSYSTEMS].sort(),
    'no scheme for an unknown ecosystem',
  );
});

// One ordinary version per ecosystem, and one below it, for the contract below.
const SAMPLES: Record<(typeof ECOSYSTEMS)[number], readonly [string, string]> = {
  npm: ['1.2.3-beta.1', '1.2.3'],
  PyPI: ['1.2.3rc1', '1.2.3'],
  Go: ['v1.2.3-pre', 'v1.2.3'],
  'crates.io': ['1.2.3-alpha', '1.2.3'],
  Maven: ['1.2.3-SNAPSHOT', '1.2.3'],
  RubyGems: ['1.2.3.rc1', '1.2.3'],
  Packagist: ['1.2.3-RC1', '1.2.3'],
  NuGet: ['1.2.3-beta', '1.2.3'],
  Pub: ['1.2.3-dev', '1.2.3'],
  Hex: ['1.2.3-rc.0', '1.2.3'],
  Debian: ['1.2.3~rc1-1', '1.2.3-1'],
  Alpine: ['1.2.3_rc1-r0', '1.2.3-r0'],
};

test('contract: each scheme orders, is reflexive, and rejects junk with a one-line input error', () => {
  const hostile = [
    '',
    ' ',
    'not a version!',
    '\u0000',
    '9'.repeat(5_000_000),
    '1.'.repeat(200_000),
    '{"a":1}',
  ];
  for (const ecosystem of ECOSYSTEMS) {
    const [low, high] = SAMPLES[ecosystem];
    assert.equal(compareVersions(ecosystem, low, high), -1, `${ecosystem}: ${low} < ${high}`);
    assert.equal(compareVersions(ecosystem, high, low), 1);
    assert.equal(compareVersions(ecosystem, high, high), 0);
    assert.deepEqual(sortVersions(ecosystem, [high, low, high]), [low, high, high]);
    for (const junk of hostile) {
      const started = performance.now();
      assert.equal(
        isValidVersion(ecosystem, junk),
        false,
        `${ecosystem} accepted ${JSON.stringify(junk.slice(0, 20))}`,
      );
      assert.equal(tryCompare(ecosystem, junk, high), undefined);
      assert.throws(
        () => compareVersions(ecosystem, high, junk),
        (error: unknown) =>
          error instanceof PalisadeError &&
          error.code === 'input' &&
          !error.message.includes('\n') &&
          error.message.length < 200 &&
          error.message.includes(`valid ${ecosystem} version`),
      );
      assert.ok(performance.now() - started < 250, `${ecosystem} took too long on hostile input`);
    }
  }
});

test('sortVersions names the first invalid version', () => {
  assert.throws(() => sortVersions('npm', ['1.0.0', 'nope']), {
    name: 'PalisadeError',
    message: '"nope" is not a valid npm version (npm semver ordering); fix or remove it',
  });
});
