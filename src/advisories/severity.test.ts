import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OsvRecord } from '../model/index.ts';
import { advisorySeverity } from './severity.ts';

const base: OsvRecord = { id: 'X-1', modified: '2024-01-01T00:00:00Z' };

describe('advisorySeverity', () => {
  it('scores the newest CVSS vector', () => {
    const record: OsvRecord = {
      ...base,
      severity: [
        { type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
        { type: 'CVSS_V4', score: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N' },
      ],
    };
    assert.deepEqual(advisorySeverity(record), {
      severity: 'medium',
      score: 6.9,
      vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N',
      source: 'CVSS_V4',
    });
  });

  it('maps CVSS v3 base scores to the qualitative scale', () => {
    const cases: [string, string, number][] = [
      ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'critical', 9.8],
      ['CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H', 'high', 8.1],
      ['CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 'medium', 6.1],
      ['CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N', 'low', 1.8],
    ];
    for (const [vector, severity, score] of cases) {
      const rated = advisorySeverity({ ...base, severity: [{ type: 'CVSS_V3', score: vector }] });
      assert.deepEqual([rated.severity, rated.score], [severity, score], vector);
    }
  });

  it('falls back to a per-package vector, then the database label, then medium', () => {
    const affected = {
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
    };
    assert.equal(advisorySeverity(base, affected).severity, 'critical');
    assert.deepEqual(advisorySeverity({ ...base, database_specific: { severity: 'MODERATE' } }), {
      severity: 'medium',
      source: 'database',
    });
    assert.deepEqual(advisorySeverity({ ...base, severity: [{ type: 'CVSS_V3', score: 'garbage' }] }), {
      severity: 'medium',
      source: 'unknown',
    });
  });
});
