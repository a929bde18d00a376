import { PalisadeError, type Scope } from '../../../model/index.ts';
import { ComponentCollector } from '../../collector.ts';
import type { ExtractInput, ExtractResult } from '../../extractor.ts';
import { collectLock, type DependencyRef, type LockPackage } from '../graph.ts';
import { fromRequirements, readPyproject } from '../pyproject.ts';
import { gitSource, pathSource, registrySource, type SourceInfo, urlSource } from '../sources.ts';
import { readTomlLock } from '../toml.ts';
import { type PoetryLockPackage, PoetryLockSchema } from './schema.ts';

const REMEDY = 'regenerate it with `poetry lock`';

/**
 * poetry.lock: scope from `category` (Poetry < 1.5) or `groups` (Poetry 2); Poetry 1.5–1.8 record
 * neither, so the scope then comes from what the sibling pyproject.toml's main and group
 * dependencies reach. Direct dependencies are those pyproject.toml declares.
 */
export function extractPoetryLock(input: ExtractInput): ExtractResult {
  const { document, lineOf } = readTomlLock(input.path, input.contents, 'package', PoetryLockSchema, REMEDY);
  if (!document.metadata) {
    // Poetry writes [metadata] last: without it the file was cut short.
    const lastLine = input.contents.replace(/\n$/, '').split('\n').length;
    throw new PalisadeError(
      'input',
      `${input.path}:${lastLine}: no [metadata] table, the file is incomplete; ${REMEDY}`,
    );
  }
  const collector = new ComponentCollector('PyPI', input.path);
  const manifest = readPyproject(input, collector);
  const packages = document.package.map((pkg, i) => toLockPackage(pkg, lineOf(i, pkg.name)));
  collectLock(collector, packages, manifest?.declared);
  return collector.result(manifest?.root);
}

function toLockPackage(pkg: PoetryLockPackage, line: number): LockPackage {
  const dependencies: DependencyRef[] = [];
  for (const [name, spec] of Object.entries(pkg.dependencies ?? {})) {
    const constraints = Array.isArray(spec) ? spec : [spec];
    // Optional dependencies come with an extra; [package.extras] says which.
    if (constraints.every((c) => typeof c !== 'string' && c.optional === true)) continue;
    const only = constraints.length === 1 ? constraints[0] : undefined;
    const specifier = typeof only === 'string' ? only : only?.version;
    const extras = constraints.flatMap((c) => (typeof c === 'string' ? [] : (c.extras ?? [])));
    dependencies.push({ name, specifier, extras });
  }
  const optionalDependencies = new Map(
    Object.entries(pkg.extras ?? {}).map(([extra, requirements]) => [extra, fromRequirements(requirements)]),
  );
  return {
    name: pkg.name,
    version: pkg.version,
    line,
    source: sourceOf(pkg),
    dependencies,
    optionalDependencies,
    scope: statedScope(pkg),
    fallbackScope: pkg.optional ? 'optional' : 'prod',
  };
}

function statedScope(pkg: PoetryLockPackage): Scope | undefined {
  const groups = pkg.groups ?? (pkg.category !== undefined ? [pkg.category] : undefined);
  if (groups === undefined) return undefined;
  if (groups.includes('main')) return pkg.optional ? 'optional' : 'prod';
  return 'dev';
}

function sourceOf(pkg: PoetryLockPackage): SourceInfo {
  const source = pkg.source;
  // `legacy` is a private index: still a registry package, by name and version.
  if (!source?.url) return registrySource();
  switch (source.type) {
    case 'git':
      return gitSource(source.url, source.resolved_reference || source.reference || undefined);
    case 'url':
      return urlSource(source.url);
    case 'directory':
      return pathSource(source.url, pkg.develop ?? false);
    case 'file':
      return pathSource(source.url, false);
    default:
      return registrySource();
  }
}
