import type { Scope } from '../../../model/index.ts';
import type { ComponentCollector } from '../../collector.ts';
import type { EntrySource } from './source.ts';

/** A package installed at one place of the node_modules tree (or a linked folder). */
export interface LockNode {
  /** Path relative to the lockfile's folder: `node_modules/a/node_modules/b`, `packages/web`, `../lib`. */
  location: string;
  /** The name it is installed under (differs from `name` for an `npm:` alias): the last part of `location`. */
  installName: string;
  /** The package's own name. */
  name: string;
  version: string | undefined;
  line: number;
  scope: Scope;
  licenses: string[];
  origin: EntrySource;
  /** Names it requires, found from `location` the way Node finds them. */
  requires: string[];
  /** Position in its tree, set by LockTree.add. */
  index: number;
}

/** A folder whose declared dependencies are direct: the root project or a workspace. */
export interface Project {
  location: string;
  requires: string[];
}

/** More path segments than any real install has; the bound keeps resolution linear on hostile keys. */
export const MAX_SEGMENTS = 400;

export const TOO_DEEP = `nested deeper than ${MAX_SEGMENTS} path segments; skipped`;

export function isTooDeep(location: string): boolean {
  let count = 0;
  for (let i = location.indexOf('/'); i >= 0; i = location.indexOf('/', i + 1)) {
    if (++count > MAX_SEGMENTS) return true;
  }
  return false;
}

/** Name of the package installed at `location`, from its last `node_modules/` segment. */
export function nameAt(location: string): string {
  const i = location.lastIndexOf('node_modules/');
  return i < 0 ? location.slice(location.lastIndexOf('/') + 1) : location.slice(i + 13);
}

/** The folder resolution starts from (opaque outside this module). */
export type Origin = Folder | null;

interface Folder {
  /** What its node_modules holds: a node, or the location a link entry points at. */
  readonly children: Map<string, LockNode | string>;
  readonly location: string;
  /** Nearest ancestor folder that holds packages; undefined until first needed. */
  parent: Folder | null | undefined;
}

/**
 * The node_modules tree, indexed so that resolving a name walks parent pointers and looks the
 * name up in each folder's own map: no path strings are built per lookup, which keeps the 40,000
 * requirements of a 10,000-package lockfile cheap to resolve. Only folders whose node_modules
 * hold something exist; build the whole tree before resolving in it.
 */
export class LockTree {
  private readonly nodes: LockNode[] = [];
  /** Nodes of linked folders (workspaces, `file:` directories), by location: what links point at. */
  private readonly linked = new Map<string, LockNode>();
  private readonly folders = new Map<string, Folder>();

  /** Adds the package at `node.location`: `[<folder>/]node_modules/<name>`, or a linked folder. */
  add(node: LockNode): void {
    node.index = this.nodes.length;
    this.nodes.push(node);
    if (!this.place(node.location, node)) this.linked.set(node.location, node);
  }

  /** `location` is a symlink to the folder `target` (npm's `link: true` entries). */
  link(location: string, target: string): void {
    this.place(location, target);
  }

  /** Whether a linked folder has a node. */
  hasFolder(location: string): boolean {
    return this.linked.has(location);
  }

  all(): readonly LockNode[] {
    return this.nodes;
  }

  /** The package at `location`, following a link. */
  at(location: string): LockNode | undefined {
    const i = location.lastIndexOf('node_modules/');
    if (i < 0) return this.linked.get(location);
    const folder = this.folders.get(i === 0 ? '' : location.slice(0, i - 1));
    return this.deref(folder?.children.get(location.slice(i + 13)));
  }

  /**
   * Node's lookup: `<folder>/node_modules/<name>` from the requiring package's folder up through
   * its ancestors. A folder outside the project (`../lib`) only sees its own node_modules, as npm
   * leaves the dependencies of such links uninstalled.
   */
  resolve(from: string, name: string): LockNode | undefined {
    return this.find(this.origin(from), name);
  }

  /** Where resolution from `location` starts; with `find`, resolves many names from one place. */
  origin(location: string): Origin {
    return this.nearestFolder(location);
  }

  find(origin: Origin, name: string): LockNode | undefined {
    for (let folder = origin; folder; folder = this.parentOf(folder)) {
      const entry = folder.children.get(name);
      if (entry !== undefined) return this.deref(entry);
    }
    return undefined;
  }

  private deref(entry: LockNode | string | undefined): LockNode | undefined {
    return typeof entry === 'string' ? this.linked.get(entry) : entry;
  }

  /** Files `entry` under its folder's node_modules; false for a location outside any node_modules. */
  private place(location: string, entry: LockNode | string): boolean {
    const i = location.lastIndexOf('node_modules/');
    if (i < 0) return false;
    const parent = i === 0 ? '' : location.slice(0, i - 1);
    let folder = this.folders.get(parent);
    if (!folder) {
      folder = { children: new Map(), location: parent, parent: undefined };
      this.folders.set(parent, folder);
    }
    folder.children.set(typeof entry === 'string' ? location.slice(i + 13) : entry.installName, entry);
    return true;
  }

  private nearestFolder(location: string | undefined): Folder | null {
    for (let dir = location; dir !== undefined; dir = parentFolder(dir)) {
      const folder = this.folders.get(dir);
      if (folder) return folder;
    }
    return null;
  }

  private parentOf(folder: Folder): Folder | null {
    if (folder.parent === undefined) folder.parent = this.nearestFolder(parentFolder(folder.location));
    return folder.parent;
  }
}

function parentFolder(dir: string): string | undefined {
  if (dir === '') return undefined;
  const nested = dir.lastIndexOf('/node_modules/');
  if (nested >= 0) return dir.slice(0, nested);
  if (dir.startsWith('node_modules/')) return '';
  const slash = dir.lastIndexOf('/');
  const up = slash < 0 ? '' : dir.slice(0, slash);
  return dir === '..' || up === '..' || up.endsWith('/..') ? undefined : up;
}

function isTopLevel(location: string): boolean {
  return location.startsWith('node_modules/') && !location.includes('/node_modules/');
}

/**
 * Adds the tree to the collector: one component per node, an edge per resolved requirement, and
 * `direct` for what the projects declare — or, when no project declares anything (a v1 lockfile
 * without its package.json), for the top-level packages nothing else requires.
 */
export function collectTree(
  tree: LockTree,
  collector: ComponentCollector,
  projects: readonly Project[] | undefined,
  members: readonly string[] = [],
): void {
  const nodes = tree.all();
  const direct = projects ? declaredBy(tree, projects) : unrequiredTopLevel(tree);
  for (const location of members) {
    const member = tree.at(location);
    if (member) direct[member.index] = 1;
  }
  const purls: string[] = [];
  for (const node of nodes) {
    const { qualifiers, source } = node.origin;
    const entry = {
      name: node.name,
      version: node.version,
      scope: node.scope,
      direct: direct[node.index] === 1,
      licenses: node.licenses,
      line: node.line,
      source,
    };
    purls.push(collector.add(qualifiers ? { ...entry, qualifiers } : entry));
  }
  for (const node of nodes) {
    if (node.requires.length === 0) continue;
    const origin = tree.origin(node.location);
    for (const name of node.requires) {
      const target = tree.find(origin, name);
      if (target && target !== node) collector.addEdge(purls[node.index]!, purls[target.index]!);
    }
  }
}

/** Flags by node index: 1 for the packages the projects' declared names resolve to. */
function declaredBy(tree: LockTree, projects: readonly Project[]): Uint8Array {
  const direct = new Uint8Array(tree.all().length);
  for (const project of projects) {
    const origin = tree.origin(project.location);
    for (const name of project.requires) {
      const target = tree.find(origin, name);
      if (target) direct[target.index] = 1;
    }
  }
  return direct;
}

function unrequiredTopLevel(tree: LockTree): Uint8Array {
  const nodes = tree.all();
  const required = new Uint8Array(nodes.length);
  for (const node of nodes) {
    const origin = tree.origin(node.location);
    for (const name of node.requires) {
      const target = tree.find(origin, name);
      if (target && target !== node) required[target.index] = 1;
    }
  }
  const direct = new Uint8Array(nodes.length);
  for (const node of nodes)
    if (isTopLevel(node.location) && required[node.index] === 0) direct[node.index] = 1;
  return direct;
}

/** npm's flags: `devOptional` marks a package that only dev or optional dependencies need, so dev. */
export function scopeOf(flags: {
  dev?: boolean | undefined;
  optional?: boolean | undefined;
  devOptional?: boolean | undefined;
}): Scope {
  if (flags.dev || flags.devOptional) return 'dev';
  return flags.optional ? 'optional' : 'prod';
}
