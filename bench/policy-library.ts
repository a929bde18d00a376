// Measures the built-in library: every policy over 10,000 manifests, and the latency of one
// AdmissionReview-sized evaluation. Run: node bench/policy-library.ts
// Figures, not a timed test; see the policy section of docs/benchmarks.md.
import { loadWholeLibrary } from '../src/policy/library/registry.ts';
import { evaluateManifests, type Manifest } from '../src/policy/vap/batch.ts';
import { evaluatePolicies } from '../src/policy/vap/evaluate.ts';
import { deployment } from './policy-fixtures.ts';

function manifest(i: number): Manifest {
  const ns = `ns-${i % 50}`;
  let object: unknown;
  switch (i % 10) {
    case 6:
      object = {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: `s-${i}`, namespace: ns },
        spec: { type: i % 3 ? 'ClusterIP' : 'NodePort', ports: [{ port: 80 }] },
      };
      break;
    case 7:
      object = {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: `c-${i}`, namespace: ns },
        data: { 'app.properties': 'a=b\nc=d' },
      };
      break;
    case 8:
      object = {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: { name: `i-${i}`, namespace: ns },
        spec: { rules: [{ host: `shop-${i}.example.com` }], tls: [{ hosts: ['*.example.com'] }] },
      };
      break;
    case 9:
      object = {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: { name: `r-${i}`, namespace: ns },
        rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list'] }],
      };
      break;
    default:
      object = deployment(i);
  }
  return { object, source: `k8s/m${i}.yaml:1` };
}

const library = loadWholeLibrary();
const manifests = Array.from({ length: 10_000 }, (_, i) => manifest(i));

// One AdmissionReview-sized evaluation: a Deployment against every policy.
const review = deployment(1);
for (let i = 0; i < 500; i++) evaluatePolicies(library, { object: review });
// Wall time, and CPU time: what the evaluation itself costs when other processes compete for the CPU.
const wall: number[] = [];
const cpu: number[] = [];
for (let i = 0; i < 5000; i++) {
  const object = deployment(i);
  const start = performance.now();
  const startCpu = process.cpuUsage();
  evaluatePolicies(library, { object });
  const used = process.cpuUsage(startCpu);
  cpu.push((used.user + used.system) / 1000);
  wall.push(performance.now() - start);
}
const quantile = (xs: number[], q: number): string =>
  ([...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))] ?? 0).toFixed(3);
console.log(
  `one evaluation (${library.policies.length} policies): wall p50 ${quantile(wall, 0.5)} ms, p99 ${quantile(wall, 0.99)} ms; CPU p50 ${quantile(cpu, 0.5)} ms, p99 ${quantile(cpu, 0.99)} ms`,
);

for (let run = 1; run <= 5; run++) {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const { results, errors } = evaluateManifests(library, manifests);
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  const denied = results.filter((r) => r.decision.verdict === 'deny').length;
  console.log(
    `run ${run}: 10,000 manifests in ${ms.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU (${results.length} results, ${denied} deny, ${errors.length} errors)`,
  );
}
