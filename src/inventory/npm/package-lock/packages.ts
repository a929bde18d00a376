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
  const linkNames = checkEntries(packages, invalid);
  const entries = packages as Record<string, PackageEntry>;
  const tree = new LockTree();
  const licenses = new LicenseCache();
  const root = entries[''];
  const isWorkspace = workspaceMatcher(root?.workspaces, invalid);
  const projects: Project[] = root ? [{ location: '', requires: declaredNames(root) }] : [];
  const members: string[] = [];
  for (const key in entries) {
    if (key === '') continue;
    const entry = entries[key]!;
    const line = lineOf(key);
    if (isTooDeep(key)) {
      collector.unresolvedEntry(nameAt(key), line, TOO_DEEP);
    } else if (entry.link) {
      addLink(tree, entries, key, entry, line, collector);
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

/** Checks every entry before any is read; returns the name each linked folder is installed under. */
function checkEntries(packages: Record<string, unknown>, invalid: Invalid): Map<string, string> {
  const linkNames = new Map<string, string>();
  for (const key in packages) {
    const problem = entryProblem(packages[key], PACKAGE_ENTRY_FIELDS);
    if (problem) {
      const [field, message] = problem;
      invalid(field === undefined ? ['packages', key] : ['packages', key, field], message);
    }
    const entry = packages[key] as PackageEntry;
    if (entry.link && entry.resolved) linkNames.set(entry.resolved, nameAt(key));
  }
  return linkNames;
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
  if (packages[target] === undefined && !tree.hasFolder(target)) {
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
    const issue = parsed.error.issues[0];
    return invalid(['packages', '', 'workspaces', ...(issue?.path ?? [])], issue?.message ?? 'Invalid input');
  }
  const patterns = (Array.isArray(parsed.data) ? parsed.data : (parsed.data.packages ?? []))
    .map((p) => p.replace(/^\.\//, '').replace(/\/+$/, ''))
    .filter((p) => p !== '');
  if (patterns.length === 0) return () => false;
  return picomatch(patterns);
}
