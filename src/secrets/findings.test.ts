import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scanText } from './engine.ts';
import { toFindings } from './findings.ts';
import { ALNUM, BASE64, fake } from './rules/build.ts';
import { buildRuleset } from './ruleset.ts';

describe('secret findings', () => {
  it('become model Findings of kind secret with redacted evidence', () => {
    const token = `ghp_${fake('finding', ALNUM, 36)}`;
    const body = fake('finding-pem', BASE64, 800).replace(/(.{64})/g, '$1\n');
    const text = `A=${token}\n-----BEGIN PRIVATE KEY-----\nMIIE${body}\n-----END PRIVATE KEY-----\n`;
    const matches = scanText('deploy/.env', text, buildRuleset()).matches;
    const [pat, key] = toFindings(matches);
    assert.deepEqual(pat, {
      id: pat!.id,
      kind: 'secret',
      ruleId: 'github-pat',
      title: 'GitHub personal access token (classic)',
      severity: 'critical',
      location: { path: 'deploy/.env', line: 1, column: 3 },
      evidence: 'ghp_…(40 chars)',
      fingerprint: matches[0]!.fingerprint,
      risk: { score: 0, factors: [] },
      remediation: pat!.remediation!,
    });
    assert.match(pat!.id, /^[0-9a-f]{32}$/);
    assert.match(pat!.remediation!.text, /^revoke and rotate/);
    assert.equal(key?.ruleId, 'private-key');
    assert.equal(key?.location.line, 2);
    assert.ok((key?.location.endLine ?? 0) > 3);
    assert.notEqual(pat!.id, key!.id);
  });
});
