import { type Dirent, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';

/** Directories that hold installed or generated copies of dependencies, never the project's own manifests. */
export const DEFAULT_SKIPPED_DIRS: readonly string[] = [
  '.git',
  '.hg',
  '.svn',
  'node_modules',
  'bower_components',
  'jspm_packages',
  'vendor',
  '.venv',
  'venv',
  '__pycache__',
  '.tox',
  '.nox',
  '.mypy_cache',
  '.gradle',
  '.terraform',
  '.idea',
  '.next',
  '.nuxt',
  '.yarn',
];

export interface WalkOptions {
  /** Globs (picomatch) relative to the root; matching files and directories are not visited. */
  exclude: readonly string[];
  /** Directory names skipped wherever they are. */
  skipDirs?: readonly string[];
  /** Honour .gitignore files (root and nested). */
  gitignore?: boolean;
}

interface IgnoreScope {
  /** Directory of the .gitignore, relative to the root ('' for the root). */
  base: string;
  rules: Ignore;
}

/**
 * Lists the files under `root` that `wanted` accepts, as posix paths relative to the root, sorted.
 * Symbolic links to directories are not followed (no loops, no escape); a symlinked file is kept
 * only when its target lies inside the root.
 */
export function walkTree(root: string, options: WalkOptions, wanted: (path: string) => boolean): string[] {
  const skip = new Set(options.skipDirs ?? DEFAULT_SKIPPED_DIRS);
  const excluded = options.exclude.length > 0 ? picomatch([...options.exclude], { dot: true }) : () => false;
  const realRoot = realpathSync(root);
  const found: string[] = [];

  const visit = (dir: string, scopes: IgnoreScope[]): void => {
    const absolute = join(root, dir);
    const local = options.gitignore === false ? undefined : gitignoreAt(absolute, dir);
    const active = local ? [...scopes, local] : scopes;
    for (const entry of sortedEntries(absolute)) {
      const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
      const isDir = entry.isDirectory();
      if ((isDir && skip.has(entry.name)) || excluded(path) || isIgnored(active, path, isDir)) continue;
      if (isDir) visit(path, active);
      else if (
        wanted(path) &&
        (entry.isFile() || (entry.isSymbolicLink() && linksInside(realRoot, join(absolute, entry.name))))
      ) {
        found.push(path);
      }
    }
  };
  visit('', []);
  return found;
}

function sortedEntries(absoluteDir: string): Dirent[] {
  try {
    return readdirSync(absoluteDir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  } catch {
    return []; // an unreadable directory holds nothing we can inventory; the walk goes on
  }
}

function gitignoreAt(absoluteDir: string, base: string): IgnoreScope | undefined {
  let text: string;
  try {
    text = readFileSync(join(absoluteDir, '.gitignore'), 'utf8');
  } catch {
    return undefined;
  }
  return { base, rules: ignore().add(text) };
}

function isIgnored(scopes: IgnoreScope[], path: string, isDir: boolean): boolean {
  for (const scope of scopes) {
    const rel = scope.base === '' ? path : path.slice(scope.base.length + 1);
    if (scope.rules.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

function linksInside(realRoot: string, link: string): boolean {
  try {
    const target = realpathSync(link);
    const rel = relative(realRoot, target);
    return !rel.startsWith('..') && !rel.startsWith(sep) && statSync(target).isFile();
  } catch {
    return false;
  }
}
