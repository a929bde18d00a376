import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding, ScanResult } from '../model/index.ts';
import type { ReportContext } from './context.ts';
import { writeJson } from './json.ts';
import { writeMarkdown } from './markdown.ts';
import { writeSarif } from './sarif.ts';
import { writeTable } from './table.ts';
import { assertValidSarif } from './testing.ts';

// Secret findings as the secret scanner makes them: redacted evidence, a column, and for history
// scans the commit that added the secret; one of them checked with --verify.
const base: Pick<Finding, 'kind' | 'severity' | 'risk' | 'remediation'> = {
  kind: 'secret',
  severity: 'critical',
  risk: { score: 86, factors: [] },
  remediation: { text: 'revoke and rotate this credential first' },
};
const inTree: Finding = {
  ...base,
  id: 'a1',
  ruleId: 'github-pat',
  title: 'GitHub personal access token (classic)',
  location: { path: 'deploy/.env', line: 3, column: 7 },
  evidence: 'ghp_…(40 chars)',
  fingerprint: 'f'.repeat(64),
  verification: {
    status: 'verified',
    provider: 'github',
    checkedAt: '2026-01-31T10:00:00.000Z',
    detail: 'authenticates as octocat',
  },
};
const inHistory: Finding = {
  ...base,
  id: 'a2',
  ruleId: 'npm-access-token',
  title: 'npm access token',
  location: {
    path: 'old/.npmrc',
    line: 1,
    column: 23,
    commit: {
      sha: '0123456789abcdef0123456789abcdef01234567',
      author: 'Alice Example',
      email: 'alice@example.com',
      date: '2023-11-14T22:13:20+00:00',
    },
  },
  evidence: 'npm_…(40 chars)',
  fingerprint: 'e'.repeat(64),
};
const result: ScanResult = {
  schemaVersion: 1,
  target: 'shop',
  components: [],
  findings: [inTree, inHistory],
  decisions: [],
  coverage: { files: [], unresolved: [] },
  projects: [],
};
const context: ReportContext = { toolVersion: '0.1.0', reproducible: true, color: false, view: 'findings' };

describe('secret findings in the reports', () => {
  it('table: the redacted value, the verdict and the commit', () => {
    const table = writeTable(result, context);
    assert.match(table, /github-pat\s+ghp_…\(40 chars\) verified\s+revoke .*deploy\/\.env:3/);
    assert.match(table, /npm-access-token\s+npm_…\(40 chars\)\s+revoke .*old\/\.npmrc:1 @0123456789ab/);
  });

  it('markdown: the same, in a PR comment', () => {
    const markdown = writeMarkdown(result);
    assert.match(markdown, /\| critical \| `ghp_…\(40 chars\) verified` \| github-pat /);
    assert.match(markdown, /\| old\/\.npmrc:1 @0123456789ab \|/);
  });

  it('SARIF: column, commit and verdict, valid against the schema', () => {
    const sarif = JSON.parse(writeSarif(result, context));
    assertValidSarif(sarif);
    const [tree, history] = sarif.runs[0].results;
    assert.equal(tree.locations[0].physicalLocation.region.startColumn, 7);
    assert.equal(
      tree.message.text,
      'GitHub personal access token (classic) (ghp_…(40 chars)), verified by github: authenticates as octocat. Fix: revoke and rotate this credential first.',
    );
    assert.deepEqual(tree.properties.verification, inTree.verification);
    assert.match(
      history.message.text,
      /^npm access token \(npm_…\(40 chars\)\), added in commit 0123456789ab by Alice Example <alice@example\.com> on 2023-11-14\./,
    );
    assert.equal(history.properties.commit.sha, inHistory.location.commit?.sha);
    assert.equal(history.partialFingerprints['palisade/v1'], inHistory.fingerprint);
  });

  it('JSON: the location with its commit and the verification, as structured fields', () => {
    const json = JSON.parse(writeJson(result));
    assert.deepEqual(json.findings[0].verification, inTree.verification);
    assert.deepEqual(json.findings[1].location, inHistory.location);
  });
});
