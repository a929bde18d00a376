// `npm run build:dashboard`: the dashboard (src/dashboard/app) built by Vite into dist/dashboard,
// which `palisade server` serves at `/`. Content-hashed file names, no inline script (the server's
// Content-Security-Policy allows none), no source maps. Prints each file with its gzip size.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type InlineConfig } from 'vite';

export const APP_DIR = join(import.meta.dirname, 'app');
export const DEFAULT_OUT_DIR = join(import.meta.dirname, '..', '..', 'dist', 'dashboard');

export function dashboardViteConfig(outDir: string): InlineConfig {
  return {
    configFile: false,
    root: APP_DIR,
    base: '/',
    logLevel: 'warn',
    publicDir: false,
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: {
      outDir,
      emptyOutDir: true,
      assetsDir: 'assets',
      // Inline data: URLs and the preload polyfill would need CSP exceptions.
      assetsInlineLimit: 0,
      modulePreload: { polyfill: false },
      sourcemap: false,
      target: 'es2022',
      reportCompressedSize: false,
    },
  };
}

export interface BuiltFile {
  path: string;
  bytes: number;
  gzipBytes: number;
}

export interface BuildReport {
  outDir: string;
  ms: number;
  files: BuiltFile[];
}

export async function buildDashboard(outDir = DEFAULT_OUT_DIR): Promise<BuildReport> {
  const started = performance.now();
  await build(dashboardViteConfig(outDir));
  const ms = Math.round(performance.now() - started);
  const files = readdirSync(outDir, { recursive: true, encoding: 'utf8' })
    .filter((name) => statSync(join(outDir, name)).isFile())
    .sort()
    .map((name) => {
      const body = readFileSync(join(outDir, name));
      return { path: name, bytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length };
    });
  return { outDir, ms, files };
}

export function describeBuild(report: BuildReport, cwd = process.cwd()): string {
  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  const width = Math.max(...report.files.map((f) => f.path.length));
  const lines = report.files.map(
    (f) => `  ${f.path.padEnd(width)}  ${kib(f.bytes).padStart(10)}  gzip ${kib(f.gzipBytes).padStart(9)}`,
  );
  const total = report.files.reduce((sum, f) => sum + f.gzipBytes, 0);
  return [
    `dashboard built into ${relative(cwd, report.outDir) || '.'} in ${report.ms} ms`,
    ...lines,
    `  total gzip ${kib(total)}`,
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outDir = process.argv[2] ?? DEFAULT_OUT_DIR;
  process.stdout.write(`${describeBuild(await buildDashboard(outDir))}\n`);
}
