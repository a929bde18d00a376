// Times the SBOM writers on a synthetic graph: `node bench/sbom.bench.ts [components] [runs]`.
// Each writer's first call is reported apart, since a CLI run serializes once, on a cold JIT.
import { writeCycloneDxJson, writeCycloneDxXml } from '../src/report/cyclonedx.ts';
import type { SbomOptions } from '../src/report/sbom-meta.ts';
import { writeSpdxJson } from '../src/report/spdx.ts';
import { syntheticScan } from '../src/report/testdata/synthetic.ts';

const WRITERS = {
  'cyclonedx-json': writeCycloneDxJson,
  'cyclonedx-xml': writeCycloneDxXml,
  spdx: writeSpdxJson,
};

const count = Number(process.argv[2] ?? 10_000);
const runs = Number(process.argv[3] ?? 5);
const result = syntheticScan(count);
const options: SbomOptions = { toolVersion: 'bench', reproducible: true };
for (const [name, write] of Object.entries(WRITERS)) {
  const times: number[] = [];
  let bytes = 0;
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    bytes = write(result, options).length;
    times.push(performance.now() - start);
  }
  const [first, ...rest] = times;
  const median = rest.sort((a, b) => a - b)[Math.floor(rest.length / 2)] ?? Number.NaN;
  console.log(
    `${name}: ${count} components, ${(bytes / 1e6).toFixed(1)} MB, first ${first?.toFixed(0)} ms, median of the rest ${median.toFixed(0)} ms`,
  );
}
