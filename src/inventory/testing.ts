// Test helpers shared by every extractor's tests (not part of the published build).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PalisadeError } from '../model/index.ts';
import type { ExtractInput, Extractor, ExtractResult } from './extractor.ts';

/**
 * Runs an extractor on a file of `testdataDir`, as the scan would: `path` is the name the file
 * is given in the scan (so `matches` and sibling lookups behave as in a real tree), and sibling
 * reads resolve inside `testdataDir`.
 */
export function extractFixture(
  extractor: Extractor,
  testdataDir: string,
  fixture: string,
  path = fixture,
): ExtractResult {
  const contents = readFileSync(join(testdataDir, fixture), 'utf8');
  return extractor.extract(inputFor(path, contents, (p) => readOptional(join(testdataDir, p))));
}

export function inputFor(
  path: string,
  contents: string,
  readFile: (path: string) => string | undefined = () => undefined,
): ExtractInput {
  return { path, contents, readFile };
}

function readOptional(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** `name@version` of every component, sorted: the usual shape to compare with an expected list. */
export function nameVersions(result: ExtractResult): string[] {
  return result.components.map((c) => `${c.name}@${c.version ?? ''}`).sort();
}

/** Asserts that extracting `contents` fails the way a user-caused error must: a one-line PalisadeError naming the file. */
export function assertRejects(extractor: Extractor, path: string, contents: string): PalisadeError {
  let caught: unknown;
  try {
    extractor.extract(inputFor(path, contents));
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof PalisadeError, `expected a PalisadeError for ${path}, got ${String(caught)}`);
  assert.equal(caught.code, 'input');
  assert.ok(caught.message.includes(path), `message should name the file: ${caught.message}`);
  assert.ok(!caught.message.includes('\n'), `message should be one line: ${caught.message}`);
  return caught;
}
