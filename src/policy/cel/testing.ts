import assert from 'node:assert/strict';
import { Optional } from '@marcbachmann/cel-js';
import { isMap, mapEntries } from './compare.ts';
import type { CelEngine } from './engine.ts';
import { CelError, type CelErrorKind } from './errors.ts';

/** An expected result: a plain value, or an error of a kind whose message matches. */
export type Expected = unknown | { error: CelErrorKind; message?: RegExp };

export type Case = readonly [expression: string, expected: Expected];

/** Null-prototype maps and Optionals made comparable with deepStrictEqual. */
export function plain(value: unknown): unknown {
  if (value instanceof Optional)
    return value.hasValue() ? { optional: plain(value.value()) } : { optional: 'none' };
  if (Array.isArray(value)) return value.map(plain);
  if (isMap(value)) return Object.fromEntries(mapEntries(value).map(([k, v]) => [String(k), plain(v)]));
  return value;
}

function isErrorExpectation(value: unknown): value is { error: CelErrorKind; message?: RegExp } {
  return typeof value === 'object' && value !== null && 'error' in value && Object.keys(value).length <= 2;
}

/** Compiles and evaluates every case, asserting its value or its error. */
export function assertCases(
  engine: CelEngine,
  cases: readonly Case[],
  activation: Record<string, unknown> = {},
): void {
  for (const [expression, expected] of cases) {
    let actual: unknown;
    try {
      actual = plain(engine.compile(expression).evaluate(activation));
    } catch (error) {
      if (!(error instanceof CelError)) throw error;
      if (!isErrorExpectation(expected))
        assert.fail(`${expression}: unexpected ${error.kind} error: ${error.message}`);
      assert.equal(error.kind, expected.error, `${expression}: ${error.message}`);
      if (expected.message) assert.match(error.message, expected.message, expression);
      continue;
    }
    if (isErrorExpectation(expected))
      assert.fail(`${expression}: expected a ${expected.error} error, got ${String(actual)}`);
    assert.deepEqual(actual, expected, expression);
  }
}
