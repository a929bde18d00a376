import { ComponentCollector } from '../../collector.ts';
import { type ExtractInput, type ExtractResult, resolveSibling } from '../../extractor.ts';
import { describeIssue, describeProblem, type Invalid, lockfileError, REGENERATE } from './errors.ts';
import { treeFromDependencies } from './legacy.ts';
import { treeFromPackages } from './packages.ts';
import { legacyEntryLines, lineOfPath, packageKeyLines, parseLockfileJson } from './parse.ts';
import { declaredNames, type Lockfile, LockfileSchema, ManifestSchema, type PackageEntry } from './schema.ts';
import { collectTree, type Project } from './tree.ts';

const SUPPORTED_VERSIONS = [1, 2, 3];

/**
 * package-lock.json / npm-shrinkwrap.json. Versions 2 and 3 describe every installed folder in
 * `packages`; version 1 (npm 5 and 6) nests `dependencies` the way node_modules was laid out.
 * Version 2 carries both, and `packages` is the authoritative one.
 */
export function extractPackageLock(input: ExtractInput): ExtractResult {
  const { path } = input;
  const text = input.contents.charCodeAt(0) === 0xfeff ? input.contents.slice(1) : input.contents;
  const parsed = LockfileSchema.safeParse(parseLockfileJson(path, text));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw lockfileError(
      path,
      issue ? lineOfPath(text, issue.path) : 1,
      issue ? describeIssue(issue) : 'not an object',
    );
  }
  const lock = parsed.data;
  const version = lock.lockfileVersion;
  if (version !== undefined && !SUPPORTED_VERSIONS.includes(version)) {
    throw lockfileError(
      path,
      lineOfPath(text, ['lockfileVersion']),
      `unsupported lockfileVersion ${version} (versions 1, 2 and 3 are read)`,
      'regenerate it with npm 7 or later',
    );
  }
  const collector = new ComponentCollector('npm', path);
  const invalid: Invalid = (at, message) => {
    throw lockfileError(path, lineOfPath(text, at), describeProblem(at, message));
  };
  if (lock.packages && (version !== 1 || !lock.dependencies)) {
    const lines = packageKeyLines(text, lock.packages);
    const lineOf = (key: string) => lines.get(key) ?? 1;
    const { tree, projects, members } = treeFromPackages(lock.packages, lineOf, collector, invalid);
    collectTree(tree, collector, projects, members);
    const root = lock.packages[''] as PackageEntry | undefined;
    return collector.result(rootOf(root?.name ?? lock.name, root?.version ?? lock.version));
  }
  if (lock.dependencies) {
    const lines = legacyEntryLines(text);
    const lineOf = (location: string) => lines.get(location) ?? 1;
    const tree = treeFromDependencies(lock.dependencies, lineOf, collector, invalid);
    collectTree(tree, collector, siblingManifest(input));
    return collector.result(rootOf(lock.name, lock.version));
  }
  if (version === 1) return collector.result(rootOf(lock.name, lock.version)); // npm 6 omits `dependencies` when there are none
  throw lockfileError(
    path,
    1,
    'neither `packages` nor `dependencies` found, so this is not an npm lockfile',
    REGENERATE,
  );
}

/** A v1 lockfile does not list what the project declares; its package.json does. */
function siblingManifest(input: ExtractInput): Project[] | undefined {
  const text = input.readFile(resolveSibling(input.path, 'package.json'));
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined; // the package.json is another file's finding; fall back to the lockfile alone
  }
  const manifest = ManifestSchema.safeParse(value);
  return manifest.success ? [{ location: '', requires: declaredNames(manifest.data) }] : undefined;
}

function rootOf(name: Lockfile['name'], version: Lockfile['version']): ExtractResult['root'] {
  if (name === undefined || name === '') return undefined;
  return version === undefined || version === '' ? { name } : { name, version };
}
