import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import picomatch from 'picomatch';
import type { ReadFile } from './types.ts';

/** Directories that never hold the project's own production source. */
const SKIPPED = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  'bower_components',
  'jspm_packages',
  '.venv',
  'venv',
  '__pycache__',
  '.tox',
  '.nox',
  '.mypy_cache',
  '.next',
  '.nuxt',
  '.yarn',
  '.terraform',
  'coverage',
]);

/** Every file under `root` outside dependency and tool directories, as sorted posix paths relative to it. */
export function listProjectFiles(root: string): string[] {
  const found: string[] = [];
  const visit = (dir: string): void => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const absolute = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED.has(entry.name)) visit(absolute);
      } else if (entry.isFile()) {
        found.push(relative(root, absolute).split(sep).join('/'));
      }
    }
  };
  visit(root);
  return found.sort();
}

/** Reads files below `root` by relative posix path; undefined when missing or unreadable. */
export function fileReader(root: string): ReadFile {
  return (path) => {
    try {
      return readFileSync(join(root, path), 'utf8');
    } catch {
      return undefined;
    }
  };
}

const JS_SOURCE = /\.(?:[cm]?[jt]sx?)$/;
const DECLARATION = /\.d\.[cm]?ts$/;

export function isJsSource(path: string): boolean {
  return JS_SOURCE.test(path) && !DECLARATION.test(path);
}

/**
 * Test, tooling and example code: never a production entry point. Used when the manifest names
 * no entry point (every other source file then counts as one) and for Python.
 */
export const isNonProduction: (path: string) => boolean = picomatch(
  [
    '**/*.{test,spec}.*',
    '**/*_{test,spec}.*',
    '**/test_*.py',
    '**/conftest.py',
    '**/{__tests__,__mocks__,test,tests,testing,e2e,cypress,fixtures,testdata,bench,benchmark,benchmarks,examples,docs,.storybook}/**',
    '**/*.stories.*',
    '**/*.config.*',
    '**/{jest,vitest,karma,babel,webpack,rollup,gulpfile,Gulpfile,Gruntfile,gruntfile,setup,noxfile}.*',
    '**/.*',
    '**/.*/**',
  ],
  { dot: true },
);
