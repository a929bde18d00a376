import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scanText } from './engine.ts';
import { toFindings } from './findings.ts';
import { fingerprint, redact } from './redact.ts';
import { BUILTIN_RULES } from './rules/index.ts';
import { buildRuleset } from './ruleset.ts';

describe('redaction', () => {
  it('shows the first characters and the length, fewer for short values', () => {
    assert.equal(redact('ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3z'), 'ghp_…(38 chars)');
    assert.equal(redact('S3cure!Pass12'), 'S3…(13 chars)');
    assert.equal(redact('hunter22'), '…(8 chars)');
  });

  it('fingerprints with a hash of rule, path and value', () => {
    assert.match(fingerprint('github-pat', 'a.env', 'ghp_x'), /^[0-9a-f]{64}$/);
    assert.notEqual(fingerprint('github-pat', 'a.env', 'ghp_x'), fingerprint('github-pat', 'b.env', 'ghp_x'));
  });

  it('keeps every secret of every rule sample out of matches, findings and warnings', () => {
    const ruleset = buildRuleset();
    let checked = 0;
    for (const rule of BUILTIN_RULES) {
      for (const sample of rule.samples.truePositives) {
        const secrets: string[] = [];
        const result = scanText(rule.samples.path ?? 'sample.txt', sample, ruleset, {
          onSecret: (_, secret) => secrets.push(secret),
        });
        const output = JSON.stringify([result, toFindings(result.matches)]);
        for (const secret of secrets) {
          const hidden = secret.slice(4);
          assert.ok(!output.includes(hidden), `${rule.id}: output shows ${hidden.slice(0, 8)}…`);
          checked++;
        }
      }
    }
    assert.ok(checked >= BUILTIN_RULES.length, `${checked} secrets checked`);
  });
});
