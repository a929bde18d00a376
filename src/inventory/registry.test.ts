import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ECOSYSTEMS, PalisadeError } from '../model/index.ts';
import { EXTRACTORS } from './registry.ts';
import { inputFor } from './testing.ts';

const here = dirname(fileURLToPath(import.meta.url));

function pluginFolders(): string[] {
  const folders: string[] = [];
  for (const ecosystem of readdirSync(here)) {
    const ecosystemDir = join(here, ecosystem);
    if (!statSync(ecosystemDir).isDirectory()) continue;
    for (const format of readdirSync(ecosystemDir)) {
      if (existsSync(join(ecosystemDir, format, 'index.ts'))) folders.push(`${ecosystem}/${format}`);
    }
  }
  return folders.sort();
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile());
}

/** Extraction of hostile bytes must end in a result or a one-line PalisadeError naming the file. */
function assertHandled(name: string, path: string, contents: string): void {
  const extractor = EXTRACTORS.find((e) => e.name === name)!;
  try {
    const result = extractor.extract(inputFor(path, contents));
    assert.ok(Array.isArray(result.components));
  } catch (error) {
    assert.ok(
      error instanceof PalisadeError,
      `${name} threw a non-PalisadeError on ${path}: ${String(error)}`,
    );
    assert.ok(error.message.includes(path), `${name}: message must name ${path}: ${error.message}`);
    assert.ok(!error.message.includes('\n'), `${name}: message must be one line`);
  }
}

describe('extractor registry', () => {
  it('registers exactly the plugin folders, each under its own name', () => {
    assert.deepEqual(EXTRACTORS.map((e) => e.name).sort(), pluginFolders());
  });

  it('has well-formed, unique entries', () => {
    const names = new Set<string>();
    for (const extractor of EXTRACTORS) {
      assert.match(extractor.name, /^[a-z0-9.]+\/[a-z0-9.-]+$/);
      assert.ok(Number.isInteger(extractor.version) && extractor.version >= 1, extractor.name);
      assert.ok(ECOSYSTEMS.includes(extractor.ecosystem), extractor.name);
      assert.ok(!names.has(extractor.name), `duplicate ${extractor.name}`);
      names.add(extractor.name);
    }
  });

  it('gives every extractor at least one fixture it matches', () => {
    for (const extractor of EXTRACTORS) {
      const dir = join(here, extractor.name, 'testdata');
      const matched = filesUnder(dir).filter((f) => extractor.matches(relative(dir, f)));
      assert.ok(matched.length > 0, `${extractor.name} has no fixture its matches() accepts`);
    }
  });
});

describe('every extractor survives hostile input', () => {
  for (const extractor of EXTRACTORS) {
    it(extractor.name, () => {
      const dir = join(here, extractor.name, 'testdata');
      for (const file of filesUnder(dir).filter((f) => extractor.matches(relative(dir, f)))) {
        const path = relative(dir, file);
        const text = readFileSync(file, 'utf8');
        for (const cut of [1, Math.floor(text.length / 3), Math.floor(text.length / 2), text.length - 1]) {
          assertHandled(extractor.name, path, text.slice(0, cut));
        }
        assertHandled(extractor.name, path, '');
        assertHandled(extractor.name, path, '\u0000\u0001\uFFFD\u00ff'.repeat(1000));
        assertHandled(extractor.name, path, `${'['.repeat(100_000)}`);
        assertHandled(extractor.name, path, `${'{"a":'.repeat(10_000)}`);
        assertHandled(extractor.name, path, 'x'.repeat(5_000_000));
      }
    });
  }
});
