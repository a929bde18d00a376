import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EpssScore, KevEntry, OsvRecord } from '../../model/index.ts';
import { MemoryLookup } from './memory-lookup.ts';
import { testdata } from './testing.ts';

function record(id: string, modified: string, ...packages: [string, string][]): OsvRecord {
  return {
    id,
    modified,
    affected: packages.map(([ecosystem, name]) => ({ package: { ecosystem, name } })),
  };
}

const LODASH = JSON.parse(testdata('osv', 'GHSA-35jh-r3h4-6jhm.json')) as OsvRecord;

describe('MemoryLookup', () => {
  it('indexes a record under every package it names, by normal name and base ecosystem', () => {
    const pypi = record('PYSEC-2023-74', '2023-05-26T00:00:00Z', ['PyPI', 'Requests_OAuthlib']);
    const debian = record(
      'DSA-5000-1',
      '2021-11-01T00:00:00Z',
      ['Debian:11', 'openssl'],
      ['Debian:12', 'openssl'],
    );
    const lookup = new MemoryLookup([LODASH, pypi, debian]);
    assert.deepEqual(lookup.lookup('npm', 'lodash'), [LODASH]);
    assert.deepEqual(lookup.lookup('npm', 'lodash-es'), [LODASH]);
    assert.deepEqual(lookup.lookup('npm', 'Lodash'), []); // npm names are case-sensitive
    assert.deepEqual(lookup.lookup('PyPI', 'requests-oauthlib'), [pypi]);
    assert.deepEqual(lookup.lookup('PyPI', 'requests.OAuthlib'), [pypi]);
    assert.deepEqual(lookup.lookup('Debian', 'openssl'), [debian]);
    assert.deepEqual(lookup.lookup('PyPI', 'lodash'), []);
  });

  it('keeps one record per id, the one modified last', () => {
    const undated = { ...LODASH, modified: '1970-01-01T00:00:00Z', summary: 'from npm' };
    const newer = { ...LODASH, modified: '2025-01-01T00:00:00Z', summary: 'newer' };
    assert.deepEqual(new MemoryLookup([undated, LODASH]).lookup('npm', 'lodash'), [LODASH]);
    assert.deepEqual(new MemoryLookup([LODASH, undated]).lookup('npm', 'lodash'), [LODASH]);
    assert.deepEqual(new MemoryLookup([LODASH, newer, undated]).records, [newer]);
    const tie = { ...LODASH, summary: 'second' };
    assert.deepEqual(new MemoryLookup([LODASH, tie]).records, [LODASH]);
  });

  it('hands out copies of its lists', () => {
    const lookup = new MemoryLookup([LODASH]);
    lookup.lookup('npm', 'lodash').pop();
    assert.deepEqual(lookup.lookup('npm', 'lodash'), [LODASH]);
  });

  it('answers EPSS and KEV from the maps it was given', () => {
    const epss: EpssScore = { score: 0.00231, percentile: 0.61, date: '2025-08-25' };
    const kev: KevEntry = {
      cveId: 'CVE-2021-44228',
      dateAdded: '2021-12-10',
      dueDate: '2021-12-24',
      knownRansomwareCampaignUse: true,
    };
    const lookup = new MemoryLookup([LODASH], {
      epss: new Map([['CVE-2021-23337', epss]]),
      kev: new Map([['CVE-2021-44228', kev]]),
    });
    assert.deepEqual(lookup.epss('CVE-2021-23337'), epss);
    assert.equal(lookup.epss('CVE-2020-8203'), undefined);
    assert.deepEqual(lookup.kev('CVE-2021-44228'), kev);
    assert.equal(new MemoryLookup([]).kev('CVE-2021-44228'), undefined);
  });
});
