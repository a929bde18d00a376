// Assertions shared by the scheme tests (not part of the published API).

import assert from 'node:assert/strict';
import type { Ecosystem } from '../model/index.ts';
import { compareVersions, isValidVersion } from './compare.ts';

/** Every pair of `ascending` must compare strictly in list order, both ways round. */
export function assertAscending(ecosystem: Ecosystem, ascending: readonly string[]): void {
  for (let i = 0; i < ascending.length; i++) {
    for (let j = i + 1; j < ascending.length; j++) {
      const low = ascending[i]!;
      const high = ascending[j]!;
      assert.equal(compareVersions(ecosystem, low, high), -1, `expected ${low} < ${high}`);
      assert.equal(compareVersions(ecosystem, high, low), 1, `expected ${high} > ${low}`);
    }
  }
}

/** Each pair compares as `expected` (-1, 0 or 1) and the reverse as its opposite. */
export function assertPairs(
  ecosystem: Ecosystem,
  pairs: ReadonlyArray<readonly [string, string, number]>,
): void {
  for (const [a, b, expected] of pairs) {
    assert.equal(compareVersions(ecosystem, a, b), expected, `${a} vs ${b}`);
    assert.equal(compareVersions(ecosystem, b, a), -expected || 0, `${b} vs ${a}`);
  }
}

export function assertEqualVersions(
  ecosystem: Ecosystem,
  pairs: ReadonlyArray<readonly [string, string]>,
): void {
  assertPairs(
    ecosystem,
    pairs.map(([a, b]) => [a, b, 0] as const),
  );
}

export function assertInvalid(ecosystem: Ecosystem, versions: readonly string[]): void {
  for (const v of versions)
    assert.equal(isValidVersion(ecosystem, v), false, `${JSON.stringify(v)} should be invalid`);
}

export function assertValid(ecosystem: Ecosystem, versions: readonly string[]): void {
  for (const v of versions)
    assert.equal(isValidVersion(ecosystem, v), true, `${JSON.stringify(v)} should be valid`);
}
