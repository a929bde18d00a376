// The triage form of the finding page -> the PATCH /api/v1/findings/:id body, with the checks the
// server would make said before the request: a reason where one is required, an expiry in the future.
import { VEX_JUSTIFICATIONS } from '../../store/schema.ts';
import type { FindingSummary, TriageBody, TriageState } from './api-types.ts';
import { formatDay, TRIAGE_LABELS } from './format.ts';

export interface TriageForm {
  state: TriageState;
  reason: string;
  /** `YYYY-MM-DD` from a date input: the acceptance holds to the end of that day, UTC. */
  expires: string;
  justification: string;
}

const DAY = 86_400_000;

/** The expiry date a new acceptance proposes: `days` from now. */
export function defaultExpiry(now: Date, days = 30): string {
  return new Date(now.getTime() + days * DAY).toISOString().slice(0, 10);
}

export function triageRequest(form: TriageForm, now: Date): { body: TriageBody } | { error: string } {
  const reason = form.reason.trim();
  switch (form.state) {
    case 'accepted_risk': {
      if (!reason) return { error: 'Say why the risk is acceptable.' };
      if (!/^\d{4}-\d{2}-\d{2}$/.test(form.expires)) return { error: 'Choose the date the acceptance ends.' };
      const expiresAt = `${form.expires}T23:59:59Z`;
      // Date.parse rolls 2026-02-31 over into March; a real date reads back the same.
      const parsed = Date.parse(expiresAt);
      if (Number.isNaN(parsed) || new Date(parsed).toISOString().slice(0, 10) !== form.expires)
        return { error: `${form.expires} is not a date.` };
      if (Date.parse(expiresAt) <= now.getTime()) return { error: 'The acceptance must end in the future.' };
      return { body: { state: 'accepted_risk', reason, expiresAt } };
    }
    case 'false_positive':
      if (!reason) return { error: 'Say why this is a false positive.' };
      return { body: { state: 'false_positive', reason } };
    case 'not_affected': {
      const justification = VEX_JUSTIFICATIONS.find((j) => j === form.justification);
      if (!justification) return { error: 'Choose a VEX justification.' };
      return { body: { state: 'not_affected', justification, ...(reason ? { reason } : {}) } };
    }
    case 'none':
      return { body: { state: 'none', ...(reason ? { reason } : {}) } };
  }
}

/** `Accepted risk until 2026-02-01`, `Not triaged`. */
export function triageSummary(triage: FindingSummary['triage']): string {
  const label = TRIAGE_LABELS[triage.state];
  return triage.state === 'accepted_risk' && triage.expires_at
    ? `${label} until ${formatDay(triage.expires_at)}`
    : label;
}
