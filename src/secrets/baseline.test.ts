import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { PalisadeError } from '../model/index.ts';
import { applyBaseline, loadBaseline, parseBaseline } from './baseline.ts';
import { scanText } from './engine.ts';
import { tokens } from './git/testing.ts';
import { buildRuleset } from './ruleset.ts';

const ruleset = buildRuleset();

/** A report as `palisade secrets --format json` writes it, reduced to what a baseline reads. */
function report(fingerprints: string[]) {
  return {
    schemaVersion: 1,
    target: '.',
    components: [],
    findings: fingerprints.map((fingerprint, i) => ({
      id: `f${i}`,
      kind: 'secret',
      ruleId: 'github-pat',
      title: 'GitHub personal access token (classic)',
      severity: 'critical',
      location: { path: 'src/app.js', line: i + 1 },
      evidence: 'ghp_…(40 chars)',
      fingerprint,
      risk: { score: 0, factors: [] },
    })),
    decisions: [],
    coverage: { files: [], unresolved: [] },
    projects: [],
  };
}

describe('baseline', () => {
  it('lets through only the secrets that are not in the previous report, whatever their line', () => {
    const before = scanText('src/app.js', `const a = "${tokens.github(1)}";\n`, ruleset).matches;
    const baseline = parseBaseline('baseline.json', JSON.stringify(report(before.map((m) => m.fingerprint))));
    const now = scanText(
      'src/app.js',
      `// moved down\n\nconst b = "${tokens.github(2)}";\nconst a = "${tokens.github(1)}";\n`,
      ruleset,
    ).matches;
    const { fresh, known } = applyBaseline(now, baseline);
    assert.deepEqual(
      fresh.map((m) => m.line),
      [3],
    );
    assert.deepEqual(
      known.map((m) => m.line),
      [4],
    );
    // The same secret in another file is another finding.
    const elsewhere = scanText('src/other.js', `const a = "${tokens.github(1)}";\n`, ruleset).matches;
    assert.equal(applyBaseline(elsewhere, baseline).fresh.length, 1);
  });

  it('reads a report from disk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'palisade-baseline-'));
    try {
      const file = join(dir, 'report.json');
      writeFileSync(file, JSON.stringify(report(['a1', 'b2'])));
      assert.deepEqual([...loadBaseline(file).fingerprints], ['a1', 'b2']);
      const missing = join(dir, 'missing.json');
      assert.throws(() => loadBaseline(missing), {
        name: 'PalisadeError',
        message:
          `${missing}: cannot read the baseline (ENOENT: no such file or directory, open '${missing}'); ` +
          'write one with `palisade secrets --format json --output <file>`',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const how = 'write one with `palisade secrets --format json --output <file>`';
  const malformed: [string, string, string][] = [
    ['truncated', JSON.stringify(report(['a'])).slice(0, 40), 'the baseline is not JSON ('],
    ['an array', '[]', 'not a palisade JSON report (Invalid input: expected object, received array)'],
    ['a gitleaks report', '[{"Fingerprint":"abc:src/a.js:github-pat:3"}]', 'not a palisade JSON report ('],
    [
      'no schemaVersion',
      '{"findings":[]}',
      'not a palisade JSON report (schemaVersion: Invalid input: expected 1)',
    ],
    [
      'a finding without fingerprint',
      JSON.stringify({ ...report([]), findings: [{ id: 'x' }] }),
      'not a palisade JSON report (findings.0.fingerprint: Invalid input: expected string, received undefined)',
    ],
  ];
  for (const [name, text, message] of malformed) {
    it(`refuses ${name} in one line naming the file`, () => {
      assert.throws(
        () => parseBaseline('ci/baseline.json', text),
        (error: unknown) => {
          assert.ok(error instanceof PalisadeError);
          assert.equal(error.code, 'input');
          assert.ok(error.message.startsWith(`ci/baseline.json: ${message}`), error.message);
          assert.ok(error.message.endsWith(`; ${how}`), error.message);
          assert.equal(error.message.includes('\n'), false);
          return true;
        },
      );
    });
  }
});
