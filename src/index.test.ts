import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as palisade from './index.ts';

describe('library entry point', () => {
  it('exposes the public contract: extractors, version comparison, range matching, report writers', () => {
    assert.ok(palisade.EXTRACTORS.length >= 20);
    assert.equal(palisade.compareVersions('PyPI', '1.0.post1', '1.0'), 1);
    assert.equal(palisade.compareVersions('Maven', '1.0-SNAPSHOT', '1.0'), -1);
    const affected = {
      package: { ecosystem: 'npm', name: 'lodash' },
      ranges: [{ type: 'SEMVER' as const, events: [{ introduced: '0' }, { fixed: '4.17.21' }] }],
    };
    assert.equal(palisade.isAffected('npm', '4.17.15', affected), true);
    assert.equal(palisade.isAffected('npm', '4.17.21', affected), false);
    for (const name of [
      'writeSarif',
      'writeMarkdown',
      'writeJUnit',
      'writeCycloneDxJson',
      'writeSpdxJson',
      'inventoryDirectory',
      'matchComponents',
    ]) {
      assert.equal(typeof (palisade as Record<string, unknown>)[name], 'function', name);
    }
  });
});
