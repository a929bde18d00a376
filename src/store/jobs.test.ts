// The job queue: concurrent claims never share a job, a dead worker's job is taken over when its
// lease runs out, failures back off and finally give up.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Database } from './database.ts';
import { claimJob, completeJob, enqueueJob, failJob, jobCounts } from './jobs.ts';
import { testBackends } from './testing/backends.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const backend of testBackends()) {
  describe(`job queue (${backend.name})`, { skip: backend.skip }, () => {
    let database: Database;
    before(async () => {
      database = await backend.open();
    });
    after(() => database?.close());

    test('concurrent claims take distinct jobs (SKIP LOCKED), only of the kinds asked for', async () => {
      const ids = [];
      for (let i = 0; i < 5; i++) ids.push(await enqueueJob(database.db, 'a', { i }));
      await enqueueJob(database.db, 'b', {});
      const claims = await Promise.all(
        Array.from({ length: 10 }, (_, i) => claimJob(database.db, `w${i}`, 60_000, ['a'])),
      );
      const taken = claims.filter((c) => c !== undefined);
      assert.deepEqual(
        taken.map((c) => c.id).sort((x, y) => x - y),
        ids,
      );
      assert.ok(taken.every((c) => c.status === 'running' && c.attempts === 1));
      for (const job of taken) await completeJob(database.db, job.id, job.locked_by!);
      assert.deepEqual(await jobCounts(database.db), { done: 5, queued: 1 });
      const b = await claimJob(database.db, 'w', 60_000, ['b']);
      assert.deepEqual(b?.payload, {});
      await completeJob(database.db, b!.id, 'w');
    });

    test('a job whose worker died is taken over when the lease runs out', async () => {
      const id = await enqueueJob(database.db, 'lease', {});
      const first = await claimJob(database.db, 'dead-worker', 100, ['lease']);
      assert.equal(first?.id, id);
      assert.equal(await claimJob(database.db, 'other', 100, ['lease']), undefined, 'leased');
      await sleep(150);
      const second = await claimJob(database.db, 'other', 60_000, ['lease']);
      assert.deepEqual([second?.id, second?.attempts, second?.locked_by], [id, 2, 'other']);
      await completeJob(database.db, id, 'dead-worker'); // too late: no longer its job
      assert.equal(
        (await database.db.selectFrom('jobs').select('status').where('id', '=', id).executeTakeFirstOrThrow())
          .status,
        'running',
      );
      await completeJob(database.db, id, 'other');
      assert.equal(
        (await database.db.selectFrom('jobs').select('status').where('id', '=', id).executeTakeFirstOrThrow())
          .status,
        'done',
      );
    });

    test('failures retry after a growing delay, then give up', async () => {
      const id = await enqueueJob(database.db, 'flaky', {}, { maxAttempts: 2 });
      const attempt1 = (await claimJob(database.db, 'w', 60_000, ['flaky']))!;
      assert.equal(await failJob(database.db, attempt1, 'w', 'HTTP 503', 200), 'retry');
      assert.equal(await claimJob(database.db, 'w', 60_000, ['flaky']), undefined, 'not due yet');
      await sleep(250);
      const attempt2 = (await claimJob(database.db, 'w', 60_000, ['flaky']))!;
      assert.equal(attempt2.attempts, 2);
      assert.equal(await failJob(database.db, attempt2, 'w', 'HTTP 503', 200), 'failed');
      const row = await database.db
        .selectFrom('jobs')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      assert.deepEqual([row.status, row.last_error, row.finished_at !== null], ['failed', 'HTTP 503', true]);
    });
  });
}
