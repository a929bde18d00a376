import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { EVIDENCE_MARKER } from '../../triage/reachability/apply.ts';
import { parseEvidence, REACHABILITY_MARKER } from './evidence.ts';

// Evidence strings as `palisade scan examples/demo-shop` writes them.
describe('finding evidence', () => {
  test('the marker is the one the reachability analysis writes', () => {
    assert.equal(REACHABILITY_MARKER, EVIDENCE_MARKER);
  });

  test('the import chain from the entry point to the vulnerable function', () => {
    assert.deepEqual(
      parseEvidence(
        'moment@2.29.1 is in the affected range of CVE-2022-31129, GHSA-wc69-rhjr-hc9g; reachability: function-reachable: default (vulnerable per the curated table) used by reachable code (web/package.json:6 > web/src/server.js:4 > moment > default at web/src/server.js:17)',
      ),
      {
        summary: 'moment@2.29.1 is in the affected range of CVE-2022-31129, GHSA-wc69-rhjr-hc9g',
        reachability: {
          verdict: 'function-reachable',
          reason: 'default (vulnerable per the curated table) used by reachable code',
          chain: ['web/package.json:6', 'web/src/server.js:4', 'moment', 'default at web/src/server.js:17'],
        },
      },
    );
  });

  test('parentheses in the reason are prose, not a chain', () => {
    const unknown = parseEvidence(
      'qs@6.7.0 is in the affected range of CVE-2022-24999; reachability: unknown: a dependency of express@4.17.1, whose code was not analysed (not installed or loaded dynamically)',
    );
    assert.deepEqual(unknown.reachability, {
      verdict: 'unknown',
      reason:
        'a dependency of express@4.17.1, whose code was not analysed (not installed or loaded dynamically)',
      chain: [],
    });
    const imported = parseEvidence(
      'lodash@4.17.15 is in the affected range of CVE-2020-8203; reachability: imported: imported by production code (not installed here, so its own imports were not followed); the vulnerable baseSet (per the advisory) is not used (web/package.json:6 > web/src/server.js:3 > lodash)',
    );
    assert.deepEqual(imported.reachability?.chain, ['web/package.json:6', 'web/src/server.js:3', 'lodash']);
    assert.match(imported.reachability?.reason ?? '', /\(per the advisory\) is not used$/);
    assert.deepEqual(
      parseEvidence('x; reachability: imported: by the manifest (package.json:4)').reachability?.chain,
      ['package.json:4'],
    );
  });

  test('evidence without reachability, or with an odd tail, is kept whole', () => {
    assert.deepEqual(parseEvidence('AWS access key AKIA************MPLE in .env:3'), {
      summary: 'AWS access key AKIA************MPLE in .env:3',
    });
    assert.deepEqual(parseEvidence('x; reachability: ???'), {
      summary: 'x',
      reachability: { verdict: '???', reason: '', chain: [] },
    });
    assert.deepEqual(parseEvidence('x; reachability: unknown: unbalanced a > b)').reachability?.chain, []);
  });
});
