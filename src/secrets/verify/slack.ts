import { bearerRequest, field } from './http.ts';
import type { Verification, Verifier } from './types.ts';

/** Slack's `error` values that mean the token itself is no good (others: rate limits, outages). */
const REJECTED = new Set([
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'account_inactive',
]);

/**
 * Slack: `POST /api/auth.test` answers HTTP 200 in every case, with `ok` and an `error` code.
 * Webhook URLs are not checked: the only way to test one is to post a message.
 */
export const slackVerifier: Verifier = {
  name: 'slack',
  network: true,
  rules: ['slack-bot-token', 'slack-user-token', 'slack-legacy-token'],
  defaultBaseUrl: 'https://slack.com',
  async check(secret, ctx): Promise<Verification> {
    const answer = await bearerRequest(ctx, 'POST', '/api/auth.test', secret, {
      'content-type': 'application/x-www-form-urlencoded',
    });
    if ('failed' in answer) return answer.failed;
    if (answer.status !== 200)
      return { status: 'unknown', detail: `unexpected answer (HTTP ${answer.status})` };
    const body = answer.body as { ok?: unknown } | undefined;
    if (body?.ok === true) {
      const user = field(body, 'user');
      const team = field(body, 'team');
      return user && team
        ? { status: 'verified', detail: `authenticates as ${user} in ${team}` }
        : { status: 'verified' };
    }
    const error = field(body, 'error');
    if (error && REJECTED.has(error)) return { status: 'invalid', detail: `rejected (${error})` };
    return { status: 'unknown', detail: error ? `no clear answer (${error})` : 'unexpected answer' };
  },
};
