import { normalizePypiName } from '../../../model/index.ts';
import { ComponentCollector } from '../../collector.ts';
import type { ExtractInput, ExtractResult } from '../../extractor.ts';
import { collectLock, type DeclaredDependencies, type DependencyRef, type LockPackage } from '../graph.ts';
import { pathSource, registrySource, type SourceInfo, urlSource, uvGitSource } from '../sources.ts';
import { readTomlLock } from '../toml.ts';
import { type UvLock, type UvLockDependency, type UvLockPackage, UvLockSchema } from './schema.ts';

const REMEDY = 'regenerate it with `uv lock`';

/**
 * uv.lock: the project (and each workspace member) is itself a package of the lock, with an editable
 * or virtual source. Those roots are not components; what they depend on is direct, and scopes follow
 * from where their dependencies, optional dependencies and dependency groups lead.
 */
export function extractUvLock(input: ExtractInput): ExtractResult {
  const { document, lineOf } = readTomlLock(input.path, input.contents, 'package', UvLockSchema, REMEDY);
  const collector = new ComponentCollector('PyPI', input.path);
  const roots = new Set(rootIndexes(document));
  const packages: LockPackage[] = [];
  document.package.forEach((pkg, i) => {
    if (!roots.has(i)) packages.push(toLockPackage(pkg, lineOf(i, pkg.name)));
  });
  const rootPackages = document.package.filter((_, i) => roots.has(i));
  collectLock(collector, packages, declaredBy(rootPackages, document.manifest));
  const project =
    rootPackages.find((pkg) => (pkg.source.editable ?? pkg.source.virtual) === '.') ?? rootPackages[0];
  if (!project) return collector.result();
  return collector.result(
    project.version ? { name: project.name, version: project.version } : { name: project.name },
  );
}

/** Workspace members when the lock lists them, else the project at the lock's own directory. */
function rootIndexes(lock: UvLock): number[] {
  const members = new Set((lock.manifest?.members ?? []).map(normalizePypiName));
  const indexes: number[] = [];
  lock.package.forEach((pkg, i) => {
    const local = pkg.source.editable ?? pkg.source.virtual;
    const isRoot =
      members.size > 0 ? members.has(normalizePypiName(pkg.name)) && local !== undefined : local === '.';
    if (isRoot) indexes.push(i);
  });
  return indexes;
}

function declaredBy(roots: UvLockPackage[], manifest: UvLock['manifest']): DeclaredDependencies | undefined {
  const requirements = manifest?.requirements ?? [];
  if (roots.length === 0 && requirements.length === 0) return undefined;
  const groups = Object.values(manifest?.['dependency-groups'] ?? {}).flat();
  return {
    prod: [...roots.flatMap((r) => refs(r.dependencies)), ...requirements.map(fromRequirement)],
    optional: roots.flatMap((r) => Object.values(r['optional-dependencies'] ?? {}).flatMap(refs)),
    dev: [
      ...roots.flatMap((r) => Object.values(r['dev-dependencies'] ?? {}).flatMap(refs)),
      ...groups.map(fromRequirement),
    ],
  };
}

function fromRequirement(requirement: {
  name: string;
  specifier?: string | undefined;
  extras?: string[] | undefined;
}) {
  return { name: requirement.name, specifier: requirement.specifier, extras: requirement.extras };
}

function refs(dependencies: readonly UvLockDependency[] | undefined): DependencyRef[] {
  return (dependencies ?? []).map((d) => ({ name: d.name, version: d.version, extras: d.extra }));
}

function toLockPackage(pkg: UvLockPackage, line: number): LockPackage {
  return {
    name: pkg.name,
    version: pkg.version,
    line,
    source: sourceOf(pkg.source),
    dependencies: refs(pkg.dependencies),
    optionalDependencies: new Map(
      Object.entries(pkg['optional-dependencies'] ?? {}).map(([extra, deps]) => [extra, refs(deps)]),
    ),
  };
}

function sourceOf(source: UvLockPackage['source']): SourceInfo {
  if (source.git !== undefined) return uvGitSource(source.git);
  if (source.url !== undefined) return urlSource(source.url);
  if (source.editable !== undefined) return pathSource(source.editable, true);
  const local = source.path ?? source.directory ?? source.virtual;
  return local !== undefined ? pathSource(local, false) : registrySource();
}
