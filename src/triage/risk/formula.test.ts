import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding, Reachability } from '../../model/index.ts';
import { component, type FindingOptions, vulnerability } from '../reachability/testing.ts';
import { explainRisk } from './explain.ts';
import { applyRisk, compareByRisk, type RiskContext, scoreRisk } from './formula.ts';
import { riskGateFailures } from './gate.ts';

const internet: RiskContext = { exposure: 'internet' };

function finding(
  options: FindingOptions & { reachability?: Reachability; scope?: 'prod' | 'dev' | 'optional' } = {},
): Finding {
  const target = component('lib', '1.0.0', { direct: true, scope: options.scope ?? 'prod' });
  const f = vulnerability(target, 'GHSA-test-0001', options);
  if (options.reachability) f.reachability = options.reachability;
  return f;
}

const factors = (f: Finding, context: RiskContext = internet) =>
  scoreRisk(f, context).factors.map((x) => `${x.name}=${x.value} x${x.weight}`);

describe('scoreRisk', () => {
  it('a KEV-listed medium outranks a non-KEV critical with EPSS near zero', () => {
    const kevMedium = finding({ cvss: 5.3, kev: true, reachability: 'imported' });
    const quietCritical = finding({ cvss: 9.8, epssPercentile: 0.02, reachability: 'imported' });
    const a = scoreRisk(kevMedium, internet);
    const b = scoreRisk(quietCritical, internet);
    assert.equal(a.score, 72);
    assert.equal(a.priority, 'fix-now');
    assert.equal(b.score, 18);
    assert.equal(b.priority, 'backlog');
    assert.deepEqual(factors(kevMedium), [
      'impact=5.3 x0.53',
      'likelihood=known exploited (KEV) x1',
      'kev=true x1.6',
      'reachability=imported x0.85',
      'exposure=internet x1',
      'scope=prod x1',
      'priority=fix-now x0',
    ]);
    assert.deepEqual(factors(quietCritical).slice(0, 2), ['impact=9.8 x0.98', 'likelihood=0.02 x0.216']);
  });

  it('every factor moves the score the documented way', () => {
    const base = { cvss: 9.8, epssPercentile: 0.9 };
    const score = (o: Parameters<typeof finding>[0], context: RiskContext = internet) =>
      scoreRisk(finding({ ...base, ...o }), context).score;
    assert.equal(score({ reachability: 'function-reachable' }), 90); // 98 x 0.92
    assert.equal(score({ reachability: 'imported' }), 77);
    assert.equal(score({ reachability: 'unknown' }), 77);
    assert.equal(score({}), 77); // not analysed
    assert.equal(score({ reachability: 'unreachable' }), 14);
    assert.equal(score({ reachability: 'imported' }, { exposure: 'internal' }), 54);
    assert.equal(score({ reachability: 'imported' }, { exposure: 'unknown' }), 69);
    assert.equal(score({ reachability: 'unreachable', scope: 'dev' }), 4);
    // A dev dependency that production code imports ships: it counts as prod.
    assert.equal(score({ reachability: 'imported', scope: 'dev' }), 77);
    assert.equal(score({ reachability: 'imported', scope: 'optional' }), 69);
    assert.equal(score({ reachability: 'imported', kev: 'ransomware' }), 100);
  });

  it('without CVSS the severity midpoint is the impact; without EPSS the likelihood is 0.7', () => {
    const f = finding({ severity: 'high', reachability: 'function-reachable' });
    assert.deepEqual(factors(f).slice(0, 2), ['impact=high x0.8', 'likelihood=no EPSS score x0.7']);
    assert.equal(scoreRisk(f, internet).score, 56);
    assert.equal(scoreRisk(finding({ severity: 'info' }), internet).score, 0);
  });

  it('malicious packages score 100 wherever they sit; secrets need no exploit', () => {
    const malicious = finding({
      kind: 'integrity',
      severity: 'critical',
      reachability: 'unreachable',
      scope: 'dev',
    });
    assert.equal(scoreRisk(malicious, { exposure: 'internal' }).score, 100);
    const secret: Finding = { ...finding({ severity: 'high' }), kind: 'secret' };
    delete secret.component;
    delete secret.advisory;
    assert.deepEqual(factors(secret), [
      'impact=high x0.8',
      'likelihood=leaked credential x1',
      'kev=false x1',
      'reachability=n/a x1',
      'exposure=internet x1',
      'scope=n/a x1',
      'priority=fix-now x0',
    ]);
  });

  it('misconfigurations: impact from the policy severity, likelihood as without EPSS, the exposure of the repository', () => {
    const misconfiguration: Finding = { ...finding({ severity: 'critical' }), kind: 'misconfiguration' };
    delete misconfiguration.component;
    delete misconfiguration.advisory;
    assert.deepEqual(factors(misconfiguration), [
      'impact=critical x0.95',
      'likelihood=deployed as configured x0.7',
      'kev=false x1',
      'reachability=n/a x1',
      'exposure=internet x1',
      'scope=n/a x1',
      'priority=fix-soon x0',
    ]);
    assert.equal(scoreRisk(misconfiguration, internet).score, 67);
    assert.equal(scoreRisk({ ...misconfiguration, severity: 'high' }, { exposure: 'internal' }).score, 39);
    // Ranked among vulnerabilities: above an imported critical nobody exploits, below a KEV-listed one.
    const ranked = applyRisk(
      [
        finding({ cvss: 9.8, epssPercentile: 0.02, reachability: 'imported' }),
        misconfiguration,
        finding({ cvss: 5.3, kev: true, reachability: 'imported' }),
      ],
      internet,
    ).sort(compareByRisk);
    assert.deepEqual(
      ranked.map((f) => `${f.kind} ${f.risk.score}`),
      ['vulnerability 72', 'misconfiguration 67', 'vulnerability 18'],
    );
    assert.equal(riskGateFailures(ranked, 60).length, 2);
  });

  it('applyRisk sets risk on every finding; compareByRisk ranks; the gate takes open findings at or above N', () => {
    const scored = applyRisk(
      [
        finding({ cvss: 9.8, epssPercentile: 0.02, reachability: 'imported' }),
        finding({ cvss: 5.3, kev: true, reachability: 'imported' }),
      ],
      internet,
    ).sort(compareByRisk);
    assert.deepEqual(
      scored.map((f) => f.risk.score),
      [72, 18],
    );
    assert.equal(riskGateFailures(scored, 70).length, 1);
    assert.equal(riskGateFailures(scored, 10).length, 2);
    assert.equal(riskGateFailures(scored, undefined).length, 0);
    const suppressed = scored.map((f) => ({ ...f, suppressed: { reason: 'accepted', by: 'ignore file' } }));
    assert.equal(riskGateFailures(suppressed, 0).length, 0);
  });
});

describe('explainRisk', () => {
  it('shows each factor, the reachability evidence, the exposure evidence and the product', () => {
    const f = finding({ cvss: 5.3, kev: true, reachability: 'function-reachable', fixed: '1.0.1' });
    f.evidence +=
      '; reachability: function-reachable: template used by reachable code (package.json:5 > src/a.js:3 > lib > template at src/a.js:9)';
    const [scored] = applyRisk([f], internet);
    const text = explainRisk(
      scored!,
      'Ingress shop-web (deploy/ingress.yaml:2): Ingress routes outside traffic in',
    );
    assert.equal(
      text,
      [
        `${f.id}  lib@1.0.0 GHSA-test-0001: Vulnerability in lib`,
        'severity medium; risk 85/100, fix now',
        '',
        '  impact        CVSS 5.3 (CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H)  x 0.530',
        '  likelihood    known exploited (KEV)                         x 1.000',
        '  kev           in CISA KEV since 2023-10-10                  x 1.600',
        '  reachability  function-reachable                            x 1.000',
        '                  function-reachable: template used by reachable code (package.json:5 > src/a.js:3 > lib > template at src/a.js:9)',
        '  exposure      internet                                      x 1.000',
        '                  Ingress shop-web (deploy/ingress.yaml:2): Ingress routes outside traffic in',
        '  scope         prod                                          x 1.000',
        '',
        '  score = min(100, round(100 x 0.530 x 1.000 x 1.600 x 1.000 x 1.000 x 1.000)) = 85',
        '',
        'fix: upgrade lib to 1.0.1',
        '',
      ].join('\n'),
    );
  });
});
