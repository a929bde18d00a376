import picomatch from 'picomatch';
import type { ComponentCollector } from '../../collector.ts';
import { type Invalid, NO_VERSION } from './errors.ts';
import { LicenseCache } from './licenses.ts';
import {
  declaredNames,
  entryProblem,
  PACKAGE_ENTRY_FIELDS,
  type PackageEntry,
  runtimeNames,
  WorkspacesSchema,
} from './schema.ts';
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
  packages: Record<string, unknown>,
  lineOf: (key: string) => number,
  collector: ComponentCollector,
  invalid: Invalid,
): PackagesTree {
  const tree = new LockTree();
  const licenses = new LicenseCache();
  const links: [key: string, entry: PackageEntry, line: number][] = [];
  const folders: [key: string, entry: PackageEntry, line: number][] = [];
  for (const key of Object.keys(packages)) {
    const entry = checkedEntry(packages, key, invalid);
    if (key === '') continue;
    const line = lineOf(key);
    if (isTooDeep(key)) {
      collector.unresolvedEntry(nameAt(key), line, TOO_DEEP);
    } else if (entry.link) {
      links.push([key, entry, line]);
    } else if (key.startsWith('node_modules/') || key.includes('/node_modules/')) {
      const node = installedNode(key, entry, line, licenses);
      if (node.version === undefined) collector.unresolvedEntry(node.name, line, NO_VERSION);
      tree.add(node);
    } else {
      folders.push([key, entry, line]);
    }
  }
  const root = packages[''] as PackageEntry | undefined;
  const projects: Project[] = root ? [{ location: '', requires: declaredNames(root) }] : [];
  const members: string[] = [];
  // Linked folders are few; they are read once all links are known, which name them.
  const linkNames = new Map<string, string>();
  for (const [key, entry] of links) if (entry.resolved) linkNames.set(entry.resolved, nameAt(key));
  const isWorkspace = workspaceMatcher(root?.workspaces, invalid);
  for (const [key, entry, line] of folders) {
    const workspace = isWorkspace(key);
    const node = folderNode(key, entry, line, linkNames.get(key), workspace, licenses);
    tree.add(node);
    if (workspace) {
      members.push(key);
      projects.push({ location: key, requires: node.requires });
    }
  }
  for (const [key, entry, line] of links) addLink(tree, key, entry, line, collector);
  return { tree, projects: root ? projects : undefined, members };
}

function checkedEntry(packages: Record<string, unknown>, key: string, invalid: Invalid): PackageEntry {
  const value = packages[key];
  const problem = entryProblem(value, PACKAGE_ENTRY_FIELDS);
  if (problem) {
    const [field, message] = problem;
    invalid(field === undefined ? ['packages', key] : ['packages', key, field], message);
  }
  return value as PackageEntry;
}

function installedNode(key: string, entry: PackageEntry, line: number, licenses: LicenseCache): LockNode {
  // An `npm:` alias installs a package under another key; `name` holds the real one.
  const installName = nameAt(key);
  const name = entry.name ?? installName;
  return {
    location: key,
    installName,
    name,
    version: entry.version,
    line,
    scope: scopeOf(entry),
    licenses: licenses.of(entry.license),
    origin: sourceOfResolved(entry.resolved, name, entry.version),
    requires: runtimeNames(entry),
    index: -1,
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
  const installName = nameAt(key);
  return {
    location: key,
    installName,
    name: entry.name ?? linkName ?? installName,
    version: entry.version,
    line,
    scope: scopeOf(entry),
    licenses: licenses.of(entry.license),
    origin: pathLink(key),
    requires: workspace ? declaredNames(entry) : runtimeNames(entry),
    index: -1,
  };
}

function addLink(
  tree: LockTree,
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
  if (!tree.hasFolder(target) && !target.includes('node_modules/')) {
    tree.add({
      location: target,
      installName: nameAt(target),
      name: nameAt(key),
      version: undefined,
      line,
      scope: scopeOf(entry),
      licenses: [],
      origin: pathLink(target),
      requires: [],
      index: -1,
    });
  }
}

/** npm accepts `workspaces` as a list of globs or, as yarn does, `{ packages: [...] }`. */
function workspaceMatcher(workspaces: unknown, invalid: Invalid): (folder: string) => boolean {
  if (workspaces === undefined) return () => false;
  const parsed = WorkspacesSchema.safeParse(workspaces);
  if (!parsed.success) {
    return invalid(
      ['packages', '', 'workspaces'],
      'Invalid input: expected a list of globs or { "packages": [globs] }',
    );
  }
  const patterns = (Array.isArray(parsed.data) ? parsed.data : (parsed.data.packages ?? []))
    .map((p) => p.replace(/^\.\//, '').replace(/\/+$/, ''))
    .filter((p) => p !== '');
  if (patterns.length === 0) return () => false;
  return picomatch(patterns);
}
