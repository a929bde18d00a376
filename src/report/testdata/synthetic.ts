// A synthetic npm graph of any size, for scale tests and the benchmark: scoped and plain names,
// dev packages, license expressions, four lockfiles and three edges per package.
import { type Component, makePurl, type ScanResult } from '../../model/index.ts';

export function syntheticScan(count: number): ScanResult {
  const names = Array.from({ length: count }, (_, i) =>
    i % 3 === 0 ? `@scope${i % 50}/pkg-${i}` : `pkg-${i}`,
  );
  const purls = names.map((name, i) => makePurl('npm', name, `1.${i % 10}.${i}`));
  const components: Component[] = names.map((name, i) => ({
    purl: purls[i] as string,
    ecosystem: 'npm',
    name,
    version: `1.${i % 10}.${i}`,
    scope: i % 7 === 0 ? 'dev' : 'prod',
    direct: i < 200,
    licenses: i % 5 === 0 ? ['MIT OR Apache-2.0'] : ['MIT'],
    location: { path: `app${i % 4}/package-lock.json`, line: 10 + i },
    source: { type: 'registry' },
    dependencies: [1, 2, 3].map((k) => purls[(i * (7 * k + 1) + k) % count] as string).sort(),
  }));
  return {
    schemaVersion: 1,
    target: 'synthetic',
    components,
    findings: [],
    decisions: [],
    coverage: { files: [], unresolved: [] },
    projects: [],
  };
}
