// Test helpers for the advisory sources (not part of the published build).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type Component,
  type ComponentSource,
  type Ecosystem,
  makePurl,
  PalisadeError,
  type PalisadeErrorCode,
} from '../../model/index.ts';

export const TESTDATA = join(import.meta.dirname, 'testdata');

export function testdata(...path: string[]): string {
  return readFileSync(join(TESTDATA, ...path), 'utf8');
}

/** Fast retries for tests that exercise them; short timeouts so a hang fails quickly. */
export const FAST = { backoffMs: 1, timeoutMs: 2000, retries: 2 } as const;

export function component(
  ecosystem: Ecosystem,
  name: string,
  version?: string,
  source: ComponentSource = { type: 'registry' },
): Component {
  return {
    purl: makePurl(ecosystem, name, version),
    ecosystem,
    name,
    ...(version === undefined ? {} : { version }),
    scope: 'prod',
    direct: true,
    licenses: [],
    location: { path: 'package-lock.json', line: 1 },
    source,
    dependencies: [],
  };
}

/** The message of the PalisadeError the promise rejects with; fails the test otherwise. */
export async function rejection(
  promise: Promise<unknown>,
  code: PalisadeErrorCode = 'network',
): Promise<string> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof PalisadeError, `expected a PalisadeError, got ${String(error)}`);
    assert.equal(error.code, code);
    assert.ok(!error.message.includes('\n'), 'the message is one line');
    return error.message;
  }
  return assert.fail('expected a rejection');
}
