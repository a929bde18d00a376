import { isPalisadeError } from '../../../model/index.ts';
import type { ExtractInput } from '../../extractor.ts';
import { type Pom, readPom } from './pom.ts';

/** Deeper parent chains than this are not real projects. */
const MAX_PARENTS = 16;

export interface Lineage {
  /** The POM itself, then each parent found in the repository, nearest first. */
  poms: Pom[];
  /**
   * The first ancestor not found in the repository, by its declared coordinates; `detail` says why
   * when it is not simply absent (a parse failure, a loop, a chain too long).
   */
  external?: { coordinates: string; detail?: string };
}

/**
 * Follows `<parent>` the way Maven does before it asks a repository: `<relativePath>` (default
 * `../pom.xml`; a directory means its pom.xml; empty means "do not look"), accepted only when the
 * POM found there has the declared groupId and artifactId.
 */
export function loadLineage(pom: Pom, readFile: ExtractInput['readFile']): Lineage {
  const poms = [pom];
  const seen = new Set([pom.path]);
  let child = pom;
  while (child.project.parent) {
    const declared = child.project.parent;
    const coordinates = [declared.groupId, declared.artifactId, declared.version]
      .map((p) => p ?? '?')
      .join(':');
    const external = (detail?: string): Lineage => ({
      poms,
      external: detail === undefined ? { coordinates } : { coordinates, detail },
    });
    if (poms.length > MAX_PARENTS) return external(`more than ${MAX_PARENTS} parents`);
    const relative = declared.relativePath ?? '../pom.xml';
    if (relative.trim() === '') return external();
    const path = resolveInTree(child.path, relative.endsWith('.xml') ? relative : `${relative}/pom.xml`);
    if (path === undefined) return external();
    if (seen.has(path)) return external(`parent chain loops back to ${path}`);
    const text = readFile(path);
    if (text === undefined) return external();
    let parent: Pom;
    try {
      parent = readPom(path, text);
    } catch (error) {
      if (!isPalisadeError(error)) throw error;
      return external(`${path} could not be parsed`);
    }
    const identity = `${groupIdOf(parent) ?? '?'}:${parent.project.artifactId ?? '?'}`;
    if (identity !== `${declared.groupId ?? '?'}:${declared.artifactId ?? '?'}`) {
      // Maven then fetches the declared parent from a repository, which Palisade does not do.
      return external();
    }
    poms.push(parent);
    seen.add(path);
    child = parent;
  }
  return { poms };
}

/** A POM's groupId, inherited from the `<parent>` declaration when the POM does not set its own. */
export function groupIdOf(pom: Pom): string | undefined {
  return pom.project.groupId ?? pom.project.parent?.groupId;
}

export function versionOf(pom: Pom): string | undefined {
  return pom.project.version ?? pom.project.parent?.version;
}

/**
 * Resolves `relative` against the directory of `from` (posix), or undefined when it climbs out of
 * the scanned tree: a parent outside the tree is as unknown as one in a remote repository.
 */
export function resolveInTree(from: string, relative: string): string | undefined {
  const parts = from.split('/').slice(0, -1).filter(Boolean);
  for (const segment of relative.replaceAll('\\', '/').split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment !== '..') parts.push(segment);
    else if (parts.pop() === undefined) return undefined;
  }
  return parts.join('/');
}
