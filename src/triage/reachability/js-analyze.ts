import { join, resolve } from 'node:path';
import { findEntryPoints } from './entry-points.ts';
import { isJsSource, listProjectFiles } from './files.ts';
import { type ModuleFacts, moduleFacts } from './js-facts.ts';
import { binaries, type Manifest, parseManifest, runtimeDependencies } from './manifest.ts';
import {
  createNodeResolver,
  isBareSpecifier,
  isRuntimeModule,
  type ModuleResolver,
  packageOfPath,
  packageOfSpecifier,
  subpathOfSpecifier,
} from './resolver.ts';
import type {
  DynamicSite,
  ImportStep,
  JsReachability,
  ModuleNode,
  NameSite,
  PackageReach,
  ReadFile,
} from './types.ts';

export interface JsAnalysisOptions {
  /** Extra entry points: paths or globs relative to the project root. */
  entryPoints?: readonly string[];
  /** Module resolution; Node's (oxc-resolver, reading the disk) by default. */
  resolver?: ModuleResolver;
  /** The project directory relative to the scan root, recorded in the result. */
  root?: string;
  /**
   * Absolute directory no resolution may leave (the scan root): packages installed above it, such
   * as a tool's own node_modules around the scanned tree, are not the project's. Default: the project.
   */
  boundary?: string;
}

/**
 * The import graph of a JS/TS project from its entry points: ESM imports, `require`, literal
 * dynamic imports, tsconfig paths and package `exports` maps, followed into node_modules where the
 * packages are installed. For each npm package met: imported (with the shortest import chain from
 * an entry point and the names used) or unknown (a non-literal import, a name in a string, or an
 * uninstalled package may load it). Packages absent from the result are imported by nothing
 * reachable. `readFile` reads by path relative to `projectRoot`; `listFiles` lists the project's
 * own files (node_modules excluded); only module resolution touches the disk.
 */
export function analyzeJsReachability(
  projectRoot: string,
  readFile: ReadFile,
  listFiles?: readonly string[],
  options: JsAnalysisOptions = {},
): JsReachability {
  const root = resolve(projectRoot);
  const files = listFiles ?? listProjectFiles(root);
  const boundary = resolve(options.boundary ?? root);
  const analysis = new JsAnalysis(root, boundary, readFile, files, options.resolver ?? createNodeResolver());
  return analysis.run(options.root ?? '', options.entryPoints ?? []);
}

interface ModuleState {
  node: ModuleNode;
  chain: ImportStep[];
  /** Package directory (node_modules/…/name) when the file belongs to an installed package. */
  packageDir?: string;
}

interface PackageState {
  name: string;
  version?: string;
  dir?: string;
  status: 'imported' | 'unknown';
  chain: ImportStep[];
  followed: boolean;
  names: Map<string, NameSite>;
  opaque: boolean;
  reason?: string;
  cause?: NonNullable<PackageReach['cause']>;
}

class JsAnalysis {
  private readonly root: string;
  private readonly boundary: string;
  private readonly readFile: ReadFile;
  private readonly files: readonly string[];
  private readonly resolver: ModuleResolver;
  private readonly modules = new Map<string, ModuleState>();
  private readonly queue: string[] = [];
  private readonly packages = new Map<string, PackageState>();
  private readonly manifests = new Map<string, Manifest | undefined>();
  private readonly dynamic: DynamicSite[] = [];
  private readonly problems: string[] = [];
  private readonly strings = new Map<string, ImportStep>();

  constructor(
    root: string,
    boundary: string,
    readFile: ReadFile,
    files: readonly string[],
    resolver: ModuleResolver,
  ) {
    this.root = root;
    this.boundary = boundary.endsWith('/') ? boundary : `${boundary}/`;
    this.readFile = readFile;
    this.files = files;
    this.resolver = resolver;
  }

  run(rootLabel: string, extraEntries: readonly string[]): JsReachability {
    const found = findEntryPoints(this.files, this.readFile, extraEntries);
    for (const entry of found.entries) this.enqueue(entry.path, entry.origin ? [entry.origin] : []);
    this.seedScriptCommands(found.commands);
    for (let i = 0; i < this.queue.length; i++) this.visitModule(this.queue[i]!);
    this.markDynamicScopes();
    this.markNamedInStrings();
    return {
      ecosystem: 'npm',
      root: rootLabel,
      entryPoints: found.entries.map((e) => e.path),
      entryPointsInferred: found.inferred,
      nodeModules: [...this.packages.values()].some((p) => p.followed),
      modules: [...this.modules.values()].map((m) => m.node).sort((a, b) => compare(a.path, b.path)),
      packages: [...this.packages.values()].map(toReach).sort(comparePackages),
      dynamic: this.dynamic.sort((a, b) => compare(a.path, b.path) || a.line - b.line),
      problems: this.problems.sort(),
    };
  }

  private enqueue(path: string, chain: ImportStep[]): void {
    if (this.modules.has(path)) return;
    const owner = packageOfPath(path);
    const node: ModuleNode = owner ? { path, package: owner.name, imports: [] } : { path, imports: [] };
    this.modules.set(path, owner ? { node, chain, packageDir: owner.dir } : { node, chain });
    this.queue.push(path);
  }

  /**
   * `"start": "pm2-runtime app.js"` runs pm2: a production dependency whose command a start script
   * executes is imported, and its installed code is followed from the command's file.
   */
  private seedScriptCommands(commands: ReadonlyArray<{ command: string; origin: ImportStep }>): void {
    if (commands.length === 0) return;
    const manifest = this.manifest('');
    for (const dependency of runtimeDependencies(manifest)) {
      const dir = `node_modules/${dependency}`;
      const bins = binaries(this.manifest(dir));
      for (const { command, origin } of commands) {
        if (command !== dependency && !bins.has(command)) continue;
        const bin = bins.get(command);
        const state = this.packageState(dependency, bin === undefined ? undefined : dir);
        this.markImported(state, [origin], bin !== undefined);
        if (bin !== undefined) this.enqueue(normalizeJoin(dir, bin), [origin]);
      }
    }
  }

  private visitModule(path: string): void {
    const state = this.modules.get(path)!;
    const source = this.readFile(path);
    if (source === undefined) {
      this.problems.push(`${path}: cannot be read`);
      return;
    }
    // Installed code that mentions neither `require` nor `import` loads nothing: no need to parse it.
    if (state.packageDir !== undefined && !source.includes('require') && !source.includes('import')) return;
    let facts: ModuleFacts;
    try {
      facts = moduleFacts(path, source, { strings: state.packageDir === undefined });
    } catch (error) {
      this.problems.push(`${path}: ${error instanceof Error ? error.message : String(error)}`);
      this.addDynamic({ path, line: 1, kind: 'unparsed' }, state);
      return;
    }
    if (facts.errors.length > 0) {
      this.problems.push(`${path}: ${facts.errors[0]}`);
      this.addDynamic({ path, line: 1, kind: 'unparsed' }, state);
    }
    const bySpecifier = new Map<string, PackageState>();
    for (const request of facts.requests) {
      const target = this.followRequest(state, request.specifier, request.line, request.kind);
      if (target) bySpecifier.set(request.specifier, target);
    }
    for (const use of facts.uses) {
      // Calling what `lodash/template` exports is calling `template`.
      const subpath = use.name === 'default' ? subpathOfSpecifier(use.specifier) : undefined;
      const name = subpath && isBareSpecifier(use.specifier) ? deepImportName(subpath) : use.name;
      this.addName(bySpecifier.get(use.specifier), name, { path, line: use.line });
    }
    for (const opaque of facts.opaque) {
      const target = bySpecifier.get(opaque.specifier);
      if (target) target.opaque = true;
    }
    for (const site of facts.nonLiteral) this.nonLiteral(state, site);
    for (const s of facts.strings)
      if (!this.strings.has(s.value)) this.strings.set(s.value, { path, line: s.line });
  }

  private addName(target: PackageState | undefined, name: string, site: ImportStep): void {
    if (target && !target.names.has(name)) target.names.set(name, { name, ...site });
  }

  /** Resolves one request, records the edge, follows JS files; returns the package it loads, if any. */
  private followRequest(
    from: ModuleState,
    specifier: string,
    line: number,
    kind: 'import' | 'require',
  ): PackageState | undefined {
    if (isRuntimeModule(specifier)) return undefined;
    const resolved = this.resolver.resolve(join(this.root, from.node.path), specifier, kind);
    const absolute = resolved?.startsWith(this.boundary) ? resolved : undefined;
    const target = absolute === undefined ? undefined : relativePosix(this.root, absolute);
    from.node.imports.push(target === undefined ? { specifier, line } : { specifier, line, target });
    const step = { path: from.node.path, line };
    const targetPackage = target === undefined ? undefined : packageOfPath(target);
    let loaded: PackageState | undefined;
    if (isBareSpecifier(specifier) && (target === undefined || targetPackage)) {
      const name = targetPackage?.name ?? packageOfSpecifier(specifier);
      if (targetPackage?.dir !== from.packageDir || target === undefined) {
        loaded = this.packageState(name, targetPackage?.dir);
        this.markImported(loaded, [...from.chain, step], target !== undefined);
        const subpath = subpathOfSpecifier(specifier);
        if (subpath) this.addName(loaded, deepImportName(subpath), step);
      }
    }
    // Extension-less files (bin scripts) are JavaScript too.
    if (target !== undefined && (isJsSource(target) || /(?:^|\/)[^./]+$/.test(target))) {
      this.enqueue(target, [...from.chain, step]);
    }
    return loaded;
  }

  private packageState(name: string, dir: string | undefined): PackageState {
    const key = dir ?? `name:${name}`;
    let state = this.packages.get(key);
    if (!state) {
      state = { name, status: 'unknown', chain: [], followed: false, names: new Map(), opaque: false };
      if (dir !== undefined) {
        state.dir = dir;
        const version = this.manifest(dir)?.version;
        if (version) state.version = version;
      }
      this.packages.set(key, state);
    }
    return state;
  }

  private markImported(state: PackageState, chain: ImportStep[], followed: boolean): void {
    if (state.status !== 'imported') {
      state.status = 'imported';
      state.chain = chain;
      delete state.reason;
    }
    if (followed) state.followed = true;
  }

  private nonLiteral(
    state: ModuleState,
    site: { kind: 'import' | 'require'; line: number; prefix?: string },
  ): void {
    const path = state.node.path;
    const prefix = site.prefix;
    if (prefix !== undefined && (prefix.startsWith('./') || prefix.startsWith('../'))) {
      // `./locales/${lang}`: loads files by path under a directory, never a package by name.
      if (state.packageDir === undefined)
        this.enqueueUnder(path, prefix, { path, line: site.line }, state.chain);
      return;
    }
    if (prefix !== undefined && isBareSpecifier(prefix) && prefix.includes('/')) {
      const name = packageOfSpecifier(prefix);
      if (prefix.length > name.length) {
        const loaded = this.packageState(name, undefined);
        this.markImported(loaded, [...state.chain, { path, line: site.line }], false);
        loaded.opaque = true;
        return;
      }
    }
    this.addDynamic(
      prefix === undefined
        ? { path, line: site.line, kind: site.kind }
        : { path, line: site.line, kind: site.kind, prefix },
      state,
    );
  }

  private enqueueUnder(from: string, prefix: string, step: ImportStep, chain: ImportStep[]): void {
    const base = normalizeJoin(from.slice(0, from.lastIndexOf('/') + 1), prefix);
    const dir = prefix.endsWith('/') ? `${base}/` : base;
    for (const file of this.files)
      if (file.startsWith(dir) && isJsSource(file)) this.enqueue(file, [...chain, step]);
  }

  private addDynamic(site: Omit<DynamicSite, 'package'>, state: ModuleState): void {
    // One unparsable file is one site, however many errors it has.
    const owner = state.node.package;
    this.dynamic.push(owner === undefined ? site : { ...site, package: owner });
  }

  /**
   * A non-literal import may load any package its file can resolve: for the project's own code,
   * every runtime dependency; for a package's code, the package's own dependencies. Those that
   * nothing imports become unknown, and so do the packages they depend on in turn.
   */
  private markDynamicScopes(): void {
    for (const site of this.dynamic) {
      const scopeDir = site.package === undefined ? '' : this.modules.get(site.path)?.packageDir;
      if (scopeDir === undefined) continue;
      const what =
        site.kind === 'unparsed'
          ? `${site.path}, which could not be parsed`
          : `the non-literal ${site.kind} at ${site.path}:${site.line}`;
      const cause = { kind: site.kind, site: { path: site.path, line: site.line } };
      for (const dependency of runtimeDependencies(this.manifest(scopeDir))) {
        this.markUnknown(dependency, scopeDir, `may be loaded by ${what}`, cause, new Set());
      }
    }
  }

  private markUnknown(
    name: string,
    fromDir: string,
    reason: string,
    cause: NonNullable<PackageReach['cause']>,
    seen: Set<string>,
  ): void {
    const dir = this.installedDir(name, fromDir);
    const key = dir ?? `name:${name}`;
    if (seen.has(key) || this.isImported(name)) return;
    seen.add(key);
    const state = this.packageState(name, dir);
    if (state.status === 'imported') return;
    state.reason ??= reason;
    state.cause ??= cause;
    if (dir === undefined) return;
    for (const dependency of runtimeDependencies(this.manifest(dir))) {
      this.markUnknown(
        dependency,
        dir,
        `a dependency of ${name}, which ${reason}`,
        { ...cause, via: name },
        seen,
      );
    }
  }

  /** A production dependency nothing imports, but whose name a production file spells: may be loaded by name. */
  private markNamedInStrings(): void {
    for (const dependency of runtimeDependencies(this.manifest(''))) {
      const site = this.strings.get(dependency);
      if (!site || this.isImported(dependency)) continue;
      const state = this.packageState(dependency, this.installedDir(dependency, ''));
      if (state.status !== 'imported') {
        state.reason ??= `named in a string at ${site.path}:${site.line}; a framework may load it by name`;
        state.cause ??= { kind: 'string', site };
      }
    }
  }

  private isImported(name: string): boolean {
    for (const state of this.packages.values())
      if (state.name === name && state.status === 'imported') return true;
    return false;
  }

  /** Node's lookup of an installed package from a directory: its node_modules, then its ancestors'. */
  private installedDir(name: string, fromDir: string): string | undefined {
    let dir = fromDir;
    for (;;) {
      const candidate = dir === '' ? `node_modules/${name}` : `${dir}/node_modules/${name}`;
      if (this.manifest(candidate) !== undefined) return candidate;
      if (dir === '') return undefined;
      const i = dir.lastIndexOf('/node_modules/');
      dir = i < 0 ? '' : dir.slice(0, i);
    }
  }

  private manifest(dir: string): Manifest | undefined {
    if (!this.manifests.has(dir)) {
      this.manifests.set(
        dir,
        parseManifest(this.readFile(dir === '' ? 'package.json' : `${dir}/package.json`)),
      );
    }
    return this.manifests.get(dir);
  }
}

function toReach(state: PackageState): PackageReach {
  const reach: PackageReach = {
    name: state.name,
    status: state.status,
    chain: state.chain,
    followed: state.followed,
    names: [...state.names.values()].sort((a, b) => compare(a.name, b.name)),
    opaque: state.opaque,
  };
  if (state.version !== undefined) reach.version = state.version;
  if (state.reason !== undefined && state.status === 'unknown') reach.reason = state.reason;
  if (state.cause !== undefined && state.status === 'unknown') reach.cause = state.cause;
  return reach;
}

function comparePackages(a: PackageReach, b: PackageReach): number {
  return compare(a.name, b.name) || compare(a.version ?? '', b.version ?? '');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `template` of `lodash/template.js`, `fr` of `date-fns/locale/fr`: the export a deep import names. */
function deepImportName(subpath: string): string {
  const last = subpath.split('/').pop() ?? subpath;
  return last.replace(/\.[cm]?[jt]sx?$/, '');
}

function relativePosix(root: string, absolute: string): string {
  const rootSlash = root.endsWith('/') ? root : `${root}/`;
  if (absolute.startsWith(rootSlash)) return absolute.slice(rootSlash.length);
  const rootParts = root.split('/').filter(Boolean);
  const parts = absolute.split('/').filter(Boolean);
  let common = 0;
  while (common < rootParts.length && rootParts[common] === parts[common]) common++;
  return [...Array(rootParts.length - common).fill('..'), ...parts.slice(common)].join('/');
}

function normalizeJoin(dir: string, path: string): string {
  const parts: string[] = [];
  for (const part of `${dir}/${path}`.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}
