import { normalizePypiName, type Scope } from '../../../model/index.ts';
import { ComponentCollector } from '../../collector.ts';
import type { ExtractInput, ExtractResult } from '../../extractor.ts';
import { collectLock, type LockPackage } from '../graph.ts';
import { fromRequirements, readPyproject } from '../pyproject.ts';
import { gitSource, pathSource, registrySource, type SourceInfo, urlSource } from '../sources.ts';
import { readTomlLock } from '../toml.ts';
import { type PdmLockPackage, PdmLockSchema } from './schema.ts';

const REMEDY = 'regenerate it with `pdm lock`';

/**
 * pdm.lock: scope from each package's `groups` ("default" is production; a group that pyproject.toml
 * declares under [project.optional-dependencies] is optional; other groups are development). A
 * `name[extra]` entry is the same package: it merges into it and adds the extra's edges. Direct
 * dependencies are those pyproject.toml declares.
 */
export function extractPdmLock(input: ExtractInput): ExtractResult {
  const { document, lineOf } = readTomlLock(input.path, input.contents, 'package', PdmLockSchema, REMEDY);
  const collector = new ComponentCollector('PyPI', input.path);
  const manifest = readPyproject(input, collector);
  const extras = manifest?.extras ?? new Set<string>();
  const packages: LockPackage[] = [];
  document.package.forEach((pkg, i) => {
    // The project itself, when locked as an editable install of ".", is the root, not a dependency.
    if (pkg.path === '.') return;
    packages.push({
      name: pkg.name,
      version: pkg.version,
      line: lineOf(i, pkg.name),
      source: sourceOf(pkg),
      dependencies: fromRequirements(pkg.dependencies),
      scope: scopeOf(pkg.groups, extras),
    });
  });
  collectLock(collector, packages, manifest?.declared);
  return collector.result(manifest?.root);
}

function scopeOf(groups: string[] | undefined, extras: Set<string>): Scope | undefined {
  if (groups === undefined) return undefined;
  if (groups.includes('default')) return 'prod';
  return groups.some((g) => extras.has(normalizePypiName(g))) ? 'optional' : 'dev';
}

function sourceOf(pkg: PdmLockPackage): SourceInfo {
  if (pkg.git !== undefined) return gitSource(pkg.git, pkg.revision ?? pkg.ref);
  if (pkg.path !== undefined) return pathSource(pkg.path, pkg.editable ?? false);
  if (pkg.url !== undefined) return urlSource(pkg.url);
  return registrySource();
}
