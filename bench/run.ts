// `npm run bench`: every benchmark of the issues' speed and memory targets, run as the user runs
// the tool (a fresh process per measurement), written to docs/benchmarks.md with machine and date.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { buildAdvisoryFixture } from './advisory-fixture.ts';
import { replaceSections } from './benchmarks-doc.ts';
import { generateMonorepo } from './generate-monorepo.ts';
import { measureCommand, measureNode, median } from './measure.ts';
import { secretsRows } from './secrets.ts';

const root = join(import.meta.dirname, '..');
const work = join(root, '.bench');
// The installed entry point on the compiled build, as users run it (`npm run build` first).
const cli = join(root, 'bin/palisade.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

interface Row {
  benchmark: string;
  result: string;
  target: string;
  ok: boolean;
}

function inventoryMonorepo(): Row[] {
  const dir = join(work, 'monorepo');
  rmSync(dir, { recursive: true, force: true });
  const packages = generateMonorepo(dir, 20, 520);
  const out = join(work, 'monorepo.cdx.json');
  const runs = Array.from({ length: RUNS }, () =>
    measureNode([cli, 'sbom', dir, '--format', 'cyclonedx', '--output', out, '--quiet']),
  );
  const components = (JSON.parse(readFileSync(out, 'utf8')) as { components: unknown[] }).components.length;
  const wall = median(runs.map((r) => r.wallMs));
  const cpu = median(runs.map((r) => r.cpuMs));
  const rss = Math.max(...runs.map((r) => r.maxRssMiB));
  return [
    {
      benchmark: `inventory + CycloneDX, monorepo of 20 lockfiles (6 formats), ${packages} packages -> ${components} components`,
      result: `${wall.toFixed(0)} ms wall, ${cpu.toFixed(0)} ms CPU (medians of ${RUNS}), ${rss.toFixed(0)} MiB peak RSS`,
      target: '< 1500 ms, < 300 MiB',
      ok: wall < 1500 && rss < 300,
    },
  ];
}

/** The real npm project of the package-lock tests, installed, against @cyclonedx/cyclonedx-npm. */
function npmProjectVsCycloneDxNpm(): Row[] {
  const fixture = join(root, 'src/inventory/npm/package-lock/testdata/large-app');
  const dir = join(work, 'large-app');
  if (!existsSync(join(dir, 'node_modules/.package-lock.json'))) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    cpSync(fixture, dir, { recursive: true });
    execFileSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'ignore' });
  }
  const packages =
    Object.keys(
      (JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8')) as { packages: object }).packages,
    ).length - 1;
  const ours = median(
    Array.from(
      { length: RUNS },
      () => measureNode([cli, 'sbom', dir, '--output', join(work, 'ours.cdx.json'), '--quiet']).wallMs,
    ),
  );
  const theirsBin = join(root, 'node_modules/.bin/cyclonedx-npm');
  const theirs = median(
    Array.from({ length: RUNS }, () =>
      measureCommand(
        theirsBin,
        ['--output-file', join(work, 'theirs.cdx.json'), '--output-reproducible'],
        dir,
      ),
    ),
  );
  const ratio = theirs / ours;
  return [
    {
      benchmark: `npm project, ${packages} installed packages: palisade sbom vs cyclonedx-npm`,
      result: `${ours.toFixed(0)} ms vs ${theirs.toFixed(0)} ms: ${ratio.toFixed(1)}x faster`,
      target: '>= 5x faster',
      ok: ratio >= 5,
    },
  ];
}

async function advisoryStore(): Promise<Row[]> {
  const dir = join(work, 'advisories');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const { records, componentsFile } = await buildAdvisoryFixture(dir, 60_000);
  const runs = Array.from({ length: RUNS }, () => {
    const m = measureNode([join(import.meta.dirname, 'advisory-open.ts'), dir, componentsFile]);
    return {
      ...(JSON.parse(m.stdout) as { openMs: number; matchMs: number; findings: number }),
      rss: m.maxRssMiB,
    };
  });
  const open = median(runs.map((r) => r.openMs));
  const match = median(runs.map((r) => r.matchMs));
  const rss = Math.max(...runs.map((r) => r.rss));
  return [
    {
      benchmark: `advisory store of ${records} advisories: open cold`,
      result: `${open.toFixed(0)} ms`,
      target: '< 300 ms',
      ok: open < 300,
    },
    {
      benchmark: `match 10,000 components against it (${runs[0]?.findings} findings)`,
      result: `${match.toFixed(0)} ms, ${rss.toFixed(0)} MiB peak RSS`,
      target: '< 1000 ms, < 500 MiB',
      ok: match < 1000 && rss < 500,
    },
  ];
}

/** Scripts that measure in-process and print one line per figure; each becomes a row. */
function scriptRows(script: string, target: string, ok: (line: string) => boolean): Row[] {
  const m = measureNode([join(import.meta.dirname, script)]);
  return m.stdout
    .trim()
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => ({ benchmark: script, result: line, target, ok: ok(line) }));
}

function reachability(): Row[] {
  return scriptRows(
    'reachability.ts',
    '< 3000 ms',
    (line) => Number(/(\d+) ms wall/.exec(line)?.[1] ?? Infinity) < 3000,
  );
}

function policyLibrary(): Row[] {
  return scriptRows('policy-library.ts', '10,000 manifests < 2000 ms; one evaluation p99 < 1 ms', (line) => {
    const manifests = /in (\d+) ms wall/.exec(line);
    if (manifests) return Number(manifests[1]) < 2000;
    return Number(/p99 ([\d.]+) ms;/.exec(line)?.[1] ?? Infinity) < 1;
  });
}

function serverIngest(): Row[] {
  return scriptRows('server-ingest.ts', '< 2000 ms per backend', (line) =>
    line.includes('meets the < 2000 ms target'),
  );
}

/** The alert-noise reduction on the bundled example and a real application, as `palisade scan` prints it. */
function noise(): Row[] {
  return [
    noiseOf('examples/demo-shop'),
    noiseOf(
      'src/triage/risk/testdata/json-server-0.15.0',
      'json-server 0.15.0, a real application (lockfile and source)',
    ),
  ];
}

function noiseOf(target: string, label = target): Row {
  const cache = join(work, 'noise-cache');
  rmSync(cache, { recursive: true, force: true });
  const env = { PALISADE_CACHE_DIR: cache };
  measureNode([cli, 'db', 'import', join(root, 'examples/demo-shop/advisories'), '--quiet'], { env });
  const run = spawnSync(
    process.execPath,
    [cli, 'scan', join(root, target), '--offline', '--format', 'json'],
    {
      encoding: 'utf8',
      env: { ...process.env, ...env },
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const line = /warning: (\d+ findings, .*)$/m.exec(run.stderr)?.[1] ?? 'no summary line';
  return {
    benchmark: `noise reduction on ${label} (\`palisade scan ${target} --offline\`)`,
    result: line,
    target: 'reported',
    ok: true,
  };
}

/**
 * Issue 5's figures on a 500 MiB tree and a 10,000-commit history. BENCH_SECRETS_MIB,
 * BENCH_SECRETS_COMMITS and BENCH_SECRETS_SECRETLINT_MIB make them smaller for a quick check.
 */
function secrets(): Promise<Row[]> {
  const size = (name: string): number | undefined =>
    process.env[name] === undefined ? undefined : Number(process.env[name]);
  const sizeMib = size('BENCH_SECRETS_MIB');
  const commits = size('BENCH_SECRETS_COMMITS');
  const secretlintMib = size('BENCH_SECRETS_SECRETLINT_MIB');
  return secretsRows({
    ...(sizeMib === undefined ? {} : { sizeMib }),
    ...(commits === undefined ? {} : { commits }),
    ...(secretlintMib === undefined ? {} : { secretlintMib }),
  });
}

function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const load = loadavg()[0]?.toFixed(1) ?? '?';
  return `${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, load average ${load} at the start`;
}

// [key, title, run]: `npm run bench -- KEY` or `BENCH_ONLY=KEY` picks sections by key or by a word of the title.
const sections: [string, string, () => Row[] | Promise<Row[]>][] = [
  ['inventory', 'Inventory and SBOM (issue 2)', inventoryMonorepo],
  ['cyclonedx-npm', 'Against cyclonedx-npm (issue 2)', npmProjectVsCycloneDxNpm],
  ['advisories', 'Advisory database and matching (issue 3)', advisoryStore],
  ['triage', 'Risk triage (issue 4)', () => [...reachability(), ...noise()]],
  ['secrets', 'Secret scanning (issue 5)', secrets],
  ['policy', 'Policy library (issue 6)', policyLibrary],
  ['server', 'Server ingest of a 5,000-component CycloneDX SBOM with findings (issue 7)', serverIngest],
];

// `npm run bench -- NAME` prints the sections whose title holds NAME; `BENCH_ONLY=NAME npm run bench`
// also writes them into docs/benchmarks.md in place of their old figures (the other sections stay),
// so that one section can be measured again on an idle machine.
const writeOnly = process.env.BENCH_ONLY;
const only = writeOnly ?? process.argv[2];
const picked = (key: string, title: string): boolean =>
  !only || key === only.toLowerCase() || title.toLowerCase().includes(only.toLowerCase());
if (!sections.some(([key, title]) => picked(key, title))) {
  process.stderr.write(`bench: no section '${only}'; one of ${sections.map(([key]) => key).join(', ')}\n`);
  process.exit(2);
}
mkdirSync(work, { recursive: true });
execFileSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: 'inherit' });
const measured = `${new Date().toISOString().slice(0, 10)}: ${machine()}`;
const header = [
  '# Benchmarks',
  '',
  `Measured by \`npm run bench\` on ${measured}.`,
  'Each figure is a fresh process per run, as a user or CI runs the tool; wall time includes Node start-up.',
  'On a shared, loaded machine wall time stretches with the load; CPU time is what the work itself costs.',
  '',
];
const written = new Map<string, string[]>();
for (const [key, title, run] of sections) {
  if (!picked(key, title)) continue;
  process.stderr.write(`bench: ${title}\n`);
  const rows = await run();
  const lines = [`## ${title}`, ''];
  if (writeOnly)
    lines.push(`Measured alone by \`BENCH_ONLY=${writeOnly} npm run bench\` on ${measured}.`, '');
  lines.push('| benchmark | result | target | met |', '| --- | --- | --- | --- |');
  for (const r of rows)
    lines.push(`| ${r.benchmark} | ${r.result} | ${r.target} | ${r.ok ? 'yes' : '**no**'} |`);
  lines.push('');
  written.set(title, lines);
}
const text = `${[...(only ? [] : header), ...[...written.values()].flat()].join('\n')}\n`;
process.stdout.write(text);
const doc = join(root, 'docs/benchmarks.md');
if (!only) writeFileSync(doc, text);
else if (writeOnly) writeFileSync(doc, replaceSections(readFileSync(doc, 'utf8'), written));
