import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { walkTree } from './walk.ts';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'palisade-walk-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const lockfiles = (path: string): boolean => /(^|\/)(package-lock\.json|go\.mod|Cargo\.lock)$/.test(path);

describe('walkTree', () => {
  it('finds lockfiles of nested projects, sorted, skipping installed dependencies', () => {
    const root = tree({
      'package-lock.json': '{}',
      'services/api/go.mod': 'module x',
      'services/web/package-lock.json': '{}',
      'node_modules/a/package-lock.json': '{}',
      'vendor/github.com/x/go.mod': 'module y',
      '.git/go.mod': '',
      'tools/cli/Cargo.lock': '',
      'README.md': '',
    });
    assert.deepEqual(walkTree(root, { exclude: [] }, lockfiles), [
      'package-lock.json',
      'services/api/go.mod',
      'services/web/package-lock.json',
      'tools/cli/Cargo.lock',
    ]);
  });

  it('honours root and nested .gitignore files, and can be told not to', () => {
    const root = tree({
      '.gitignore': 'build/\n*.generated/\n',
      'build/package-lock.json': '{}',
      'app/.gitignore': 'fixtures\n',
      'app/fixtures/go.mod': '',
      'app/go.mod': '',
      'other/fixtures/go.mod': '',
    });
    assert.deepEqual(walkTree(root, { exclude: [] }, lockfiles), ['app/go.mod', 'other/fixtures/go.mod']);
    assert.deepEqual(walkTree(root, { exclude: [], gitignore: false }, lockfiles), [
      'app/fixtures/go.mod',
      'app/go.mod',
      'build/package-lock.json',
      'other/fixtures/go.mod',
    ]);
  });

  it('applies exclude globs to files and directories', () => {
    const root = tree({ 'a/go.mod': '', 'test/go.mod': '', 'test/deep/go.mod': '', 'b/x/Cargo.lock': '' });
    assert.deepEqual(walkTree(root, { exclude: ['test', '**/Cargo.lock'] }, lockfiles), ['a/go.mod']);
  });

  it('never follows links out of the tree, and does not loop on directory links', () => {
    const outside = tree({ 'go.mod': 'module secret' });
    const root = tree({ 'app/go.mod': '', 'lib/Cargo.lock': '' });
    symlinkSync(join(outside, 'go.mod'), join(root, 'go.mod'));
    symlinkSync(join(root, 'lib/Cargo.lock'), join(root, 'app/Cargo.lock'));
    symlinkSync(root, join(root, 'app/loop'));
    symlinkSync(outside, join(root, 'escape'));
    assert.deepEqual(walkTree(root, { exclude: [] }, lockfiles), [
      'app/Cargo.lock',
      'app/go.mod',
      'lib/Cargo.lock',
    ]);
  });
});
