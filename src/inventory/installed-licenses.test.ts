import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { inventoryDirectory } from './scan.ts';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'palisade-licenses-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('licenses from installed packages', () => {
  it('reads node_modules/<name>/package.json at the locked version, and nothing else', () => {
    const root = tree({
      'app/package.json': JSON.stringify({
        name: 'app',
        dependencies: { chalk: '^4.1.2', ms: '2.1.3', left: '1.0.0' },
      }),
      'app/yarn.lock': [
        '# yarn lockfile v1',
        '',
        'chalk@^4.1.2:',
        '  version "4.1.2"',
        '',
        'ms@2.1.3:',
        '  version "2.1.3"',
        '',
        'left@1.0.0:',
        '  version "1.0.0"',
        '',
      ].join('\n'),
      'app/node_modules/chalk/package.json': JSON.stringify({
        name: 'chalk',
        version: '4.1.2',
        license: 'MIT',
      }),
      'app/node_modules/ms/package.json': JSON.stringify({ name: 'ms', version: '2.1.2', license: 'MIT' }),
      'app/node_modules/left/package.json': '{ broken',
    });
    const result = inventoryDirectory(root);
    const licenses = Object.fromEntries(result.components.map((c) => [c.name, c.licenses]));
    assert.deepEqual(licenses, { chalk: ['MIT'], ms: [], left: [] });
  });
});
