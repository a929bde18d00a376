import { type ComponentSource, PalisadeError } from '../../../model/index.ts';
import { ComponentCollector } from '../../collector.ts';
import type { ExtractInput, ExtractResult } from '../../extractor.ts';
import { gitSource, sourceOfReference, splitNameRange } from '../js-common.ts';
import { DependencyGraph, packageNode } from '../js-graph.ts';
import { declaredDependencies, manifestBeside, workspacePatterns } from '../js-manifest.ts';
import { DescriptorIndex } from './descriptors.ts';
import { parseClassic, type YarnEntry } from './parse.ts';
import { classicEntry } from './schema.ts';

/**
 * yarn v1: every entry lists the ranges that resolved to it, and dependency blocks name ranges, so
 * edges go range -> entry. The lockfile has no dev/prod split; the sibling package.json (and the
 * workspaces it lists by plain path) say which dependencies are direct and in which scope.
 */
export function extractClassic(input: ExtractInput): ExtractResult {
  const entries = parseClassic(input.path, input.contents);
  const collector = new ComponentCollector('npm', input.path);
  const graph = new DependencyGraph();
  const byRange = new DescriptorIndex();
  entries.forEach((entry, index) => {
    for (const key of entry.keys) byRange.add(key, String(index));
  });

  entries.forEach((entry, index) => {
    const id = String(index);
    const fields = classicEntry(entry.fields);
    const identity = identify(input.path, entry, fields.resolved);
    if (fields.version === undefined) {
      collector.unresolvedEntry(identity.name, entry.line, 'entry has no version');
      return;
    }
    graph.addNode(id, packageNode(identity.name, entry.line, fields.version, identity.source));
    for (const name in fields.dependencies) {
      const target = byRange.get(name, fields.dependencies[name] ?? '');
      if (target !== undefined) graph.addEdge(id, target, false);
    }
    for (const name in fields.optionalDependencies) {
      const target = byRange.get(name, fields.optionalDependencies[name] ?? '');
      if (target !== undefined) graph.addEdge(id, target, true);
    }
  });

  const manifest = manifestBeside(input, '.');
  const projects = manifest ? [manifest] : [];
  // Workspace globs cannot be expanded without listing directories; plain paths can be read.
  for (const pattern of manifest ? workspacePatterns(manifest) : []) {
    if (/[*?[\]{}!]/.test(pattern)) continue;
    const member = manifestBeside(input, pattern);
    if (member) projects.push(member);
  }
  for (const project of projects) {
    for (const dep of declaredDependencies(project, false)) {
      const target = byRange.get(dep.name, dep.range);
      if (target !== undefined) graph.addRoot(target, dep.scope);
    }
  }
  // Yarn prunes entries nothing needs, so an entry no entry depends on is declared by a project of
  // the tree we could not read (a workspace under a glob): direct, and prod since its scope is unknown.
  for (const id of graph.unreferenced()) graph.addRoot(id, 'prod');
  graph.emit(collector);

  if (!manifest?.name) return collector.result();
  return collector.result(
    manifest.version ? { name: manifest.name, version: manifest.version } : { name: manifest.name },
  );
}

interface Identity {
  name: string;
  source?: ComponentSource;
}

function identify(path: string, entry: YarnEntry, resolved: string | undefined): Identity {
  const key = entry.keys[0] ?? '';
  if (key.indexOf('@', key.startsWith('@') ? 1 : 0) <= 0) {
    throw new PalisadeError(
      'input',
      `${path}:${entry.line}: entry header is not \`name@range\`; restore the file or regenerate it with \`yarn install\``,
    );
  }
  const descriptor = splitNameRange(key);
  const range = descriptor.range;
  // An alias (`"x@npm:real@^1"`) installs the registry package `real`.
  if (range.startsWith('npm:')) return { name: splitNameRange(range.slice(4)).name };
  const source = sourceOfReference(range);
  if (source?.type === 'git' && resolved)
    return { name: descriptor.name, source: gitFromResolved(source, resolved) };
  return source ? { name: descriptor.name, source } : { name: descriptor.name };
}

/** The commit yarn pinned: in a git URL's fragment, or the last segment of a GitHub codeload tarball URL. */
function gitFromResolved(
  declared: Extract<ComponentSource, { type: 'git' }>,
  resolved: string,
): ComponentSource {
  const codeload = /^https:\/\/codeload\.github\.com\/[^/]+\/[^/]+\/tar\.gz\/([^/#]+)/.exec(resolved);
  if (codeload?.[1]) return { type: 'git', url: declared.url, ref: codeload[1] };
  const pinned = gitSource(resolved);
  return pinned.type === 'git' && pinned.ref ? pinned : declared;
}
