import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { defaultExpiry, type TriageForm, triageRequest, triageSummary } from './triage.ts';

const now = new Date('2026-03-10T15:00:00Z');
const form = (part: Partial<TriageForm>): TriageForm => ({
  state: 'accepted_risk',
  reason: '',
  expires: '',
  justification: '',
  ...part,
});

describe('the triage form', () => {
  test('accepting a risk needs a reason and a future end date, held to the end of that day', () => {
    assert.deepEqual(triageRequest(form({ reason: '  only internal input  ', expires: '2026-04-01' }), now), {
      body: { state: 'accepted_risk', reason: 'only internal input', expiresAt: '2026-04-01T23:59:59Z' },
    });
    assert.deepEqual(triageRequest(form({ reason: 'today', expires: '2026-03-10' }), now), {
      body: { state: 'accepted_risk', reason: 'today', expiresAt: '2026-03-10T23:59:59Z' },
    });
    assert.deepEqual(triageRequest(form({ expires: '2026-04-01' }), now), {
      error: 'Say why the risk is acceptable.',
    });
    assert.deepEqual(triageRequest(form({ reason: 'x', expires: '2026-03-09' }), now), {
      error: 'The acceptance must end in the future.',
    });
    assert.deepEqual(triageRequest(form({ reason: 'x', expires: '' }), now), {
      error: 'Choose the date the acceptance ends.',
    });
    assert.deepEqual(triageRequest(form({ reason: 'x', expires: '2026-02-31' }), now), {
      error: '2026-02-31 is not a date.',
    });
  });

  test('false positive needs a reason; not affected a VEX justification; reopening neither', () => {
    assert.deepEqual(triageRequest(form({ state: 'false_positive', reason: ' ' }), now), {
      error: 'Say why this is a false positive.',
    });
    assert.deepEqual(triageRequest(form({ state: 'false_positive', reason: 'test fixture' }), now), {
      body: { state: 'false_positive', reason: 'test fixture' },
    });
    assert.deepEqual(triageRequest(form({ state: 'not_affected', justification: 'because' }), now), {
      error: 'Choose a VEX justification.',
    });
    assert.deepEqual(
      triageRequest(
        form({ state: 'not_affected', justification: 'vulnerable_code_not_in_execute_path' }),
        now,
      ),
      { body: { state: 'not_affected', justification: 'vulnerable_code_not_in_execute_path' } },
    );
    assert.deepEqual(triageRequest(form({ state: 'none' }), now), { body: { state: 'none' } });
    assert.deepEqual(triageRequest(form({ state: 'none', reason: 'fix reverted' }), now), {
      body: { state: 'none', reason: 'fix reverted' },
    });
  });

  test('the proposed expiry and the summary line', () => {
    assert.equal(defaultExpiry(now), '2026-04-09');
    assert.equal(defaultExpiry(now, 1), '2026-03-11');
    assert.equal(
      triageSummary({ state: 'accepted_risk', expires_at: '2026-04-09T23:59:59.000Z' }),
      'Accepted risk until 2026-04-09',
    );
    assert.equal(triageSummary({ state: 'none', expires_at: null }), 'Not triaged');
    assert.equal(triageSummary({ state: 'not_affected', expires_at: null }), 'Not affected');
  });
});
