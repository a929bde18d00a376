// Acceptance: for a real project of 782 installed packages, what the extractor reads from the
// lockfile alone equals what npm reports after installing it. Needs the npm registry (npm ci);
// set PALISADE_OFFLINE=1 to skip. The install is cached under the OS temp dir, keyed by the
// fixture's hash, so reruns only pay for `npm ls`.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { extractFixture } from '../../testing.ts';
import { extractor } from './index.ts';

const run = promisify(execFile);
const testdata = join(dirname(fileURLToPath(import.meta.url)), 'testdata');
const fixture = join(testdata, 'large-app');
const NPM_OPTIONS = { maxBuffer: 256 * 1024 * 1024, timeout: 10 * 60_000 };

interface NpmLsNode {
  name?: string;
  version?: string;
  missing?: boolean;
  extraneous?: boolean;
  dependencies?: Record<string, NpmLsNode>;
}

/** `npm ci` into a cached directory (installed once per fixture content), then `npm ls`. */
async function installedTree(): Promise<NpmLsNode> {
  const files = ['package.json', 'package-lock.json'];
  const hash = createHash('sha256');
  for (const file of files) hash.update(readFileSync(join(fixture, file)));
  const dir = join(tmpdir(), `palisade-npm-ci-${hash.digest('hex').slice(0, 16)}`);
  if (!existsSync(join(dir, 'node_modules', '.package-lock.json'))) {
    // Install beside the cache and rename into place: an interrupted run leaves no half install.
    const work = mkdtempSync(join(tmpdir(), 'palisade-npm-ci-work-'));
    for (const file of files) copyFileSync(join(fixture, file), join(work, file));
    await run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { ...NPM_OPTIONS, cwd: work });
    rmSync(dir, { recursive: true, force: true });
    renameSync(work, dir);
  }
  // --long adds `name`, which differs from the key for `npm:` aliases.
  const { stdout } = await run('npm', ['ls', '--all', '--json', '--long'], { ...NPM_OPTIONS, cwd: dir });
  return JSON.parse(stdout) as NpmLsNode;
}

interface NpmView {
  packages: Set<string>;
  /** name@version -> name@version of its children, over every place npm shows it. */
  children: Map<string, Set<string>>;
  /** What the root project depends on. */
  direct: Set<string>;
  /** Names npm shows as `{}`: optional dependencies it did not install. */
  missing: Set<string>;
  extraneous: string[];
}

function npmView(root: NpmLsNode): NpmView {
  const view: NpmView = {
    packages: new Set(),
    children: new Map(),
    direct: new Set(),
    missing: new Set(),
    extraneous: [],
  };
  const pending: [string | undefined, NpmLsNode][] = [[undefined, root]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [id, node] = next;
    for (const [key, child] of Object.entries(node.dependencies ?? {})) {
      if (child.version === undefined) {
        view.missing.add(key);
        continue;
      }
      const childId = `${child.name ?? key}@${child.version}`;
      if (child.extraneous) view.extraneous.push(childId);
      view.packages.add(childId);
      if (id === undefined) view.direct.add(childId);
      else {
        const set = view.children.get(id) ?? new Set();
        view.children.set(id, set.add(childId));
      }
      // A deduped child is listed again without its own dependencies; walking it adds nothing.
      pending.push([childId, child]);
    }
  }
  return view;
}

interface LockEntry {
  version?: string;
  name?: string;
  os?: string[];
  cpu?: string[];
}

/** npm-install-checks: a list of allowed values, `!x` excluding x. */
function allows(list: string[] | undefined, value: string): boolean {
  if (!list || list.length === 0) return true;
  if (list.includes(`!${value}`)) return false;
  const positive = list.filter((v) => !v.startsWith('!'));
  return positive.length === 0 || positive.includes(value);
}

/** Lockfile entries `npm ci` skips on this machine (fsevents on Linux), read from their os/cpu fields. */
function skippedOnThisPlatform(): Set<string> {
  const lock = JSON.parse(readFileSync(join(fixture, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>;
  };
  const skipped = new Set<string>();
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (!allows(entry.os, process.platform) || !allows(entry.cpu, process.arch)) {
      skipped.add(`${entry.name ?? key.slice(key.lastIndexOf('node_modules/') + 13)}@${entry.version}`);
    }
  }
  return skipped;
}

const offline = process.env.PALISADE_OFFLINE === '1';

describe('npm/package-lock acceptance: a real 782-package project against `npm ls`', {
  timeout: 15 * 60_000,
}, () => {
  it('extracts exactly the name@version set npm installs, with npm’s edges and direct dependencies', {
    skip: offline ? 'PALISADE_OFFLINE=1: needs the npm registry for `npm ci`' : false,
  }, async () => {
    const result = extractFixture(extractor, testdata, 'large-app/package-lock.json');
    const npm = npmView(await installedTree());
    const extracted = new Set(result.components.map((c) => `${c.name}@${c.version}`));
    assert.ok(npm.packages.size >= 500, `only ${npm.packages.size} packages installed`);
    assert.deepEqual(npm.extraneous, []);

    // Intentional difference: the lockfile describes every platform, the install only this one.
    // Packages whose os/cpu exclude this machine stay in the inventory (they are what the
    // project ships elsewhere) and npm ls shows them as missing optional dependencies.
    const skipped = skippedOnThisPlatform();
    for (const id of skipped) {
      assert.ok(extracted.has(id), `${id} should be extracted`);
      assert.ok(npm.missing.has(id.slice(0, id.lastIndexOf('@'))), `${id} should be missing from npm ls`);
    }
    const expected = [...extracted].filter((id) => !skipped.has(id)).sort();
    assert.deepEqual(expected, [...npm.packages].sort());

    // The root project is the result's root, not a component.
    const manifest = JSON.parse(readFileSync(join(fixture, 'package.json'), 'utf8')) as {
      name: string;
      version: string;
    };
    assert.deepEqual(result.root, { name: manifest.name, version: manifest.version });

    // Direct: what npm lists under the root; edges: what npm lists under each package.
    const ids = new Map(result.components.map((c) => [c.purl, `${c.name}@${c.version}`]));
    const direct = result.components.filter((c) => c.direct).map((c) => `${c.name}@${c.version}`);
    assert.deepEqual(direct.sort(), [...npm.direct].sort());
    for (const component of result.components) {
      const id = `${component.name}@${component.version}`;
      if (skipped.has(id)) continue;
      const deps = component.dependencies.map((purl) => ids.get(purl)!).filter((dep) => !skipped.has(dep));
      assert.deepEqual(deps.sort(), [...(npm.children.get(id) ?? [])].sort(), `dependencies of ${id}`);
    }
  });
});
