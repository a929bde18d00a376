// Throughput of isAffected over real advisories: `node src/versioning/bench/is-affected.bench.ts`.
// A benchmark, not a test: it prints figures and asserts nothing.

import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { Ecosystem } from '../../model/index.ts';
import { isAffected } from '../affected.ts';
import type { OsvAffected } from '../osv-types.ts';

const EVALUATIONS = 100_000;

function load(file: string): OsvAffected[] {
  const text = gunzipSync(readFileSync(new URL(`../testdata/${file}`, import.meta.url))).toString('utf8');
  return text
    .trim()
    .split('\n')
    .flatMap((line) => (JSON.parse(line) as { affected: OsvAffected[] }).affected);
}

function run(ecosystem: Ecosystem, file: string, versions: readonly string[], withLists: boolean): void {
  // Two PYSEC records have a bound that is not a PEP 440 version; isAffected rejects those, and
  // the matcher is expected to report such a record, so they are left out here.
  const entries = load(file)
    .map((a) => (withLists ? a : { ranges: a.ranges ?? [] }))
    .filter((a) => {
      try {
        isAffected(ecosystem, versions[0]!, a);
        return true;
      } catch {
        return false;
      }
    });
  let hits = 0;
  // Warm-up pass so the figure is steady-state (parsed versions cached, JIT done).
  for (let i = 0; i < 3 * entries.length; i++)
    isAffected(ecosystem, versions[i % versions.length]!, entries[i % entries.length]!);
  const start = process.hrtime.bigint();
  for (let i = 0; i < EVALUATIONS; i++) {
    if (isAffected(ecosystem, versions[i % versions.length]!, entries[i % entries.length]!)) hits++;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const label = `${ecosystem}${withLists ? ' (ranges + versions lists)' : ' (ranges only)'}`;
  console.log(
    `${label}: ${EVALUATIONS} evaluations over ${entries.length} entries in ${(seconds * 1000).toFixed(1)} ms = ${Math.round(EVALUATIONS / seconds).toLocaleString('en-US')} ops/s (${hits} affected)`,
  );
}

run('PyPI', 'osv-PyPI.jsonl.gz', ['0.9', '1.2.3', '2.0.0rc1', '3.1.1', '4.2.1', '23.9.0'], true);
run('PyPI', 'osv-PyPI.jsonl.gz', ['0.9', '1.2.3', '2.0.0rc1', '3.1.1', '4.2.1', '23.9.0'], false);
run(
  'Go',
  'osv-Go.jsonl.gz',
  ['v0.0.0-20200101000000-abcdefabcdef', 'v1.2.3', 'v2.0.0+incompatible', 'v0.10.1'],
  false,
);
run('crates.io', 'osv-crates.io.jsonl.gz', ['0.1.0', '1.0.0', '0.23.5', '2.0.0-rc.1'], false);
