import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bucketCount, bucketEnds, type Interval } from './series.ts';

test('bucketCount is the number of buckets bucketEnds makes, without making them', () => {
  const from = new Date('2026-01-01T00:00:00Z');
  const cases: [string, Interval][] = [
    ['2026-01-01T00:00:01Z', 'hour'],
    ['2026-01-01T01:00:00Z', 'hour'],
    ['2026-01-01T01:00:01Z', 'hour'],
    ['2026-01-31T00:00:00Z', 'day'],
    ['2026-03-05T12:34:56Z', 'week'],
  ];
  for (const [to, interval] of cases) {
    assert.equal(
      bucketCount(from, new Date(to), interval),
      bucketEnds(from, new Date(to), interval).length,
      to,
    );
  }
  assert.equal(
    bucketCount(new Date('0001-01-01T00:00:00Z'), new Date('9999-12-31T00:00:00Z'), 'hour'),
    87_649_392,
  );
});
