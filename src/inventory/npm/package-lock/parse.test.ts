import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { legacyEntryLines, lineOfPath, packageKeyLines } from './parse.ts';

const testdata = join(dirname(fileURLToPath(import.meta.url)), 'testdata');
const npmLayout = readFileSync(join(testdata, 'workspaces-v3/package-lock.json'), 'utf8');

/** The line of `"<key>":`, found the slow way; keys of `packages` occur once as keys. */
function expectedLines(text: string): Map<string, number> {
  const packages = (JSON.parse(text) as { packages: Record<string, unknown> }).packages;
  const lines = new Map<string, number>();
  for (const key of Object.keys(packages)) {
    const at = text.search(new RegExp(`${JSON.stringify(key).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\s*:`));
    lines.set(key, text.slice(0, at).split('\n').length);
  }
  return lines;
}

describe('packageKeyLines', () => {
  const value = JSON.parse(npmLayout) as unknown;
  // [name, text, text whose keys are found the slow way (same lines)]
  const layouts: [string, string, string?][] = [
    ['npm layout (two spaces)', npmLayout],
    ['four spaces', JSON.stringify(value, null, 4)],
    ['tabs', JSON.stringify(value, null, '\t')],
    ['CRLF', npmLayout.replace(/\n/g, '\r\n')],
    ['one line', JSON.stringify(value)],
    // two-space layout, but a key written with an escape: the layout pass must give way
    ['escaped key', npmLayout.replace('"node_modules/ws-b": {', '"node_modules/ws\\u002db": {'), npmLayout],
  ];
  for (const [name, text, plain = text] of layouts) {
    it(name, () => {
      const packages = (JSON.parse(text) as { packages: Record<string, unknown> }).packages;
      assert.deepEqual(packageKeyLines(text, packages), expectedLines(plain));
    });
  }

  it('does not take another object’s four-space keys for package keys', () => {
    // v2 repeats the tree under `dependencies`, at the same indentation, after `packages`.
    const text = readFileSync(join(testdata, 'workspaces-object-v2/package-lock.json'), 'utf8');
    const packages = (JSON.parse(text) as { packages: Record<string, unknown> }).packages;
    const lines = packageKeyLines(text, packages);
    assert.deepEqual(lines, expectedLines(text));
    assert.equal(lines.get('node_modules/ws-b'), 80);
  });
});

describe('legacyEntryLines', () => {
  it('maps nested v1 entries to node_modules locations', () => {
    const text = readFileSync(join(testdata, 'app-v1/package-lock.json'), 'utf8');
    const lines = legacyEntryLines(text);
    assert.equal(lines.get('node_modules/debug'), 26);
    assert.equal(lines.get('node_modules/debug/node_modules/ms'), 34);
    assert.equal(lines.get('node_modules/bundler-pkg/node_modules/inner'), 20);
    // keys of `requires` are not entries
    assert.equal(lines.size, 22);
  });
});

describe('lineOfPath', () => {
  it('finds the deepest key on the path', () => {
    assert.equal(lineOfPath(npmLayout, ['packages', 'packages/ws-b', 'version']), 98);
    assert.equal(lineOfPath(npmLayout, ['packages', 'packages/ws-b', 'missing']), 97);
    assert.equal(lineOfPath(npmLayout, ['lockfileVersion']), 4);
    assert.equal(lineOfPath(npmLayout, ['nothing']), 1);
  });
});
