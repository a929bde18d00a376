import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Finding } from '../model/index.ts';
import { rankFindings } from './rank.ts';

function secret(id: string, severity: Finding['severity']): Finding {
  return {
    id,
    kind: 'secret',
    ruleId: 'github-pat',
    title: 'GitHub personal access token',
    severity,
    location: { path: '.env', line: 1 },
    evidence: 'ghp_…(40 chars)',
    fingerprint: id,
    risk: { score: 0, factors: [] },
  };
}

function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-rank-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const INGRESS = 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n';

describe('rankFindings', () => {
  it('scores leaked credentials as scan does: severity × exposure, likelihood 1, highest first', () => {
    const [first, second] = rankFindings(repo({ 'deploy/ingress.yaml': INGRESS }), [
      secret('low', 'medium'),
      secret('top', 'critical'),
    ]);
    assert.equal(first?.id, 'top');
    assert.equal(first?.risk.score, 95);
    assert.deepEqual(
      first?.risk.factors.map((f) => `${f.name}=${f.value}`),
      [
        'impact=critical',
        'likelihood=leaked credential',
        'kev=false',
        'reachability=n/a',
        'exposure=internet',
        'scope=n/a',
        'priority=fix-now',
      ],
    );
    assert.equal(second?.risk.score, 55);
  });

  it('without manifests the exposure is unknown, unless configured', () => {
    const dir = repo({ 'README.md': 'no manifests' });
    assert.equal(rankFindings(dir, [secret('a', 'critical')])[0]?.risk.score, 86);
    assert.equal(rankFindings(dir, [secret('a', 'critical')], 'internal')[0]?.risk.score, 67);
  });
});
