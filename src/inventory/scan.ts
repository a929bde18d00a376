import { basename as pathBasename, resolve } from 'node:path';
import {
  type Component,
  type CoverageEntry,
  type CoverageFile,
  describeError,
  isPalisadeError,
  type ProjectRoot,
  type ScanResult,
} from '../model/index.ts';
import type { Extractor } from './extractor.ts';
import { DEFAULT_MAX_FILE_BYTES, TreeReader } from './files.ts';
import { addInstalledNpmLicenses } from './installed-licenses.ts';
import { EXTRACTORS } from './registry.ts';
import { walkTree } from './walk.ts';

export interface InventoryOptions {
  exclude?: readonly string[];
  gitignore?: boolean;
  maxFileBytes?: number;
  extractors?: readonly Extractor[];
  /** The tree's files when the caller has walked it already (`listTree`): one walk for every stage. */
  paths?: readonly string[];
  /** Called after each file, for progress display. */
  onFile?: (event: { path: string; done: number; total: number }) => void;
}

/**
 * Inventories every lockfile and manifest under `root`. One corrupt file never sinks the rest:
 * it is recorded in coverage as failed, with the reason, and the scan goes on.
 */
export function inventoryDirectory(root: string, options: InventoryOptions = {}): ScanResult {
  const extractors = options.extractors ?? EXTRACTORS;
  const absoluteRoot = resolve(root);
  const reader = new TreeReader(absoluteRoot, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
  const wanted = (path: string): boolean => extractors.some((e) => e.matches(path));
  const paths = options.paths
    ? options.paths.filter(wanted)
    : walkTree(absoluteRoot, walkOptions(options), wanted);

  const components: Component[] = [];
  // A requirements file included with -r is also found by the walk: one entry, one component.
  const seen = new Set<string>();
  const files: CoverageFile[] = [];
  const unresolved: CoverageEntry[] = [];
  const projects: ProjectRoot[] = [];
  paths.forEach((path, index) => {
    for (const extractor of extractors.filter((e) => e.matches(path))) {
      try {
        const result = extractor.extract({
          path,
          contents: reader.read(path),
          readFile: (p) => reader.readOptional(p),
        });
        for (const component of result.components) {
          const key = `${component.purl}\u0000${component.location.path}\u0000${component.location.line}`;
          if (seen.has(key)) continue;
          seen.add(key);
          components.push(component);
        }
        for (const entry of result.unresolved) unresolved.push({ path, ...entry });
        if (result.root) projects.push({ path, ...result.root });
        files.push({ path, type: extractor.name, status: 'parsed', components: result.components.length });
      } catch (error) {
        // An extractor bug is also partial failure: the file is reported, the rest still inventoried.
        const reason = isPalisadeError(error)
          ? describeError(error)
          : `${path}: internal error in ${extractor.name} (${describeError(error)}); please report it`;
        files.push({ path, type: extractor.name, status: 'failed', error: reason });
      }
    }
    options.onFile?.({ path, done: index + 1, total: paths.length });
  });

  addInstalledNpmLicenses(
    components,
    (p) => reader.readOptional(p),
    (p) => reader.isDirectory(p),
  );
  return {
    schemaVersion: 1,
    target: root === '.' ? pathBasename(absoluteRoot) : root,
    components,
    findings: [],
    decisions: [],
    coverage: { files, unresolved },
    projects,
  };
}

/** Every file under `root` that an inventory with these options would consider, for stages that read them all. */
export function listTree(root: string, options: InventoryOptions = {}): string[] {
  return walkTree(resolve(root), walkOptions(options), () => true);
}

function walkOptions(options: InventoryOptions): { exclude: readonly string[]; gitignore: boolean } {
  return { exclude: options.exclude ?? [], gitignore: options.gitignore ?? true };
}

/** True when files were found and none of them could be read: the one case inventory exits 2. */
export function nothingReadable(result: ScanResult): boolean {
  const { files } = result.coverage;
  return files.length > 0 && files.every((f) => f.status === 'failed');
}
