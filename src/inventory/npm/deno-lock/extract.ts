import type { Scope } from '../../../model/index.ts';
import { ComponentCollector } from '../../collector.ts';
import { type ExtractInput, type ExtractResult, resolveSibling } from '../../extractor.ts';
import { parseJsonWithLines } from '../../json.ts';
import { assertShallowNesting, splitNameRange } from '../js-common.ts';
import { DependencyGraph } from '../js-graph.ts';
import { declaredDependencies, manifestBeside, readManifest } from '../js-manifest.ts';
import { type DenoLock, normalize } from './normalize.ts';

const JSR_REASON = 'JSR package: no advisory database covers the JSR registry, so it is not inventoried';
const REMOTE_REASON = 'remote module (URL import): not a registry package, so it is not inventoried';
const UNLOCKED_REASON = 'declared by the workspace but not in the lockfile; run `deno install`';

/**
 * deno.lock, versions 2 to 5. Only npm packages become components. JSR packages and remote URL
 * modules are listed as unresolved (coverage keeps them visible); JSR packages still pass scope on
 * to the npm packages they depend on. Deno has no dev dependencies of its own: deno.json imports
 * are prod, and package.json dependencies take their scope from that package.json.
 */
export function extract(input: ExtractInput): ExtractResult {
  assertShallowNesting(input.path, input.contents);
  const json = parseJsonWithLines(input.path, input.contents, 3);
  const lock = normalize(input.path, json);
  const collector = new ComponentCollector('npm', input.path);
  const graph = new DependencyGraph();
  const resolver = new Resolver(lock);

  addNpmPackages(lock, resolver, collector, graph);
  for (const pkg of lock.jsr) {
    collector.unresolvedEntry(pkg.key, pkg.line, JSR_REASON);
    graph.addPassThrough(`jsr:${pkg.key}`);
    for (const dep of pkg.dependencies) {
      const target = resolver.specifier(dep);
      if (target !== undefined) graph.addEdge(`jsr:${pkg.key}`, target, false);
    }
  }
  for (const module of remoteModules(lock.remote))
    collector.unresolvedEntry(module.name, module.line, REMOTE_REASON);

  for (const { specifier, scope } of directDependencies(input, lock)) {
    const target = resolver.specifier(specifier);
    if (target === undefined) collector.unresolvedEntry(specifier, lock.workspaceLine, UNLOCKED_REASON);
    else graph.addRoot(target, scope);
  }
  if (!lock.workspace) {
    // No workspace section (a script run without a config file): what no package depends on was imported directly.
    for (const id of graph.unreferenced()) graph.addRoot(id, 'prod');
  }
  graph.emit(collector);
  return collector.result(projectOf(input));
}

function addNpmPackages(
  lock: DenoLock,
  resolver: Resolver,
  collector: ComponentCollector,
  graph: DependencyGraph,
) {
  for (const pkg of lock.npm) {
    const { name, range } = splitNameRange(pkg.key);
    // Peer-dependency variants are suffixed: `react-dom@18.2.0_react@18.2.0`.
    const version = range.split('_')[0] ?? '';
    if (name === '' || version === '') {
      collector.unresolvedEntry(pkg.key, pkg.line, 'npm package key is not `name@version`');
      continue;
    }
    const id = pkg.key;
    graph.addNode(id, { name, version, line: pkg.line });
    for (const dep of pkg.dependencies) {
      const target = resolver.npmDependency(dep);
      if (target !== undefined) graph.addEdge(id, target, false);
    }
    for (const dep of pkg.optionalDependencies) {
      const target = resolver.npmDependency(dep);
      if (target !== undefined) graph.addEdge(id, target, true);
    }
  }
}

/**
 * Resolves the three ways deno.lock names a package to graph ids: an npm package's key as is
 * (`chalk@4.1.2`), a JSR package's key prefixed (`jsr:@std/path@1.0.8`; npm names hold no colon).
 */
class Resolver {
  private readonly specifiers: Map<string, string>;
  private readonly specifierByName = new Map<string, string | null>();
  private readonly npmKeys = new Set<string>();
  private readonly npmByName = new Map<string, string | null>();

  constructor(lock: DenoLock) {
    this.specifiers = lock.specifiers;
    for (const req of lock.specifiers.keys()) {
      const scheme = req.slice(0, req.indexOf(':') + 1);
      const short = `${scheme}${splitNameRange(req.slice(scheme.length)).name}`;
      this.specifierByName.set(short, this.specifierByName.has(short) ? null : req);
    }
    for (const { key } of lock.npm) {
      this.npmKeys.add(key);
      const { name } = splitNameRange(key);
      this.npmByName.set(name, this.npmByName.has(name) ? null : key);
    }
  }

  /** `npm:chalk@^4` or `jsr:@std/path` (deno drops the range when only one is locked). */
  specifier(req: string): string | undefined {
    const unique = this.specifierByName.get(req);
    const resolved = this.specifiers.get(req) ?? (unique ? this.specifiers.get(unique) : undefined);
    return resolved?.startsWith('npm:') ? resolved.slice(4) : resolved;
  }

  /** `name@version` (a key), `alias@npm:name@version`, or a bare `name` when only one version is locked. */
  npmDependency(dep: string): string | undefined {
    const alias = dep.indexOf('@npm:', 1);
    if (alias > 0) return dep.slice(alias + 5);
    if (this.npmKeys.has(dep)) return dep;
    return this.npmByName.get(dep) ?? undefined;
  }
}

interface DirectDependency {
  specifier: string;
  scope: Scope;
}

function directDependencies(input: ExtractInput, lock: DenoLock): DirectDependency[] {
  const workspace = lock.workspace;
  if (!workspace) return [];
  const members: [string, NonNullable<DenoLock['workspace']>][] = [['.', workspace]];
  for (const [path, member] of Object.entries(workspace.members ?? {})) members.push([path, member]);
  const out: DirectDependency[] = [];
  for (const [path, member] of members) {
    for (const specifier of member.dependencies ?? []) out.push({ specifier, scope: 'prod' });
    const manifest = manifestBeside(input, path);
    const scopes = new Map(
      manifest ? declaredDependencies(manifest, false).map((d) => [d.name, d.scope]) : [],
    );
    for (const specifier of member.packageJson?.dependencies ?? []) {
      const name = splitNameRange(specifier.slice(specifier.indexOf(':') + 1)).name;
      out.push({ specifier, scope: scopes.get(name) ?? 'prod' });
    }
  }
  return out;
}

/**
 * Remote modules grouped per package version (`https://deno.land/std@0.208.0`): a lockfile lists
 * every file of every module, and one coverage entry per file would bury the rest.
 */
function remoteModules(remote: DenoLock['remote']): { name: string; line: number }[] {
  const modules = new Map<string, number>();
  for (const { url, line } of remote) {
    const parts = url.split('/');
    // ['https:', '', host, …]: the first path segment naming a version (`std@0.208.0`, not `@scope`).
    const at = parts.findIndex((part, i) => i >= 3 && part.indexOf('@', 1) > 0);
    const name = at < 0 ? url : parts.slice(0, at + 1).join('/');
    if (!modules.has(name)) modules.set(name, line);
  }
  return [...modules].map(([name, line]) => ({ name, line }));
}

function projectOf(input: ExtractInput): ExtractResult['root'] {
  const manifest = manifestBeside(input, '.') ?? readManifest(input, resolveSibling(input.path, 'deno.json'));
  if (!manifest?.name) return undefined;
  return manifest.version ? { name: manifest.name, version: manifest.version } : { name: manifest.name };
}
