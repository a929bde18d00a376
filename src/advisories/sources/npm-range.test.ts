import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OsvRange } from '../../model/index.ts';
import { affectedFromNpmRange } from './npm-range.ts';

const QUERIED = ['0.2.3', '1.0.0', '1.0.1', '1.2.5', '1.5.0', '2.0.0', '7.5.1'];

function semverRange(...events: OsvRange['events']): OsvRange {
  return { type: 'SEMVER', events };
}

const TABLE: { range: string; ranges?: OsvRange[]; versions?: string[] }[] = [
  { range: '<4.17.21', ranges: [semverRange({ introduced: '0' }, { fixed: '4.17.21' })] },
  {
    range: '>=1.0.0 <1.2.6 || <0.2.4',
    ranges: [
      semverRange({ introduced: '1.0.0' }, { fixed: '1.2.6' }),
      semverRange({ introduced: '0' }, { fixed: '0.2.4' }),
    ],
  },
  { range: '<=2.0.0', ranges: [semverRange({ introduced: '0' }, { last_affected: '2.0.0' })] },
  { range: '>=7.0.0 <7.5.2', ranges: [semverRange({ introduced: '7.0.0' }, { fixed: '7.5.2' })] },
  { range: '*', ranges: [semverRange({ introduced: '0' })] },
  { range: '', ranges: [semverRange({ introduced: '0' })] },
  { range: '>=5.0.0', ranges: [semverRange({ introduced: '5.0.0' })] },
  { range: '=1.2.5', ranges: [semverRange({ introduced: '1.2.5' }, { last_affected: '1.2.5' })] },
  {
    range: '<4.20.0 || >=5.0.0-alpha.1 <5.0.0',
    ranges: [
      semverRange({ introduced: '0' }, { fixed: '4.20.0' }),
      semverRange({ introduced: '5.0.0-alpha.1' }, { fixed: '5.0.0' }),
    ],
  },
  // Sugar expands to comparators first: ^1.0.0 is >=1.0.0 <2.0.0-0, 1.x the same.
  { range: '^1.0.0', ranges: [semverRange({ introduced: '1.0.0' }, { fixed: '2.0.0-0' })] },
  { range: '1.x', ranges: [semverRange({ introduced: '1.0.0' }, { fixed: '2.0.0-0' })] },
  // Not expressible as events: the queried versions that satisfy the set are listed instead.
  { range: '>1.0.0 <2.0.0', versions: ['1.0.1', '1.2.5', '1.5.0'] },
  { range: '>1.0.0', versions: ['1.0.1', '1.2.5', '1.5.0', '2.0.0', '7.5.1'] },
  { range: '>=1.0.0 >=1.2.0 <2.0.0', versions: ['1.2.5', '1.5.0'] },
  {
    range: '>1.0.0 <=1.2.5 || >=7.0.0 <7.5.2',
    ranges: [semverRange({ introduced: '7.0.0' }, { fixed: '7.5.2' })],
    versions: ['1.0.1', '1.2.5'],
  },
  // An empty set (lower bound above the upper one) affects nothing that was asked.
  { range: '>=2.0.0 <=1.0.0' },
];

describe('affectedFromNpmRange', () => {
  for (const { range, ranges, versions } of TABLE) {
    it(`converts ${JSON.stringify(range)}`, () => {
      assert.deepEqual(affectedFromNpmRange('pkg', range, QUERIED), {
        package: { ecosystem: 'npm', name: 'pkg' },
        ...(ranges ? { ranges } : {}),
        ...(versions ? { versions } : {}),
        database_specific: { vulnerable_versions: range },
      });
    });
  }

  it('refuses what is not a range', () => {
    assert.equal(affectedFromNpmRange('pkg', '>=1.0.0 <', QUERIED), undefined);
    assert.equal(affectedFromNpmRange('pkg', 'not a range', QUERIED), undefined);
  });
});
