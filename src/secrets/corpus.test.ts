import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { scanBytes } from './engine.ts';
import { buildRuleset } from './ruleset.ts';

/**
 * Precision and recall on the labeled corpus (testdata/corpus, written by testdata/make-corpus.ts):
 * every planted secret is labeled `path:line:rule-id`, every decoy `path:line:none`. A finding
 * counts as right only with the labeled rule on the labeled line; any other finding — on a decoy,
 * on an unlabeled line, or with another rule — is a false positive.
 */
const root = fileURLToPath(new URL('testdata/corpus/', import.meta.url));
const labelsFile = fileURLToPath(new URL('testdata/corpus-labels.txt', import.meta.url));

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

describe('labeled corpus', () => {
  const labels = readFileSync(labelsFile, 'utf8').trim().split('\n');
  const expected = new Set(labels.filter((l) => !l.endsWith(':none')));
  const decoys = new Set(labels.filter((l) => l.endsWith(':none')).map((l) => l.slice(0, -':none'.length)));
  const ruleset = buildRuleset();
  const found: string[] = [];
  for (const file of walk(root)) {
    const path = relative(root, file).split('\\').join('/');
    for (const m of scanBytes(path, readFileSync(file), ruleset).matches)
      found.push(`${path}:${m.line}:${m.ruleId}`);
  }
  const truePositives = found.filter((f) => expected.has(f));
  const falsePositives = found.filter((f) => !expected.has(f));
  const missed = [...expected].filter((e) => !found.includes(e));
  const precision = truePositives.length / found.length;
  const recall = truePositives.length / expected.size;

  it('holds at least 300 secrets and 300 decoys in realistic files', () => {
    assert.ok(expected.size >= 300, `${expected.size} secrets`);
    assert.ok(decoys.size >= 300, `${decoys.size} decoys`);
  });

  it('is scanned with precision and recall of at least 0.95', () => {
    console.log(
      `corpus: ${expected.size} secrets, ${decoys.size} decoys; ${found.length} findings; ` +
        `precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}`,
    );
    for (const f of falsePositives)
      console.log(`  false positive: ${f}${decoys.has(f.replace(/:[^:]+$/, '')) ? ' (decoy)' : ''}`);
    for (const m of missed) console.log(`  missed: ${m}`);
    assert.ok(precision >= 0.95, `precision ${precision.toFixed(3)}`);
    assert.ok(recall >= 0.95, `recall ${recall.toFixed(3)}`);
  });
});
