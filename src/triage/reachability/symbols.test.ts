import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Advisory, OsvRecord } from '../../model/index.ts';
import { vulnerableSymbols, wrapperExports } from './symbols.ts';
import { osvRecord } from './testing.ts';

const advisory = (osv: OsvRecord): Advisory => ({ osv, ids: [osv.id, ...(osv.aliases ?? [])].sort() });

describe('vulnerableSymbols', () => {
  it("reads GitHub's affected_functions spellings from real records", () => {
    assert.deepEqual(vulnerableSymbols(advisory(osvRecord('GHSA-35jh-r3h4-6jhm')), 'lodash'), {
      kind: 'exports',
      names: ['template'],
      source: 'the advisory and the curated table',
    });
    // lodash-es records reuse lodash's `lodash.template` spelling.
    assert.deepEqual(vulnerableSymbols(advisory(osvRecord('GHSA-35jh-r3h4-6jhm')), 'lodash-es'), {
      kind: 'exports',
      names: ['template'],
      source: 'the advisory and the curated table',
    });
    // `(lodash).defaultsDeep`, plus the merge family from the curated table.
    const jf85 = vulnerableSymbols(advisory(osvRecord('GHSA-jf85-cpcp-j695')), 'lodash');
    assert.deepEqual(jf85?.kind === 'exports' && jf85.names, ['defaultsDeep', 'merge', 'mergeWith']);
    // `(lodash.defaultsdeep)`: the whole package is the vulnerable function.
    assert.deepEqual(vulnerableSymbols(advisory(osvRecord('GHSA-jf85-cpcp-j695')), 'lodash.defaultsdeep'), {
      kind: 'package',
    });
    // `minimatch`, `minimatch.Minimatch.parse`, `ext`…: the module itself, the class, the functions.
    assert.deepEqual(vulnerableSymbols(advisory(osvRecord('GHSA-f8q6-p94x-37v3')), 'minimatch'), {
      kind: 'exports',
      names: ['Minimatch', 'default', 'defaults', 'ext', 'match'],
      source: 'the advisory',
    });
  });

  it('falls back to the curated table where the record names nothing (affected_functions [""])', () => {
    assert.deepEqual(vulnerableSymbols(advisory(osvRecord('GHSA-29mw-wpgm-hmr9')), 'lodash'), {
      kind: 'exports',
      names: ['toNumber', 'trim', 'trimEnd'],
      source: 'the curated table',
    });
    assert.deepEqual(vulnerableSymbols(advisory(osvRecord('GHSA-8hfj-j24r-96c4')), 'moment'), {
      kind: 'exports',
      names: ['defineLocale', 'locale', 'updateLocale'],
      source: 'the curated table',
    });
    assert.deepEqual(vulnerableSymbols(advisory(osvRecord('GHSA-27h2-hvpr-p74q')), 'jsonwebtoken'), {
      kind: 'exports',
      names: ['verify'],
      source: 'the curated table',
    });
  });

  it('reads Go-style ecosystem_specific.imports[].symbols', () => {
    const osv: OsvRecord = {
      id: 'GO-2099-0001',
      modified: '2099-01-01T00:00:00Z',
      affected: [
        {
          package: { ecosystem: 'Go', name: 'golang.org/x/net' },
          ecosystem_specific: {
            imports: [{ path: 'golang.org/x/net/html', symbols: ['Parse', 'Tokenizer.Next'] }],
          },
        },
      ],
    };
    assert.deepEqual(vulnerableSymbols(advisory(osv), 'golang.org/x/net'), {
      kind: 'exports',
      names: ['Parse', 'Tokenizer'],
      source: 'the advisory',
    });
  });

  it('nothing when no source names the vulnerable code, or for another package', () => {
    assert.equal(vulnerableSymbols(advisory(osvRecord('GHSA-qw6h-vgh9-j6wx')), 'express'), undefined);
    assert.equal(vulnerableSymbols(advisory(osvRecord('GHSA-35jh-r3h4-6jhm')), 'express'), undefined);
    assert.equal(vulnerableSymbols(undefined, 'lodash'), undefined);
  });

  it('knows the exports that hand out the whole API', () => {
    assert.deepEqual(wrapperExports('lodash'), ['default', 'chain', 'runInContext', 'mixin']);
    assert.deepEqual(wrapperExports('left-pad'), []);
  });
});
