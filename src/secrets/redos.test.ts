import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import type { RedosJob, RedosResult } from './redos-worker.ts';
import { BUILTIN_RULES, DEFAULT_ALLOWLIST } from './rules/index.ts';
import { regexSpec } from './ruleset.ts';

/**
 * Every built-in regex runs over untrusted text, so each must take time linear in that text.
 * The argument, checked here for every rule and allowlist regex:
 *  1. every repetition is bounded ({n,m}; no `*`, `+` or `{n,}`), so one match attempt, from one
 *     start position, reads at most M characters, M a constant of the pattern;
 *  2. redos-detector proves the pattern, anchored at that start, unambiguous up to a small score S:
 *     a backtracking engine explores at most S ways through those M characters;
 * so scanning a line of n characters costs at most n·S·M steps. (Unanchored, the detector counts
 * the engine's retry at every position as backtracking and calls nearly any pattern unsafe; that
 * retry is the factor n above, and the line cap bounds n.)
 */
function jobs(): RedosJob[] {
  const all: RedosJob[] = [];
  const seen = new Set<string>();
  const add = (id: string, source: string, flags: string) => {
    if (seen.has(`${flags}/${source}`)) return;
    seen.add(`${flags}/${source}`);
    all.push({ id, source, flags });
  };
  for (const rule of BUILTIN_RULES) {
    add(rule.id, rule.regex, rule.flags ?? '');
    for (const source of [...(rule.allowlist?.regexes ?? []), ...(rule.allowlist?.matchRegexes ?? [])]) {
      const spec = regexSpec(source);
      add(`${rule.id} (allowlist)`, spec.source, spec.flags);
    }
  }
  for (const source of DEFAULT_ALLOWLIST.regexes ?? []) {
    const spec = regexSpec(source);
    add('default allowlist', spec.source, spec.flags);
  }
  return all;
}

/** The unbounded repetitions of a JavaScript regex source: `*`, `+` and `{n,}` outside classes. */
export function unboundedRepetitions(source: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
    } else if (c === '[') {
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
    } else if (c === '*' || c === '+') {
      found.push(`${c} at ${i}`);
    } else if (c === '{') {
      const open = /^\{\d+,\}/.exec(source.slice(i));
      if (open) found.push(`${open[0]} at ${i}`);
    }
  }
  return found;
}

function runWorkers(all: RedosJob[], lanes: number, batch: number): Promise<RedosResult[]> {
  const batches: RedosJob[][] = [];
  for (let i = 0; i < all.length; i += batch) batches.push(all.slice(i, i + batch));
  const results: RedosResult[] = [];
  let next = 0;
  const lane = async () => {
    while (next < batches.length) {
      const jobsOfBatch = batches[next++]!;
      const out = await new Promise<RedosResult[]>((resolve, reject) => {
        const worker = new Worker(new URL('./redos-worker.ts', import.meta.url), { workerData: jobsOfBatch });
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      results.push(...out);
    }
  };
  return Promise.all(Array.from({ length: lanes }, lane)).then(() => results);
}

describe('linear-time rule regexes', () => {
  const all = jobs();

  it('use bounded repetition only', () => {
    const unbounded = all
      .map((job) => ({ job, found: unboundedRepetitions(job.source) }))
      .filter((r) => r.found.length > 0)
      .map((r) => `${r.job.id}: ${r.found.join(', ')} in ${r.job.source}`);
    assert.deepEqual(unbounded, []);
  });

  it('the bounded-repetition check sees what it must', () => {
    assert.deepEqual(unboundedRepetitions('a+[+*]\\+b{2,}c{2,3}d*'), ['+ at 1', '{2,} at 9', '* at 20']);
  });

  it('are proven unambiguous by redos-detector', { timeout: 900_000 }, async () => {
    const results = await runWorkers(all, 2, 10);
    assert.equal(results.length, all.length);
    const unsafe = results
      .filter((r) => !r.safe)
      .map(
        (r) => `${r.id}: ${r.error} (score ${r.score}) ${r.source.slice(0, 120)} — ${r.trail.join(' / ')}`,
      );
    assert.deepEqual(unsafe, []);
    const slowest = [...results].sort((a, b) => b.ms - a.ms).slice(0, 15);
    console.log(
      `redos-detector: ${results.length} patterns; slowest ${slowest.map((r) => `${r.id} ${r.ms} ms`).join(', ')}`,
    );
  });
});
