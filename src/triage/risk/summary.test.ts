import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding, Reachability } from '../../model/index.ts';
import { component, type FindingOptions, vulnerability } from '../reachability/testing.ts';
import { applyRisk } from './formula.ts';
import { noiseSummary } from './summary.ts';

function finding(
  reachability: Reachability,
  options: FindingOptions & { scope?: 'prod' | 'dev' } = {},
): Finding {
  const f = vulnerability(
    component('lib', '1.0.0', { scope: options.scope ?? 'prod' }),
    'GHSA-test',
    options,
  );
  f.reachability = reachability;
  return f;
}

describe('noiseSummary', () => {
  it('counts what triage deprioritizes, and why', () => {
    const findings = applyRisk(
      [
        finding('function-reachable', { cvss: 9.8, epssPercentile: 0.97 }), // fix now
        finding('imported', { cvss: 5.3, kev: true }), // fix now
        finding('imported', { cvss: 7.5 }), // fix soon (45)
        finding('unreachable', { cvss: 9.8 }), // unreachable
        finding('unreachable', { cvss: 7.5, scope: 'dev' }), // dev-only
        finding('unknown', { cvss: 9.8, epssPercentile: 0.1 }), // unlikely (23)
        finding('imported', { cvss: 3.1 }), // low impact (18)
        {
          ...finding('unreachable', { cvss: 9.8 }),
          suppressed: { reason: 'not affected', by: 'VEX x.json' },
        },
      ],
      { exposure: 'internet' },
    );
    const summary = noiseSummary(findings);
    assert.deepEqual(summary.byPriority, { 'fix-now': 2, 'fix-soon': 1, backlog: 3, noise: 1 });
    assert.deepEqual(summary.byReason, { unreachable: 1, 'dev-only': 1, unlikely: 1, 'low impact': 1 });
    assert.equal(summary.total, 7);
    assert.equal(summary.deprioritized, 3);
    assert.equal(
      summary.line,
      '7 findings, 3 deprioritized (43%) as unreachable (1) / dev-only (1) / unlikely to be exploited (1); 2 fix now, 1 fix soon, 1 backlog on impact alone',
    );
  });

  it('counts every kind of finding: secrets and misconfigurations rank beside vulnerabilities', () => {
    const bare = (kind: Finding['kind'], severity: Finding['severity']): Finding => {
      const f: Finding = { ...finding('unknown'), kind, severity };
      delete f.component;
      delete f.advisory;
      delete f.reachability;
      return f;
    };
    const findings = applyRisk(
      [
        finding('unreachable', { cvss: 9.8 }), // unreachable (15)
        bare('secret', 'high'), // fix now (80)
        bare('misconfiguration', 'critical'), // fix soon (67)
        bare('misconfiguration', 'low'), // backlog on impact alone (18)
      ],
      { exposure: 'internet' },
    );
    const summary = noiseSummary(findings);
    assert.equal(summary.total, 4);
    assert.equal(
      summary.line,
      '4 findings, 1 deprioritized (25%) as unreachable (1) / dev-only (0) / unlikely to be exploited (0); 1 fix now, 1 fix soon, 1 backlog on impact alone',
    );
  });

  it('says so when there is nothing', () => {
    assert.equal(noiseSummary([]).line, '0 findings');
  });
});
