import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import type { Ecosystem } from '../model/index.ts';
import { isAffected } from './affected.ts';
import { isValidVersion } from './compare.ts';
import type { OsvAffected, OsvRange } from './osv-types.ts';
import { schemeFor } from './registry.ts';
import { osvSemverScheme } from './semver.ts';

// Self-consistency over real OSV exports (testdata/README.md says how the files were made).

interface OsvRecord {
  readonly id: string;
  readonly affected: readonly OsvAffected[];
}

function records(file: string): OsvRecord[] {
  const text = gunzipSync(readFileSync(new URL(`testdata/${file}`, import.meta.url))).toString('utf8');
  return text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as OsvRecord);
}

/*
 * PYSEC records whose `versions` list disagrees with their own ECOSYSTEM ranges under PEP 440.
 * Each is an upstream data problem, not an ordering one; the test fails if the set changes.
 */
const PYSEC_DISAGREEMENTS: Record<string, { versions: string[]; reason: string }> = {
  'PYSEC-2021-114': {
    versions: ['2.11.6'],
    reason:
      'wagtail: one range holds three overlapping pairs (introduced 2.11, fixed 2.11.7, introduced 0, fixed 2.11.6, …); ' +
      'evaluated as the schema says, in version order, fixed 2.11.6 ends the range at 2.11.6',
  },
  'PYSEC-2023-61': {
    versions: ['3.2a1', '3.2b1', '3.2rc1', '4.2a1', '4.2b1', '4.2rc1'],
    reason:
      'django: the list has prereleases of the introduced versions 3.2 and 4.2, which PEP 440 orders before them',
  },
  'PYSEC-2023-177': {
    versions: ['23.9.0', '23.9.0.post1'],
    reason: 'gevent: the list has the fixed version 23.9.0 and its post-release, which the range excludes',
  },
};

/*
 * PYSEC `versions` entries that are not PEP 440 versions (pip no longer installs such releases),
 * so no range can order them; they still match by exact string. Counted per record.
 */
const PYSEC_LEGACY_VERSIONS: Record<string, number> = {
  'PYSEC-2006-1': 1, // 2.0.0-final
  'PYSEC-2008-3': 1, // 2.0.0-final
  'PYSEC-2008-8': 8, // 0.1-bulbasaur …
  'PYSEC-2015-24': 2, // 0.7.1.fix1, 0.7.4.svn.r2010
  'PYSEC-2015-25': 2,
  'PYSEC-2017-103': 1, // 1.0beta6.1
  'PYSEC-2017-41': 1, // a3
  'PYSEC-2017-46': 2,
  'PYSEC-2017-47': 2,
  'PYSEC-2018-100': 21, // 0.3m1 …
  'PYSEC-2018-114': 2, // 0.3.1-p1, 0.4.0-p1
  'PYSEC-2018-115': 2,
  'PYSEC-2018-19': 8,
  'PYSEC-2019-102': 16, // 2013-01-21T20:33:09+0100 …
  'PYSEC-2019-106': 1, // 2.0.1rc2-git
  'PYSEC-2019-126': 1,
  'PYSEC-2019-6': 10, // 0.7.10p1 …
  'PYSEC-2020-341': 1, // -class.-jw.util.version.Version-
  'PYSEC-2021-121': 1, // trunk
  'PYSEC-2021-338': 2, // 4.11-final, 5.0-final
  'PYSEC-2021-356': 1,
  'PYSEC-2021-859': 1,
  'PYSEC-2022-12': 2,
  'PYSEC-2022-166': 8,
  'PYSEC-2022-288': 7, // 0.3.2d …
  'PYSEC-2022-5': 1,
  'PYSEC-2023-17': 2,
  'PYSEC-2023-22': 1, // 3.0.0b3-
};

test('PyPI: every version a PYSEC record lists is affected by its own ECOSYSTEM ranges', (t) => {
  const all = records('osv-PyPI.jsonl.gz');
  let checkedRecords = 0;
  let checkedVersions = 0;
  const disagreements: Record<string, string[]> = {};
  const legacy: Record<string, number> = {};
  for (const record of all) {
    let counted = false;
    for (const affected of record.affected) {
      const ranges = (affected.ranges ?? []).filter((r) => r.type === 'ECOSYSTEM');
      if (!affected.versions?.length || ranges.length === 0) continue;
      if (!counted) checkedRecords++;
      counted = true;
      for (const version of affected.versions) {
        if (!isValidVersion('PyPI', version)) {
          legacy[record.id] = (legacy[record.id] ?? 0) + 1;
          continue;
        }
        checkedVersions++;
        // The ranges alone: the list itself is what is being checked.
        if (!isAffected('PyPI', version, { ranges })) {
          disagreements[record.id] = [...(disagreements[record.id] ?? []), version];
        }
      }
    }
  }
  t.diagnostic(
    `${checkedRecords} PYSEC records, ${checkedVersions} listed PEP 440 versions checked against their ranges`,
  );
  t.diagnostic(
    `${Object.keys(PYSEC_DISAGREEMENTS).length} known inconsistent records, ${Object.values(legacy).reduce((a, b) => a + b, 0)} non-PEP 440 versions`,
  );
  assert.ok(checkedRecords > 2600, `only ${checkedRecords} records checked`);
  assert.ok(checkedVersions > 140_000, `only ${checkedVersions} versions checked`);
  assert.deepEqual(
    disagreements,
    Object.fromEntries(Object.entries(PYSEC_DISAGREEMENTS).map(([id, { versions }]) => [id, versions])),
  );
  assert.deepEqual(legacy, PYSEC_LEGACY_VERSIONS);
});

/** An introduced event immediately followed by a fixed one at the same version: an empty range. */
function isEmptyRange(range: OsvRange, index: number): boolean {
  const event = range.events[index];
  const next = range.events[index + 1];
  return !!event && !!next && 'introduced' in event && 'fixed' in next && event.introduced === next.fixed;
}

/** Checks one range's events; returns whether it holds an empty [introduced X, fixed X) pair. */
function checkRange(ecosystem: Ecosystem, id: string, range: OsvRange): boolean {
  const scheme = range.type === 'SEMVER' ? osvSemverScheme : schemeFor(ecosystem);
  let previous: string | undefined;
  let hasEmpty = false;
  range.events.forEach((event, index) => {
    const [kind, version] = Object.entries(event)[0] as [string, string];
    if (version === '0') return;
    const where = `${id} ${kind} ${version}`;
    assert.ok(scheme.isValid(version), `${where}: not a valid version`);
    assert.ok(isValidVersion(ecosystem, version), `${where}: not a valid ${ecosystem} version`);
    // The records keep their events sorted, as the schema recommends: a check of the ordering.
    if (previous !== undefined)
      assert.ok(scheme.compare(previous, version) <= 0, `${where}: sorts before ${previous}`);
    previous = version;
    const hit = isAffected(ecosystem, version, { ranges: [range] });
    if (kind === 'introduced' && isEmptyRange(range, index)) {
      assert.equal(hit, false, `${where}: an empty range affects nothing`);
      hasEmpty = true;
    } else if (kind === 'introduced') assert.equal(hit, true, `${where}: introduced must be affected`);
    else if (kind === 'fixed') assert.equal(hit, false, `${where}: fixed must not be affected`);
  });
  return hasEmpty;
}

function checkRanges(
  ecosystem: Ecosystem,
  file: string,
): { records: number; events: number; empty: string[] } {
  let events = 0;
  const empty: string[] = [];
  const all = records(file);
  for (const record of all) {
    for (const affected of record.affected) {
      for (const range of affected.ranges ?? []) {
        events += range.events.length;
        if (checkRange(ecosystem, record.id, range)) empty.push(record.id);
      }
    }
  }
  return { records: all.length, events, empty };
}

// The Go and RustSec exports carry no `versions` lists, so they are checked against themselves:
// every bound parses, bounds are in order, introduced versions are affected and fixed ones not.
test('Go: every vulndb range is ordered and evaluates consistently (pseudo-versions included)', (t) => {
  const { records: n, events, empty } = checkRanges('Go', 'osv-Go.jsonl.gz');
  t.diagnostic(`${n} Go records, ${events} events`);
  assert.ok(n > 4000 && events > 12_000);
  assert.deepEqual(empty, []);
});

test('crates.io: every RustSec range is ordered and evaluates consistently', (t) => {
  const { records: n, events, empty } = checkRanges('crates.io', 'osv-crates.io.jsonl.gz');
  t.diagnostic(`${n} RustSec records, ${events} events`);
  assert.ok(n > 1200 && events > 2400);
  // RustSec spells "this release is patched" as introduced X, fixed X.
  assert.deepEqual(empty, [
    'RUSTSEC-2022-0012',
    'RUSTSEC-2023-0039',
    'RUSTSEC-2024-0399',
    'RUSTSEC-2026-0149',
  ]);
});
