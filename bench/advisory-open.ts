// Child process of the benchmark: opens the store cold and matches the fixture's components.
import { readFileSync } from 'node:fs';
import { matchComponents } from '../src/advisories/match.ts';
import { AdvisoryStore } from '../src/advisories/store/reader.ts';
import type { Component } from '../src/model/index.ts';

const [root, componentsFile] = process.argv.slice(2) as [string, string];
const components = JSON.parse(readFileSync(componentsFile, 'utf8')) as Component[];
const t0 = performance.now();
const store = AdvisoryStore.open(root)!;
const t1 = performance.now();
const { findings } = await matchComponents(components, store);
const t2 = performance.now();
process.stdout.write(
  JSON.stringify({
    openMs: t1 - t0,
    matchMs: t2 - t1,
    findings: findings.length,
    components: components.length,
  }),
);
