// Test helpers shared by the IaC input tests (not part of the published build).

import assert from 'node:assert/strict';
import { PalisadeError } from '../model/index.ts';

/** Asserts that `run` fails as a user-caused error must: a one-line PalisadeError('input') naming `path`. */
export function assertInputError(run: () => unknown, path: string): PalisadeError {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  return checkInputError(caught, path);
}

/** The same for an async parse. */
export async function assertInputErrorAsync(
  run: () => Promise<unknown>,
  path: string,
): Promise<PalisadeError> {
  let caught: unknown;
  try {
    await run();
  } catch (error) {
    caught = error;
  }
  return checkInputError(caught, path);
}

function checkInputError(caught: unknown, path: string): PalisadeError {
  assert.ok(caught instanceof PalisadeError, `expected a PalisadeError for ${path}, got ${String(caught)}`);
  assert.equal(caught.code, 'input');
  assert.ok(caught.message.startsWith(`${path}:`), `message should start with the file: ${caught.message}`);
  assert.ok(!caught.message.includes('\n'), `message should be one line: ${caught.message}`);
  assert.ok(caught.message.length < 400, `message should be short: ${caught.message.slice(0, 100)}…`);
  return caught;
}
