import { resolve } from 'node:path';
import { DEFAULT_MAX_FILE_BYTES, TreeReader } from '../inventory/files.ts';
import { walkTree } from '../inventory/walk.ts';
import { type CoverageFile, describeError, isPalisadeError } from '../model/index.ts';
import { IAC_INPUTS } from './registry.ts';
import type { IacInput, IacResource, IacSkipped } from './resource.ts';

export interface IacScanOptions {
  exclude?: readonly string[];
  gitignore?: boolean;
  maxFileBytes?: number;
  inputs?: readonly IacInput[];
  /** Paths (relative to the root) from an earlier `listIacFiles`, so the tree is walked once. */
  files?: readonly string[];
  /** Called after each file, for progress display. */
  onFile?: (event: { path: string; done: number; total: number }) => void;
}

export interface IacScanResult {
  resources: IacResource[];
  skipped: IacSkipped[];
  /** One entry per file read, with type `iac/<input>`: parsed, or failed with its one-line reason. */
  files: CoverageFile[];
}

/** The files under `root` that an IaC input reads (the inventory's walk: .gitignore honoured, vendored folders skipped). */
export function listIacFiles(
  root: string,
  options: Pick<IacScanOptions, 'exclude' | 'gitignore' | 'inputs'> = {},
): string[] {
  const inputs = options.inputs ?? IAC_INPUTS;
  return walkTree(
    resolve(root),
    { exclude: options.exclude ?? [], gitignore: options.gitignore ?? true },
    (path) => inputs.some((input) => input.matches(path)),
  );
}

/**
 * Reads every Kubernetes manifest, Dockerfile and Terraform file under `root` (the same walk as
 * the inventory: .gitignore honoured, vendored folders skipped). A file that cannot be parsed is
 * recorded as failed and the scan goes on.
 */
export async function scanIacDirectory(root: string, options: IacScanOptions = {}): Promise<IacScanResult> {
  const inputs = options.inputs ?? IAC_INPUTS;
  const absoluteRoot = resolve(root);
  const reader = new TreeReader(absoluteRoot, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
  const paths = (options.files ?? listIacFiles(root, options)).filter((path) =>
    inputs.some((input) => input.matches(path)),
  );
  const result: IacScanResult = { resources: [], skipped: [], files: [] };
  for (const [index, path] of paths.entries()) {
    for (const input of inputs.filter((i) => i.matches(path))) {
      const type = `iac/${input.name}`;
      try {
        const parsed = await input.parse(path, reader.read(path));
        result.resources.push(...parsed.resources);
        result.skipped.push(...parsed.skipped);
        const status = parsed.resources.length === 0 && parsed.skipped.length > 0 ? 'skipped' : 'parsed';
        result.files.push({ path, type, status });
      } catch (error) {
        const reason = isPalisadeError(error)
          ? describeError(error)
          : `${path}: internal error in ${type} (${describeError(error)}); please report it`;
        result.files.push({ path, type, status: 'failed', error: reason });
      }
    }
    options.onFile?.({ path, done: index + 1, total: paths.length });
  }
  return result;
}
