import picomatch from 'picomatch';
import type { ComponentCollector } from '../../collector.ts';
import { NO_VERSION } from './errors.ts';
import { LicenseCache } from './licenses.ts';
import { declaredNames, type PackageEntry, runtimeNames } from './schema.ts';
import { pathLink, sourceOfResolved } from './source.ts';
import { isTooDeep, type LockNode, LockTree, nameAt, type Project, scopeOf, TOO_DEEP } from './tree.ts';

export interface PackagesTree {
  tree: LockTree;
  /** Undefined when the root entry `""` is missing, so nothing says what the project declares. */
  projects: Project[] | undefined;
  /** Locations of the workspace packages, which the root project declares. */
  members: string[];
}

/**
 * Reads the v2/v3 `packages` map. Keys under node_modules are installed packages; other keys are
 * folders that `link: true` entries point at — workspace packages and `file:` directories — and
 * become components with a path source, so they are never matched against registry packages of
 * the same name. Their dependencies (and a workspace's devDependencies) resolve from their folder.
 */
export function treeFromPackages(
  packages: Record<string, PackageEntry>,
  lineOf: (key: string) => number,
  collector: ComponentCollector,
): PackagesTree {
  const tree = new LockTree();
  const licenses = new LicenseCache();
  const root = packages[''];
  const isWorkspace = workspaceMatcher(root?.workspaces);
  const linkNames = new Map<string, string>();
  for (const [key, entry] of Object.entries(packages)) {
    if (entry.link && entry.resolved) linkNames.set(entry.resolved, nameAt(key));
  }
  const projects: Project[] = root ? [{ location: '', requires: declaredNames(root) }] : [];
  const members: string[] = [];
  for (const [key, entry] of Object.entries(packages)) {
    if (key === '') continue;
    const line = lineOf(key);
    if (isTooDeep(key)) {
      collector.unresolvedEntry(nameAt(key), line, TOO_DEEP);
    } else if (entry.link) {
      addLink(tree, packages, key, entry, line, collector);
    } else if (key.startsWith('node_modules/') || key.includes('/node_modules/')) {
      const node = installedNode(key, entry, line, licenses);
      if (node.version === undefined) collector.unresolvedEntry(node.name, line, NO_VERSION);
      tree.add(node);
    } else {
      const workspace = isWorkspace(key);
      const node = folderNode(key, entry, line, linkNames.get(key), workspace, licenses);
      tree.add(node);
      if (workspace) {
        members.push(key);
        projects.push({ location: key, requires: node.requires });
      }
    }
  }
  return { tree, projects: root ? projects : undefined, members };
}

function installedNode(key: string, entry: PackageEntry, line: number, licenses: LicenseCache): LockNode {
  // An `npm:` alias installs a package under another key; `name` holds the real one.
  const name = entry.name ?? nameAt(key);
  return {
    location: key,
    name,
    version: entry.version,
    line,
    scope: scopeOf(entry),
    licenses: licenses.of(entry.license),
    origin: sourceOfResolved(entry.resolved, name, entry.version),
    requires: runtimeNames(entry),
  };
}

function folderNode(
  key: string,
  entry: PackageEntry,
  line: number,
  linkName: string | undefined,
  workspace: boolean,
  licenses: LicenseCache,
): LockNode {
  return {
    location: key,
    name: entry.name ?? linkName ?? nameAt(key),
    version: entry.version,
    line,
    scope: scopeOf(entry),
    licenses: licenses.of(entry.license),
    origin: pathLink(key),
    requires: workspace ? declaredNames(entry) : runtimeNames(entry),
  };
}

function addLink(
  tree: LockTree,
  packages: Record<string, PackageEntry>,
  key: string,
  entry: PackageEntry,
  line: number,
  collector: ComponentCollector,
): void {
  const target = entry.resolved;
  if (target === undefined || target === '') {
    collector.unresolvedEntry(
      nameAt(key),
      line,
      'link entry without `resolved`; regenerate the lockfile with `npm install`',
    );
    return;
  }
  if (isTooDeep(target)) {
    collector.unresolvedEntry(nameAt(key), line, TOO_DEEP);
    return;
  }
  tree.link(key, target);
  // A link whose folder has no entry of its own still names a dependency; keep what is known.
  if (packages[target] === undefined && !tree.has(target)) {
    tree.add({
      location: target,
      name: nameAt(key),
      version: undefined,
      line,
      scope: scopeOf(entry),
      licenses: [],
      origin: pathLink(target),
      requires: [],
    });
  }
}

/** npm accepts `workspaces` as a list of globs or, as yarn does, `{ packages: [...] }`. */
function workspaceMatcher(workspaces: PackageEntry['workspaces']): (folder: string) => boolean {
  const patterns = (Array.isArray(workspaces) ? workspaces : (workspaces?.packages ?? []))
    .map((p) => p.replace(/^\.\//, '').replace(/\/+$/, ''))
    .filter((p) => p !== '');
  if (patterns.length === 0) return () => false;
  return picomatch(patterns);
}
