// CPU time of one evaluation of the whole built-in library over a typical Deployment, averaged
// over many: the figure to compare before and after a change to the evaluator, steady under
// machine load (CPU time, not wall time). Run: node bench/policy-one-evaluation.ts [count]
// Profile: node --cpu-prof --cpu-prof-dir=/tmp/prof bench/policy-one-evaluation.ts
import { loadWholeLibrary } from '../src/policy/library/registry.ts';
import { evaluatePolicies } from '../src/policy/vap/evaluate.ts';
import { deployment } from './policy-fixtures.ts';

const count = Number(process.argv[2] ?? 20_000);
const library = loadWholeLibrary();
const objects = Array.from({ length: 64 }, (_, i) => deployment(i));
for (let i = 0; i < 2000; i++) evaluatePolicies(library, { object: objects[i % 64] });
const start = process.cpuUsage();
let results = 0;
for (let i = 0; i < count; i++) results += evaluatePolicies(library, { object: objects[i % 64] }).length;
const used = process.cpuUsage(start);
const micros = (used.user + used.system) / count;
console.log(
  `one evaluation (${library.policies.length} policies, ${results / count} results): ${micros.toFixed(1)} µs CPU on average over ${count}`,
);
