import type { ComponentSource, Scope } from '../../../model/index.ts';
import { ComponentCollector } from '../../collector.ts';
import type { ExtractInput, ExtractResult } from '../../extractor.ts';
import { sourceOfReference, splitNameRange, stripParams } from '../js-common.ts';
import { DependencyGraph, packageNode } from '../js-graph.ts';
import { declaredDependencies, manifestBeside } from '../js-manifest.ts';
import { DescriptorIndex } from './descriptors.ts';
import { parseBerry } from './parse.ts';
import { type BerryEntry, berryEntry } from './schema.ts';

interface Located {
  id: string;
  locator: string;
  fields: BerryEntry;
}

interface Workspace extends Located {
  path: string;
}

interface BerryLock {
  byDescriptor: DescriptorIndex;
  /** Names with descriptors bound to their dependent (`::locator=…`: file:, link:, portal:, exec:, patch:). */
  bound: Set<string>;
  packages: Located[];
  workspaces: Workspace[];
  workspaceIds: Set<string>;
}

type Identity =
  | { kind: 'workspace'; path: string }
  | { kind: 'package'; name: string; version?: string; source?: ComponentSource }
  | { kind: 'unsupported'; name: string; reason: string };

/**
 * yarn 2+: entries are keyed by descriptors (`name@npm:^1`), resolved to a locator
 * (`resolution: name@npm:1.2.3`). Workspaces are entries too (`workspace:` locators, linkType soft):
 * they are the projects, not components, and their dependency lists (dev ones merged in) are the
 * direct dependencies, split into scopes by each workspace's package.json.
 */
export function extractBerry(input: ExtractInput): ExtractResult {
  const collector = new ComponentCollector('npm', input.path);
  const graph = new DependencyGraph();
  const lock = readEntries(input, collector, graph);
  for (const pkg of lock.packages) {
    for (const [name, range] of Object.entries(pkg.fields.dependencies ?? {})) {
      const target = resolve(lock, name, range, pkg.locator);
      if (target !== undefined) graph.addEdge(pkg.id, target, isOptional(pkg.fields, name));
    }
  }
  const root = addWorkspaceRoots(input, lock, graph);
  graph.emit(collector);
  return collector.result(root);
}

/** Each workspace's dependencies are direct, scoped by its package.json; returns the root project. */
function addWorkspaceRoots(
  input: ExtractInput,
  lock: BerryLock,
  graph: DependencyGraph,
): ExtractResult['root'] {
  let root: ExtractResult['root'];
  for (const workspace of lock.workspaces) {
    const manifest = manifestBeside(input, workspace.path);
    const scopes = new Map<string, Scope>(
      manifest ? declaredDependencies(manifest, false).map((d) => [d.name, d.scope]) : [],
    );
    for (const [name, range] of Object.entries(workspace.fields.dependencies ?? {})) {
      const target = resolve(lock, name, range, workspace.locator);
      const fallback = isOptional(workspace.fields, name) ? 'optional' : 'prod';
      if (target !== undefined) graph.addRoot(target, scopes.get(name) ?? fallback);
    }
    if (workspace.path === '.') {
      const name = manifest?.name ?? splitNameRange(workspace.locator).name;
      root = manifest?.version ? { name, version: manifest.version } : { name };
    }
  }
  return root;
}

function readEntries(input: ExtractInput, collector: ComponentCollector, graph: DependencyGraph): BerryLock {
  const lock: BerryLock = {
    byDescriptor: new DescriptorIndex(),
    bound: new Set(),
    packages: [],
    workspaces: [],
    workspaceIds: new Set(),
  };
  const entries = parseBerry(input.path, input.contents)
    .filter((entry) => entry.keys[0] !== '__metadata')
    .map((entry, index) => ({ entry, id: String(index), fields: berryEntry(entry.fields) }));
  // A patched package (`patch:` locator) is its original package: both entries become one node.
  const idByLocator = new Map<string, string>();
  for (const { id, fields } of entries) {
    if (fields.resolution && !fields.resolution.includes('@patch:')) idByLocator.set(fields.resolution, id);
  }
  for (const { entry, fields, id: ownId } of entries) {
    const locator = fields.resolution ?? '';
    const id = idByLocator.get(patchedLocator(locator) ?? '') ?? ownId;
    for (const key of entry.keys) {
      lock.byDescriptor.add(key, id);
      // Bound descriptors (`::locator=<dependent>`) are also indexed bare, for lookups without the binding.
      const binding = key.indexOf('::');
      if (binding >= 0) {
        lock.byDescriptor.add(key.slice(0, binding), id);
        lock.bound.add(splitNameRange(key).name);
      }
    }
    const identity = identify(locator, fields.version);
    if (identity.kind === 'workspace') {
      lock.workspaces.push({ id, path: identity.path, locator, fields });
      lock.workspaceIds.add(id);
    } else if (identity.kind === 'unsupported') {
      collector.unresolvedEntry(identity.name || (entry.keys[0] ?? ''), entry.line, identity.reason);
    } else {
      graph.addNode(id, packageNode(identity.name, entry.line, identity.version, identity.source));
      lock.packages.push({ id, locator, fields });
    }
  }
  return lock;
}

/** The package entry a dependency descriptor resolves to; undefined for workspaces (not components). */
function resolve(lock: BerryLock, name: string, range: string, dependent: string): string | undefined {
  const bound = lock.bound.has(name)
    ? lock.byDescriptor.get(name, `${range}::locator=${encodeURIComponent(dependent)}`)
    : undefined;
  const id = bound ?? lock.byDescriptor.get(name, range);
  return id === undefined || lock.workspaceIds.has(id) ? undefined : id;
}

function isOptional(fields: BerryEntry, name: string): boolean {
  return fields.optional.some((key) => key === name || key.startsWith(`${name}@`));
}

const PLACEHOLDER_VERSION = '0.0.0-use.local';

/** The original locator a `patch:` locator applies to, or undefined for other locators. */
function patchedLocator(locator: string): string | undefined {
  const { range: reference } = splitNameRange(locator);
  if (!reference.startsWith('patch:')) return undefined;
  const hash = reference.indexOf('#');
  return decodeURIComponentSafe(reference.slice(6, hash < 0 ? undefined : hash));
}

function identify(locator: string, version: string | undefined): Identity {
  const { name, range: reference } = splitNameRange(locator);
  if (name === '' || reference === '')
    return { kind: 'unsupported', name, reason: 'entry has no resolution' };
  if (reference.startsWith('workspace:')) return { kind: 'workspace', path: reference.slice(10) || '.' };
  if (reference.startsWith('npm:')) return { kind: 'package', name, version: reference.slice(4) };
  // patch:<url-encoded original locator>#<patch file>::<params>; the component is the original.
  const original = patchedLocator(locator);
  if (original !== undefined) return identify(original, version);
  const known = version === undefined || version === PLACEHOLDER_VERSION ? {} : { version };
  if (reference.startsWith('exec:')) {
    return {
      kind: 'package',
      name,
      ...known,
      source: { type: 'path', path: stripParams(reference.slice(5)), link: false },
    };
  }
  const source = sourceOfReference(reference);
  if (source) return { kind: 'package', name, ...known, source };
  const protocol = /^([a-z][a-z0-9+.-]*):/i.exec(reference)?.[1];
  return { kind: 'unsupported', name, reason: `unsupported resolution protocol "${protocol ?? reference}"` };
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
