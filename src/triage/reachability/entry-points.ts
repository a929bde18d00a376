import picomatch from 'picomatch';
import { isJsSource, isNonProduction } from './files.ts';
import { lineOf, type Manifest, parseManifest } from './manifest.ts';
import type { ImportStep, ReadFile } from './types.ts';

export interface EntryPoint {
  path: string;
  /** Where it was declared (package.json line of `main`, `bin`, …); absent when inferred or configured. */
  origin?: ImportStep;
}

/** A command a start script runs (`pm2-runtime` in `"start": "pm2-runtime app.js"`): a package it executes. */
export interface ScriptCommand {
  command: string;
  origin: ImportStep;
}

export interface EntryPoints {
  entries: EntryPoint[];
  /** No entry point declared: every production-looking source file is one. */
  inferred: boolean;
  commands: ScriptCommand[];
}

/** Scripts that run the application in production (not `dev`, `test`, `build`). */
const START_SCRIPTS = ['start', 'serve', 'server', 'prod', 'start:prod', 'production'];
/** Build output directories that usually mirror `src/` for TypeScript and bundled projects. */
const BUILD_DIRS = new Set(['dist', 'lib', 'build', 'out', 'esm', 'cjs', 'es', 'umd', 'module', 'commonjs']);
const PROBE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/**
 * The project's production entry points: package.json `main`, `module`, `bin`, `exports` (every
 * condition except types), files that start scripts run, the same for each workspace package,
 * and configured extra entry points (paths or globs). A declared file that does not exist because
 * it is build output (`dist/index.js`) is mapped to its source (`src/index.ts`).
 */
export function findEntryPoints(
  files: readonly string[],
  readFile: ReadFile,
  extra: readonly string[] = [],
): EntryPoints {
  const finder = new EntryFinder(files, readFile);
  finder.fromManifest('');
  finder.fromOptions(extra);
  return finder.result();
}

class EntryFinder {
  private readonly files: Set<string>;
  private readonly sorted: readonly string[];
  private readonly readFile: ReadFile;
  private readonly entries = new Map<string, EntryPoint>();
  private readonly commands: ScriptCommand[] = [];

  constructor(files: readonly string[], readFile: ReadFile) {
    this.sorted = files;
    this.files = new Set(files);
    this.readFile = readFile;
  }

  result(): EntryPoints {
    if (this.entries.size > 0) {
      const entries = [...this.entries.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
      return { entries, inferred: false, commands: this.commands };
    }
    const inferred = this.sorted
      .filter((f) => isJsSource(f) && !isNonProduction(f))
      .map((path) => ({ path }));
    return { entries: inferred, inferred: true, commands: this.commands };
  }

  fromManifest(dir: string): void {
    const manifestPath = join(dir, 'package.json');
    const text = this.readFile(manifestPath);
    const manifest = parseManifest(text);
    if (!manifest) return;
    const at = (key: string): ImportStep => ({ path: manifestPath, line: lineOf(text, `"${key}"`) });
    for (const key of ['main', 'module'] as const) {
      const value = manifest[key];
      if (value) this.add(dir, value, at(key));
    }
    if (typeof manifest.browser === 'string') this.add(dir, manifest.browser, at('browser'));
    if (typeof manifest.bin === 'string') this.add(dir, manifest.bin, at('bin'));
    else for (const path of Object.values(manifest.bin ?? {})) this.add(dir, path, at('bin'));
    for (const path of exportTargets(manifest.exports)) this.addPattern(dir, path, at('exports'));
    this.fromScripts(dir, manifest, text);
    if (dir === '') for (const workspace of this.workspaceDirs(manifest)) this.fromManifest(workspace);
  }

  fromOptions(extra: readonly string[]): void {
    for (const entry of extra) {
      if (/[*?[\]{}]/.test(entry)) {
        const matches = picomatch(entry, { dot: true });
        for (const file of this.sorted) if (isJsSource(file) && matches(file)) this.addConfigured(file);
      } else {
        const source = this.source(normalize(entry));
        if (source) this.addConfigured(source);
      }
    }
  }

  private addConfigured(path: string): void {
    if (!this.entries.has(path)) this.entries.set(path, { path });
  }

  private fromScripts(dir: string, manifest: Manifest, text: string | undefined): void {
    for (const name of START_SCRIPTS) {
      const script = manifest.scripts?.[name];
      if (!script) continue;
      const origin = { path: join(dir, 'package.json'), line: lineOf(text, `"${name}"`) };
      for (const command of script.split(/&&|\|\||[;|&]/)) this.fromCommand(dir, command, origin);
    }
  }

  /** `NODE_ENV=production node --flag server/boot.js`: the program it runs and the files it names. */
  private fromCommand(dir: string, command: string, origin: ImportStep): void {
    const words = command
      .trim()
      .split(/\s+/)
      .filter((w) => w !== '' && !/^[A-Z_][A-Z0-9_]*=/.test(w));
    const launcher = words[0] === 'npx' || words[0] === 'exec';
    const program = launcher ? words[1] : words[0];
    if (program && program !== 'node' && !program.includes('/'))
      this.commands.push({ command: program, origin });
    for (const word of words.slice(launcher ? 2 : 1)) {
      if (!word.startsWith('-') && (word.includes('/') || /\.[cm]?[jt]sx?$/.test(word)))
        this.add(dir, word, origin);
    }
  }

  private workspaceDirs(manifest: Manifest): string[] {
    const patterns = Array.isArray(manifest.workspaces)
      ? manifest.workspaces
      : (manifest.workspaces?.packages ?? []);
    if (patterns.length === 0) return [];
    const matches = picomatch(patterns.map(normalize));
    const dirs = new Set<string>();
    for (const file of this.sorted) {
      if (!file.endsWith('/package.json')) continue;
      const dir = file.slice(0, -'/package.json'.length);
      if (matches(dir)) dirs.add(dir);
    }
    return [...dirs].sort();
  }

  private add(dir: string, path: string, origin: ImportStep): void {
    const source = this.source(join(dir, normalize(path)));
    if (source && !this.entries.has(source)) this.entries.set(source, { path: source, origin });
  }

  /** `exports` subpath patterns (`./features/*.js`) expand to the files they match. */
  private addPattern(dir: string, path: string, origin: ImportStep): void {
    if (!path.includes('*')) {
      this.add(dir, path, origin);
      return;
    }
    const matches = picomatch(join(dir, normalize(path)).replaceAll('*', '**'));
    for (const file of this.sorted) if (isJsSource(file) && matches(file)) this.add('', file, origin);
  }

  /** The source file behind a declared path: itself, with an extension, an index, or its `src/` original. */
  private source(path: string): string | undefined {
    const direct = this.probe(path);
    if (direct) return direct;
    const parts = path.split('/');
    for (let i = 0; i < parts.length - 1; i++) {
      if (!BUILD_DIRS.has(parts[i]!)) continue;
      const rest = parts.slice(i + 1);
      const before = parts.slice(0, i);
      for (const candidate of [
        [...before, 'src', ...rest],
        [...before, ...rest],
        [...before, 'src', ...rest.slice(1)],
      ]) {
        const found = this.probe(stripJsExtension(candidate.join('/')));
        if (found) return found;
      }
    }
    return undefined;
  }

  private probe(path: string): string | undefined {
    if (this.files.has(path)) return path;
    for (const ext of PROBE_EXTENSIONS) if (this.files.has(path + ext)) return path + ext;
    for (const ext of PROBE_EXTENSIONS)
      if (this.files.has(`${path}/index${ext}`)) return `${path}/index${ext}`;
    return undefined;
  }
}

/** Every file target of an `exports` map, whatever the conditions, except type declarations. */
function exportTargets(exports: unknown): string[] {
  const targets: string[] = [];
  const visit = (value: unknown, key: string): void => {
    if (key === 'types' || key === 'typings') return;
    if (typeof value === 'string') {
      if (!/\.d\.[cm]?ts$/.test(value) && !value.endsWith('.json')) targets.push(value);
    } else if (Array.isArray(value)) {
      for (const item of value) visit(item, key);
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) visit(v, k);
    }
  };
  visit(exports, '');
  return targets;
}

function normalize(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

function join(dir: string, path: string): string {
  return dir === '' ? path : `${dir}/${path}`;
}

function stripJsExtension(path: string): string {
  return path.replace(/\.[cm]?jsx?$/, '');
}
