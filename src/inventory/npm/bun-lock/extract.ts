import { type ComponentSource, PalisadeError } from '../../../model/index.ts';
import { ComponentCollector } from '../../collector.ts';
import type { ExtractInput, ExtractResult } from '../../extractor.ts';
import { type JsonWithLines, parseJsonWithLines } from '../../json.ts';
import { assertShallowNesting, sourceOfReference, splitNameRange } from '../js-common.ts';
import { DependencyGraph, type PackageNode, packageNode } from '../js-graph.ts';
import { declaredDependencies, manifestBeside } from '../js-manifest.ts';
import { type BunWorkspace, bunLockSchema, type PackageInfo, packageInfoSchema } from './schema.ts';

/**
 * bun.lock: workspaces copy their package.json dependency maps (so dev/prod/optional are known
 * without reading package.json), and packages are keyed the way bun installs them: `b` is the
 * hoisted copy, `a/b` the copy nested under `a`, `@ws/name/b` one private to a workspace. A
 * dependency of key `a/x` on `b` resolves to the nearest of `a/x/b`, `a/b`, `b`.
 */
export function extract(input: ExtractInput): ExtractResult {
  assertShallowNesting(input.path, input.contents);
  const json = parseJsonWithLines(input.path, input.contents, 2);
  const parsed = bunLockSchema.safeParse(json.value);
  if (!parsed.success) {
    throw new PalisadeError(
      'input',
      `${input.path}:1: not a bun.lock (expected an object with \`lockfileVersion\` and \`packages\`); regenerate it with \`bun install --save-text-lockfile\``,
    );
  }
  const workspaces = parsed.data.workspaces ?? {};
  const collector = new ComponentCollector('npm', input.path);
  const graph = new DependencyGraph();
  const infos = readPackages(parsed.data.packages ?? {}, json, collector, graph);
  const resolve = (from: string | undefined, dep: string): string | undefined => {
    for (let prefix = from; prefix !== undefined; prefix = parentKey(prefix)) {
      if (graph.hasNode(`${prefix}/${dep}`)) return `${prefix}/${dep}`;
    }
    return graph.hasNode(dep) ? dep : undefined;
  };
  for (const [key, info] of infos) {
    for (const { name, optional } of dependenciesOf(info)) {
      const target = resolve(key, name);
      if (target !== undefined) graph.addEdge(key, target, optional);
    }
  }
  for (const [path, workspace] of Object.entries(workspaces)) {
    // Packages private to a workspace are keyed under its package name.
    const prefix = path === '' ? undefined : workspace.name;
    for (const dep of declaredDependencies(workspace, true)) {
      const target = resolve(prefix, dep.name);
      if (target !== undefined) graph.addRoot(target, dep.scope);
    }
  }
  graph.emit(collector);
  return collector.result(rootOf(workspaces[''], input));
}

/** Adds every package entry as a node; returns the dependency info of each, by key. */
function readPackages(
  packages: Record<string, unknown>,
  json: JsonWithLines,
  collector: ComponentCollector,
  graph: DependencyGraph,
): Map<string, PackageInfo> {
  const infos = new Map<string, PackageInfo>();
  for (const [key, entry] of Object.entries(packages)) {
    const line = json.lineOf(['packages', key]);
    const ident = Array.isArray(entry) ? entry[0] : undefined;
    if (!Array.isArray(entry) || typeof ident !== 'string' || !ident.includes('@', 1)) {
      collector.unresolvedEntry(key, line, 'entry does not start with `name@resolution`');
      continue;
    }
    const { name, range: resolution } = splitNameRange(ident);
    if (resolution.startsWith('workspace:') || resolution === 'root:') continue;
    graph.addNode(key, node(name, resolution, line));
    const info = packageInfoSchema.safeParse(entry.slice(1).find(isPlainObject) ?? {});
    if (info.success) infos.set(key, info.data);
  }
  return infos;
}

function dependenciesOf(info: PackageInfo): { name: string; optional: boolean }[] {
  const out: { name: string; optional: boolean }[] = [];
  for (const name in info.dependencies) out.push({ name, optional: false });
  for (const name in info.optionalDependencies) out.push({ name, optional: true });
  for (const name in info.peerDependencies)
    out.push({ name, optional: info.optionalPeers?.includes(name) ?? false });
  return out;
}

function node(name: string, resolution: string, line: number): PackageNode {
  const source: ComponentSource | undefined = /^\.{0,2}\//.test(resolution)
    ? { type: 'path', path: resolution, link: false }
    : sourceOfReference(resolution);
  // bun records no version for git, tarball and local packages: the resolution is their identity.
  return source ? packageNode(name, line, undefined, source) : packageNode(name, line, resolution);
}

/** `a/@s/b/c` -> `a/@s/b`; undefined for a single name. Keys are package names joined by `/`. */
function parentKey(key: string): string | undefined {
  const cut = key.lastIndexOf('/');
  if (cut < 0) return undefined;
  const before = key.lastIndexOf('/', cut - 1);
  // `…/@scope/name`: the last segment is a scoped name, so cut before its scope.
  const scopeStart = before + 1;
  if (key[scopeStart] === '@') return before < 0 ? undefined : key.slice(0, before);
  return key.slice(0, cut);
}

function rootOf(workspace: BunWorkspace | undefined, input: ExtractInput): ExtractResult['root'] {
  if (!workspace?.name) return undefined;
  // bun copies the root's name but not its version; package.json beside the lockfile has it.
  const version = workspace.version ?? manifestBeside(input, '.')?.version;
  return version ? { name: workspace.name, version } : { name: workspace.name };
}

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
