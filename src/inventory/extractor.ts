import type { Component, Ecosystem } from '../model/index.ts';

export interface ExtractInput {
  /** Path of the file relative to the scan root, with forward slashes. */
  path: string;
  contents: string;
  /**
   * Reads another file of the scanned tree (a path relative to the scan root), or undefined when
   * it does not exist or lies outside the tree. Lets an extractor consult a sibling manifest
   * (package.json beside a v1 lockfile, a parent pom.xml, a `-r` include) without touching the disk.
   */
  readFile(path: string): string | undefined;
}

/** An entry the extractor saw but could not turn into a versioned component. */
export interface UnresolvedEntry {
  name: string;
  line: number;
  reason: string;
}

export interface ExtractResult {
  components: Component[];
  unresolved: UnresolvedEntry[];
  /** The project the file describes (package.json name, go.mod module, …) when the format says. */
  root?: { name: string; version?: string };
}

/**
 * One lockfile or manifest format. `matches` is a cheap filter on the path so one walk of the tree
 * serves every extractor; `extract` is pure: bytes in, components out. Throw a PalisadeError with
 * code 'input' for a file that cannot be parsed; the scan records it as failed and goes on.
 */
export interface Extractor {
  /** `<ecosystem>/<format>`, e.g. `npm/package-lock`. */
  readonly name: string;
  /** Bumped whenever the output for the same input changes (cache keys depend on it). */
  readonly version: number;
  readonly ecosystem: Ecosystem;
  matches(path: string): boolean;
  extract(input: ExtractInput): ExtractResult;
}

export function basename(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? path : path.slice(i + 1);
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/**
 * Joins a path relative to the directory of `from`, normalizing `.` and `..` (posix). A path that
 * climbs above the scan root keeps its leading `..`, so readFile refuses it instead of silently
 * reading some other file inside the tree.
 */
export function resolveSibling(from: string, relative: string): string {
  const parts = dirname(from).split('/').filter(Boolean);
  for (const segment of relative.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else parts.push(segment);
  }
  return parts.join('/');
}
