// The triage actions: accept the risk until a date, call it a false positive, declare the product
// not affected with an OpenVEX justification, or reopen it. Checked here, then PATCHed.
import { useState } from 'preact/hooks';
import { VEX_JUSTIFICATIONS } from '../../../store/schema.ts';
import type { TriageState } from '../../logic/api-types.ts';
import { JUSTIFICATION_LABELS } from '../../logic/format.ts';
import { defaultExpiry, type TriageForm as Form, triageRequest } from '../../logic/triage.ts';
import { ApiError, request } from '../api.ts';
import { ErrorMessage } from '../components.tsx';

const ACTIONS: { state: TriageState; label: string }[] = [
  { state: 'accepted_risk', label: 'Accept the risk until a date' },
  { state: 'false_positive', label: 'False positive' },
  { state: 'not_affected', label: 'Not affected (VEX)' },
  { state: 'none', label: 'Reopen: undo the triage' },
];

export function TriageForm(props: { id: number; current: TriageState; onDone: () => void }) {
  const [form, setForm] = useState<Form>(() => ({
    state: props.current === 'accepted_risk' ? 'none' : 'accepted_risk',
    reason: '',
    expires: defaultExpiry(new Date()),
    justification: '',
  }));
  const [problem, setProblem] = useState<string | undefined>();
  const [failure, setFailure] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const set = (part: Partial<Form>) => setForm({ ...form, ...part });

  async function submit(event: Event) {
    event.preventDefault();
    setFailure(undefined);
    const checked = triageRequest(form, new Date());
    if ('error' in checked) {
      setProblem(checked.error);
      return;
    }
    setProblem(undefined);
    setBusy(true);
    try {
      await request('PATCH', `/findings/${props.id}`, { body: checked.body });
      setForm({ ...form, reason: '' });
      props.onDone();
    } catch (e) {
      setFailure(e instanceof ApiError ? e : new ApiError(0, 'client', String(e)));
    } finally {
      setBusy(false);
    }
  }

  const reasonRequired = form.state === 'accepted_risk' || form.state === 'false_positive';
  return (
    <form class="triage" onSubmit={submit} aria-label="Triage this finding">
      <fieldset>
        <legend>Decision</legend>
        {ACTIONS.map((a) => (
          <label key={a.state}>
            <input
              type="radio"
              name="state"
              value={a.state}
              checked={form.state === a.state}
              onChange={() => set({ state: a.state })}
            />{' '}
            {a.label}
          </label>
        ))}
      </fieldset>
      {form.state === 'accepted_risk' && (
        <label>
          Accepted until (end of day, UTC){' '}
          <input
            type="date"
            name="expires"
            value={form.expires}
            required
            onInput={(e) => set({ expires: e.currentTarget.value })}
          />
        </label>
      )}
      {form.state === 'not_affected' && (
        <label>
          Justification{' '}
          <select
            name="justification"
            value={form.justification}
            required
            onChange={(e) => set({ justification: e.currentTarget.value })}
          >
            <option value="">choose one</option>
            {VEX_JUSTIFICATIONS.map((j) => (
              <option key={j} value={j}>
                {JUSTIFICATION_LABELS[j]}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        Reason{reasonRequired ? '' : ' (optional)'}{' '}
        <textarea
          name="reason"
          rows={3}
          maxLength={2000}
          value={form.reason}
          required={reasonRequired}
          onInput={(e) => set({ reason: e.currentTarget.value })}
        />
      </label>
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
      {failure && <ErrorMessage error={failure} what="the triage of this finding" doing="save" />}
      <button type="submit" disabled={busy}>
        {busy ? 'Saving…' : 'Save decision'}
      </button>
    </form>
  );
}
