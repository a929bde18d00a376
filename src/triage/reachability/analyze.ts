import { join, resolve } from 'node:path';
import type { Component } from '../../model/index.ts';
import { fileReader, listProjectFiles } from './files.ts';
import { analyzeJsReachability } from './js-analyze.ts';
import { analyzePythonReachability } from './python.ts';
import type { ReachabilityAnalysis } from './types.ts';

export interface ReachabilityOptions {
  /** Extra JS/TS entry points, paths or globs relative to the scan root (palisade.yaml `reachability.entryPoints`). */
  entryPoints?: readonly string[];
  /** The scan's file list (relative to the scan root), to save walking the tree again. */
  files?: readonly string[];
}

/**
 * Runs the analyses a scan needs: one per directory holding an npm lockfile or manifest (JS/TS
 * import graph from its entry points, into its node_modules) and one per directory holding a
 * Python manifest (imports of its .py files). Files of a nested project belong to that project
 * only. The I/O edge of reachability: the analyses themselves read through the reader given.
 */
export function analyzeReachability(
  scanRoot: string,
  components: readonly Component[],
  options: ReachabilityOptions = {},
): ReachabilityAnalysis[] {
  const npmDirs = projectDirs(components, 'npm');
  const pythonDirs = projectDirs(components, 'PyPI');
  if (npmDirs.length === 0 && pythonDirs.length === 0) return [];
  const all = options.files ?? listProjectFiles(scanRoot);
  const analyses: ReachabilityAnalysis[] = [];
  for (const dir of npmDirs) {
    const files = filesOf(all, dir, npmDirs);
    const entryPoints = (options.entryPoints ?? [])
      .filter((e) => dir === '' || e.startsWith(`${dir}/`))
      .map((e) => (dir === '' ? e : e.slice(dir.length + 1)));
    const root = join(scanRoot, dir);
    const boundary = resolve(scanRoot);
    analyses.push(analyzeJsReachability(root, fileReader(root), files, { root: dir, entryPoints, boundary }));
  }
  for (const dir of pythonDirs) {
    const root = join(scanRoot, dir);
    analyses.push(analyzePythonReachability(fileReader(root), filesOf(all, dir, pythonDirs), { root: dir }));
  }
  return analyses;
}

function projectDirs(components: readonly Component[], ecosystem: Component['ecosystem']): string[] {
  const dirs = new Set<string>();
  for (const c of components) {
    if (c.ecosystem !== ecosystem) continue;
    const i = c.location.path.lastIndexOf('/');
    dirs.add(i < 0 ? '' : c.location.path.slice(0, i));
  }
  return [...dirs].sort();
}

/** The files under `dir`, relative to it, without those of projects nested inside it. */
function filesOf(all: readonly string[], dir: string, projects: readonly string[]): string[] {
  const prefix = dir === '' ? '' : `${dir}/`;
  const nested = projects
    .filter((p) => p !== dir && (dir === '' || p.startsWith(prefix)))
    .map((p) => `${p}/`);
  return all
    .filter((f) => f.startsWith(prefix) && !nested.some((n) => f.startsWith(n)))
    .map((f) => f.slice(prefix.length));
}
