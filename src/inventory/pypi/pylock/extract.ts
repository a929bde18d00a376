import { PalisadeError, type Scope } from '../../../model/index.ts';
import { ComponentCollector } from '../../collector.ts';
import type { ExtractInput, ExtractResult } from '../../extractor.ts';
import { LineIndex } from '../../lines.ts';
import { collectLock, type DependencyRef, type LockPackage } from '../graph.ts';
import { preview } from '../pep508.ts';
import { readPyproject } from '../pyproject.ts';
import { gitSource, pathSource, registrySource, type SourceInfo, urlSource } from '../sources.ts';
import { readTomlLock } from '../toml.ts';
import { type PylockPackage, PylockSchema } from './schema.ts';

const REMEDY =
  'regenerate it with the tool that wrote it (`pip lock`, `uv export --format pylock.toml`, `pdm export`)';

/**
 * pylock.toml (PEP 751). The format names no groups per package; an installer selects packages by
 * marker, so a package whose marker asks for a dependency group is development and one that asks for
 * an extra is optional. Direct dependencies are those the sibling pyproject.toml declares.
 */
export function extractPylock(input: ExtractInput): ExtractResult {
  const { document, lineOf } = readTomlLock(input.path, input.contents, 'packages', PylockSchema, REMEDY);
  const lockVersion = document['lock-version'];
  if (!/^1(\.|$)/.test(lockVersion)) {
    // PEP 751: a tool must refuse a major version it does not know.
    const line = new LineIndex(input.contents).lineAt(
      Math.max(0, input.contents.search(/^[ \t]*lock-version[ \t]*=/m)),
    );
    throw new PalisadeError(
      'input',
      `${input.path}:${line}: lock-version "${preview(lockVersion)}" is not supported (1.x is); ${REMEDY}`,
    );
  }
  const collector = new ComponentCollector('PyPI', input.path);
  const manifest = readPyproject(input, collector);
  const packages: LockPackage[] = [];
  document.packages.forEach((pkg, i) => {
    // The project itself, when locked as a directory install of ".", is the root, not a dependency.
    if (pkg.directory?.path === '.') return;
    packages.push({
      name: pkg.name,
      version: pkg.version,
      line: lineOf(i, pkg.name),
      source: sourceOf(pkg),
      dependencies: (pkg.dependencies ?? []).flatMap((d): DependencyRef[] =>
        d.name === undefined ? [] : [{ name: d.name, version: d.version }],
      ),
      scope: scopeOf(pkg.marker),
    });
  });
  collectLock(collector, packages, manifest?.declared);
  return collector.result(manifest?.root);
}

function scopeOf(marker: string | undefined): Scope {
  if (marker === undefined) return 'prod';
  if (/\bin\s+dependency_groups\b/.test(marker)) return 'dev';
  if (/\bin\s+extras\b/.test(marker)) return 'optional';
  return 'prod';
}

function sourceOf(pkg: PylockPackage): SourceInfo {
  const { vcs, directory, archive } = pkg;
  if (vcs) {
    const location = vcs.url ?? vcs.path ?? '';
    if (vcs.type === 'git') return gitSource(location, vcs['commit-id'] ?? vcs['requested-revision']);
    return vcs.url !== undefined ? urlSource(vcs.url) : pathSource(location, false);
  }
  if (directory) return pathSource(directory.path, directory.editable ?? false);
  if (archive?.url !== undefined) return urlSource(archive.url);
  if (archive?.path !== undefined) return pathSource(archive.path, false);
  return registrySource();
}
