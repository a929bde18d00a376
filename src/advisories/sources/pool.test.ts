import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mapConcurrent } from './pool.ts';

const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('mapConcurrent', () => {
  it('keeps the input order and at most `limit` tasks in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const results = await mapConcurrent([5, 1, 4, 2, 3], 2, async (n) => {
      peak = Math.max(peak, ++inFlight);
      await tick(n * 3);
      inFlight--;
      return n * 10;
    });
    assert.deepEqual(results, [50, 10, 40, 20, 30]);
    assert.equal(peak, 2);
  });

  it('rejects with the first failure and starts nothing after it', async () => {
    const started: number[] = [];
    await assert.rejects(
      mapConcurrent([1, 2, 3, 4, 5, 6], 2, async (n) => {
        started.push(n);
        await tick(1);
        if (n === 2) throw new Error('boom');
        return n;
      }),
      /boom/,
    );
    await tick(20);
    assert.deepEqual(started, [1, 2, 3]);
  });

  it('maps nothing to nothing', async () => {
    assert.deepEqual(await mapConcurrent([], 8, async () => 1), []);
  });
});
