import type { Verification } from './types.ts';

export interface RequestContext {
  baseUrl: string;
  timeoutMs: number;
  fetch: typeof fetch;
}

export type Answer = { status: number; body: unknown } | { failed: Verification };

/**
 * One request with the secret as a bearer token: no retries (a second try cannot turn a 401
 * into a 200, and repeated failures can lock an account), no redirects (they could carry the
 * token to another host), a time limit. Messages never hold the secret.
 */
export async function bearerRequest(
  ctx: RequestContext,
  method: 'GET' | 'POST',
  path: string,
  secret: string,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const url = `${ctx.baseUrl.replace(/\/+$/, '')}${path}`;
  try {
    const response = await ctx.fetch(url, {
      method,
      headers: { 'user-agent': 'palisade-secret-verifier', ...headers, authorization: `Bearer ${secret}` },
      redirect: 'error',
      signal: AbortSignal.timeout(ctx.timeoutMs),
    });
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    return { status: response.status, body };
  } catch (error) {
    return { failed: { status: 'unknown', detail: failure(error, ctx.timeoutMs) } };
  }
}

function failure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no answer within ${timeoutMs} ms`;
  }
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  return `request failed${code ? ` (${code})` : ''}`;
}

/** The usual answers of a token-authenticated API: 200 valid, 401 not. */
export function byStatus(answer: Answer, describe: (body: unknown) => string | undefined): Verification {
  if ('failed' in answer) return answer.failed;
  if (answer.status === 200) {
    const detail = describe(answer.body);
    return detail ? { status: 'verified', detail } : { status: 'verified' };
  }
  if (answer.status === 401) return { status: 'invalid', detail: 'rejected (HTTP 401)' };
  return { status: 'unknown', detail: `unexpected answer (HTTP ${answer.status})` };
}

/** A short string field of a JSON answer (a login name), for the verification detail. */
export function field(body: unknown, name: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' && value.length <= 100 ? value : undefined;
}
