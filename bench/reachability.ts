// Benchmark (not a test): reachability over a generated project of 2,000 source files (TypeScript
// and JavaScript, ESM and CommonJS, tsconfig path aliases) with 1,000 installed packages.
// Target: under 3 s. Run: node bench/reachability.ts [files] [packages]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileReader, listProjectFiles } from '../src/triage/reachability/files.ts';
import { analyzeJsReachability } from '../src/triage/reachability/js-analyze.ts';

const FILES = Number(process.argv[2] ?? 2000);
const PACKAGES = Number(process.argv[3] ?? 1000);
const DIRECT = 150;

function write(root: string, path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

/** A module body of realistic size: a class, helpers, member calls on what it imports. */
function body(i: number, locals: string[], packages: string[]): string {
  const lines: string[] = [];
  for (const [k, p] of packages.entries()) lines.push(`import pkg${k}, { helper${k % 3} } from '${p}';`);
  for (const [k, l] of locals.entries()) lines.push(`import { run as run${k} } from '${l}';`);
  lines.push(`\nexport interface Options${i} { name: string; retries?: number; tags: string[] }\n`);
  lines.push(`export class Service${i} {`);
  lines.push('  private readonly cache = new Map<string, number>();');
  lines.push(`  constructor(private readonly options: Options${i}) {}`);
  for (let m = 0; m < 6; m++) {
    lines.push(`  method${m}(input: string): number {`);
    lines.push(`    const key = \`\${this.options.name}:\${input}:${m}\`;`);
    lines.push('    if (this.cache.has(key)) return this.cache.get(key) ?? 0;');
    lines.push(`    const value = input.length * ${m + 1} + (this.options.retries ?? 0);`);
    lines.push('    this.cache.set(key, value);');
    lines.push('    return value;');
    lines.push('  }');
  }
  lines.push('}\n');
  lines.push('export function run(input: string[]): number {');
  lines.push('  let total = 0;');
  for (const k of packages.keys())
    lines.push(`  total += pkg${k}.compute(input.length) + helper${k % 3}(total);`);
  for (const k of locals.keys()) lines.push(`  total += run${k}(input.slice(1));`);
  lines.push('  return total;');
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

function generate(root: string): void {
  const direct = Array.from({ length: DIRECT }, (_, i) => `pkg-${i}`);
  write(
    root,
    'package.json',
    JSON.stringify(
      {
        name: 'bench-app',
        version: '1.0.0',
        main: 'dist/index.js',
        dependencies: Object.fromEntries(direct.map((d) => [d, '^1.0.0'])),
      },
      null,
      2,
    ),
  );
  write(
    root,
    'tsconfig.json',
    JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@app/*': ['src/*'] } } }),
  );
  for (let i = 0; i < FILES; i++) {
    // A tree: file i imports 2i+1 and 2i+2, so every file is reachable from src/index.ts.
    const children = [2 * i + 1, 2 * i + 2].filter((c) => c < FILES);
    const locals = children.map((c, k) => (k === 0 ? `./m${c}` : `@app/m${c}`));
    const packages = [direct[i % DIRECT]!, direct[(i * 7) % DIRECT]!];
    write(root, i === 0 ? 'src/index.ts' : `src/m${i}.ts`, body(i, locals, packages));
  }
  for (let p = 0; p < PACKAGES; p++) {
    const deps = [p * 2 + 1, p * 2 + 2].filter((d) => d < PACKAGES).map((d) => `pkg-${d}`);
    const name = `pkg-${p}`;
    write(
      root,
      `node_modules/${name}/package.json`,
      JSON.stringify({
        name,
        version: '1.0.0',
        main: 'index.js',
        dependencies: Object.fromEntries(deps.map((d) => [d, '^1.0.0'])),
      }),
    );
    const requires = deps.map((d, k) => `var dep${k} = require('${d}');`).join('\n');
    const uses = deps.map((_, k) => `  total += dep${k}.compute(n);`).join('\n');
    write(
      root,
      `node_modules/${name}/index.js`,
      `'use strict';\n${requires}\nfunction compute(n) {\n  var total = n;\n${uses}\n  for (var i = 0; i < n; i++) total += i % 7;\n  return total;\n}\nfunction helper0(x) { return x + 1; }\nfunction helper1(x) { return x * 2; }\nfunction helper2(x) { return x - 1; }\nmodule.exports = { compute: compute, helper0: helper0, helper1: helper1, helper2: helper2 };\nmodule.exports.default = module.exports;\n`,
    );
  }
}

const root = mkdtempSync(join(tmpdir(), 'palisade-reach-bench-'));
try {
  generate(root);
  const start = performance.now();
  const cpu = process.cpuUsage();
  const files = listProjectFiles(root);
  const result = analyzeJsReachability(root, fileReader(root), files);
  const elapsed = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  const packages = result.packages.filter((p) => p.status === 'imported').length;
  const projectModules = result.modules.filter((m) => m.package === undefined).length;
  console.log(
    `reachability: ${projectModules} source files, ${result.modules.length - projectModules} package files, ` +
      `${packages} of ${PACKAGES} installed packages imported: ${elapsed.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU (target < 3000 ms)`,
  );
  if (projectModules !== FILES) console.log(`warning: ${FILES - projectModules} source files not reached`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
