import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { PalisadeError } from '../model/index.ts';
import { TreeReader } from './files.ts';

describe('TreeReader', () => {
  const outside = mkdtempSync(join(tmpdir(), 'palisade-out-'));
  writeFileSync(join(outside, 'secret.txt'), 'nope');
  const root = mkdtempSync(join(tmpdir(), 'palisade-tree-'));
  mkdirSync(join(root, 'a'));
  writeFileSync(join(root, 'a/package.json'), '{"name":"a"}');
  writeFileSync(join(root, 'big.lock'), 'x'.repeat(2048));
  symlinkSync(join(outside, 'secret.txt'), join(root, 'a/link.txt'));
  const reader = new TreeReader(root, 1024);

  it('reads files inside the tree', () => {
    assert.equal(reader.read('a/package.json'), '{"name":"a"}');
    assert.equal(reader.readOptional('a/package.json'), '{"name":"a"}');
  });

  it('refuses paths and links that leave the tree', () => {
    assert.equal(reader.readOptional('../secret.txt'), undefined);
    assert.equal(reader.readOptional(join(outside, 'secret.txt')), undefined);
    assert.equal(reader.readOptional('a/link.txt'), undefined);
    assert.equal(reader.readOptional('a/missing.json'), undefined);
  });

  it('rejects files over the size limit with a message that says what to do', () => {
    assert.throws(
      () => reader.read('big.lock'),
      (error: unknown) =>
        error instanceof PalisadeError &&
        error.message ===
          'big.lock: 2.0 KiB is over the 1.0 KiB limit; exclude it or raise inventory.maxFileSize in palisade.yaml',
    );
  });
});
