import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Decision, Finding, ScanResult } from '../model/index.ts';
import { evaluateGate } from './gate.ts';

function finding(id: string, fields: Partial<Finding> = {}): Finding {
  return {
    id,
    kind: 'vulnerability',
    ruleId: `GHSA-${id}`,
    title: id,
    severity: 'medium',
    location: { path: 'package-lock.json', line: 1 },
    evidence: '',
    fingerprint: id,
    risk: { score: 10, factors: [] },
    ...fields,
  };
}

function deny(policy: string, subject: string, messages: string[]): Decision {
  return { verdict: 'deny', policy, mode: 'enforce', messages, subject };
}

const misconfiguration = finding('m1', {
  kind: 'misconfiguration',
  ruleId: 'pss-baseline-privileged',
  evidence: 'Deployment web: containers c must not set securityContext.privileged=true',
});
const findings = [
  finding('high', { severity: 'high' }),
  finding('risky', { risk: { score: 80, factors: [] } }),
  finding('quiet'),
  finding('muted', { severity: 'critical', suppressed: { reason: 'accepted', by: 'ignore file' } }),
  misconfiguration,
];
const result = (decisions: Decision[]): ScanResult => ({
  schemaVersion: 1,
  target: '.',
  components: [],
  findings,
  decisions,
  coverage: { files: [], unresolved: [] },
  projects: [],
});

describe('evaluateGate', () => {
  it('fails open findings over --fail-on or --fail-on-risk, never suppressed ones', () => {
    const gate = evaluateGate(result([]), { failOn: 'high', failOnRisk: 70 });
    assert.deepEqual([...gate.failing].sort(), ['high', 'risky']);
    assert.deepEqual(
      gate.overThreshold.map((f) => f.id),
      ['high', 'risky'],
    );
    assert.deepEqual(gate.denied, []);
  });

  it('fails nothing without a threshold or a denial', () => {
    const gate = evaluateGate(result([{ ...deny('p', 'quiet', ['m']), verdict: 'warn' }]), {
      failOn: undefined,
      failOnRisk: undefined,
    });
    assert.equal(gate.failing.size, 0);
    assert.deepEqual(gate.unmatched, []);
  });

  it('maps finding-policy denials by id and admission denials to their violations', () => {
    const decisions = [
      deny('kev-in-prod', 'quiet', ['KEV-listed']),
      deny('pss-baseline-privileged', 'Deployment default/web', [
        'containers c must not set securityContext.privileged=true',
      ]),
      deny('pss-baseline-host-namespaces', 'Deployment default/web', ['hostNetwork must not be set']),
    ];
    const gate = evaluateGate(result(decisions), { failOn: undefined, failOnRisk: undefined });
    assert.deepEqual([...gate.failing].sort(), ['m1', 'quiet']);
    assert.equal(gate.denied.length, 3);
    // Its finding was left out (by --severity, say): it still fails the build, on its own.
    assert.deepEqual(
      gate.unmatched.map((d) => d.policy),
      ['pss-baseline-host-namespaces'],
    );
  });
});
