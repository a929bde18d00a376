import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PalisadeError } from '../model/index.ts';
import { fixedVersions, isAffected } from './affected.ts';
import type { OsvAffected, OsvEvent, OsvRange } from './osv-types.ts';

const range = (type: OsvRange['type'], ...events: OsvEvent[]): OsvRange => ({ type, events });
const entry = (...ranges: OsvRange[]): OsvAffected => ({
  package: { ecosystem: 'PyPI', name: 'demo' },
  ranges,
});

function affectedSet(ecosystem: Parameters<typeof isAffected>[0], affected: OsvAffected, versions: string[]) {
  return versions.filter((v) => isAffected(ecosystem, v, affected));
}

// The examples of the OSV schema (https://ossf.github.io/osv-schema/#examples).
test('schema example: unfixed vulnerability — every version', () => {
  const a = entry(range('SEMVER', { introduced: '0' }));
  assert.deepEqual(affectedSet('npm', a, ['0.0.0-0', '0.1.0', '99.0.0']), ['0.0.0-0', '0.1.0', '99.0.0']);
});

test('schema example: fixed vulnerability — fixed is exclusive', () => {
  const a = entry(range('SEMVER', { introduced: '0' }, { fixed: '1.0.2' }));
  assert.deepEqual(affectedSet('npm', a, ['0.1.0', '1.0.1', '1.0.2-rc.1', '1.0.2', '1.0.3']), [
    '0.1.0',
    '1.0.1',
    '1.0.2-rc.1',
  ]);
});

test('schema example: multiple ranges [1.0.0, 1.0.2) and [3.0.0, 3.2.5)', () => {
  const a = entry(
    range('SEMVER', { introduced: '1.0.0' }, { fixed: '1.0.2' }, { introduced: '3.0.0' }, { fixed: '3.2.5' }),
  );
  const versions = ['0.9.0', '1.0.0', '1.0.1', '1.0.2', '2.0.0', '3.0.0', '3.2.4', '3.2.5', '4.0.0'];
  assert.deepEqual(affectedSet('crates.io', a, versions), ['1.0.0', '1.0.1', '3.0.0', '3.2.4']);
});

test('schema example: last_affected is inclusive', () => {
  const a = entry(range('ECOSYSTEM', { introduced: '0' }, { last_affected: '2.1.214' }));
  assert.deepEqual(affectedSet('Maven', a, ['2.1.213', '2.1.214', '2.1.214.1', '2.1.215']), [
    '2.1.213',
    '2.1.214',
  ]);
});

test('limit: an upper bound on the whole range; "*" is infinity', () => {
  const limited = entry(range('ECOSYSTEM', { introduced: '1.0' }, { limit: '2.0' }));
  assert.deepEqual(affectedSet('PyPI', limited, ['0.9', '1.0', '1.9', '2.0', '3.0']), ['1.0', '1.9']);
  const unlimited = entry(range('ECOSYSTEM', { introduced: '1.0' }, { limit: '*' }));
  assert.deepEqual(affectedSet('PyPI', unlimited, ['0.9', '1.0', '9.0']), ['1.0', '9.0']);
  const twoLimits = entry(range('ECOSYSTEM', { introduced: '0' }, { limit: '1.0' }, { limit: '3.0' }));
  assert.deepEqual(affectedSet('PyPI', twoLimits, ['0.5', '2.0', '3.0']), ['0.5', '2.0']);
});

test('events are evaluated in version order, not record order', () => {
  const a = entry(
    range('ECOSYSTEM', { fixed: '2.0' }, { introduced: '3.0' }, { introduced: '1.0' }, { fixed: '3.5' }),
  );
  assert.deepEqual(affectedSet('PyPI', a, ['0.5', '1.0', '1.5', '2.0', '3.0', '3.4', '3.5']), [
    '1.0',
    '1.5',
    '3.0',
    '3.4',
  ]);
});

test('equal versions keep record order: adjacent ranges join, an introduced-then-fixed range is empty', () => {
  // PYSEC-2022-236 (pyspark): [0, 3.1.1) then [3.1.1, 3.1.3) — 3.1.1 is affected.
  const joined = entry(
    range('ECOSYSTEM', { introduced: '0' }, { fixed: '3.1.1' }, { introduced: '3.1.1' }, { fixed: '3.1.3' }),
  );
  assert.deepEqual(affectedSet('PyPI', joined, ['3.1.0', '3.1.1', '3.1.2', '3.1.3']), [
    '3.1.0',
    '3.1.1',
    '3.1.2',
  ]);
  // RUSTSEC-2022-0012: RustSec writes a patched release as introduced X, fixed X.
  const empty = entry(
    range(
      'SEMVER',
      { introduced: '0.9.0' },
      { fixed: '0.9.2' },
      { introduced: '0.10.0' },
      { fixed: '0.10.0' },
    ),
  );
  assert.deepEqual(affectedSet('crates.io', empty, ['0.9.1', '0.9.2', '0.10.0', '0.10.1']), ['0.9.1']);
});

test('versions: listed versions are affected whatever the ranges say, in the ecosystem spelling', () => {
  const a: OsvAffected = {
    versions: ['1.0', '1.1a1', '2.0.0-final'],
    ranges: [range('ECOSYSTEM', { introduced: '5.0' })],
  };
  assert.equal(isAffected('PyPI', '1.0', a), true);
  assert.equal(isAffected('PyPI', '1.1-Alpha.1', a), true, 'the PEP 440 spelling of 1.1a1');
  assert.equal(isAffected('PyPI', '2.0.0-final', a), true, 'a listed legacy version matches exactly');
  assert.equal(isAffected('PyPI', '1.1', a), false);
  assert.equal(isAffected('PyPI', '5.1', a), true);
  assert.equal(isAffected('PyPI', 'not-a-version', { versions: ['1.0'] }), false, 'no range to evaluate');
});

test('GIT ranges are ignored for version matching; SEMVER ignores the ecosystem; ECOSYSTEM uses it', () => {
  const git = entry({
    type: 'GIT',
    repo: 'https://github.com/a/b',
    events: [{ introduced: '0' }, { fixed: 'deadbeef' }],
  });
  assert.equal(isAffected('PyPI', '1.0', git), false);
  // Go records drop the `v`; Go modules keep it.
  const go = entry(range('SEMVER', { introduced: '0' }, { fixed: '0.0.0-20200622213623-75b288015ac9' }));
  assert.equal(isAffected('Go', 'v0.0.0-20200101000000-abcdefabcdef', go), true);
  assert.equal(isAffected('Go', 'v0.0.0-20210101000000-abcdefabcdef', go), false);
  assert.equal(
    isAffected('Go', 'v1.0.0+incompatible', entry(range('SEMVER', { introduced: '1.0.0' }))),
    true,
  );
  // The same bounds differ by scheme: Maven's 1.0-SNAPSHOT is below 1.0; ECOSYSTEM follows Maven.
  const maven = entry(range('ECOSYSTEM', { introduced: '1.0' }));
  assert.equal(isAffected('Maven', '1.0-SNAPSHOT', maven), false);
  assert.equal(isAffected('Maven', '1.0.0', maven), true);
});

test('invalid input: the version or an event that must be compared is a one-line PalisadeError', () => {
  const a = entry(range('ECOSYSTEM', { introduced: '0' }, { fixed: 'soon' }));
  assert.throws(() => isAffected('PyPI', '1.0', a), {
    name: 'PalisadeError',
    message:
      'OSV range of PyPI/demo: fixed "soon" is not a valid PyPI version (PEP 440 ordering); fix or remove it',
  });
  assert.throws(
    () => isAffected('PyPI', 'x y', entry(range('ECOSYSTEM', { introduced: '0' }))),
    PalisadeError,
  );
  const twoKeys = {
    ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0', fixed: '1.0' }] }],
  } as unknown as OsvAffected;
  assert.throws(
    () => isAffected('PyPI', '0.5', twoKeys),
    /each event needs exactly one of introduced, fixed, last_affected or limit/,
  );
});

test('fixedVersions: the fixed events of version ranges, once each', () => {
  const a = entry(
    range('ECOSYSTEM', { introduced: '0' }, { fixed: '1.2' }, { introduced: '2.0' }, { fixed: '2.3' }),
    range('SEMVER', { introduced: '0' }, { fixed: '1.2' }),
    { type: 'GIT', repo: 'https://example.org/r', events: [{ introduced: '0' }, { fixed: 'abc123' }] },
  );
  assert.deepEqual(fixedVersions(a), ['1.2', '2.3']);
  assert.deepEqual(fixedVersions({}), []);
});
