import type { RequestContext } from './http.ts';

/**
 * What a provider said of a secret: `verified` (it authenticates now), `invalid` (the provider
 * rejects it: revoked, expired or never real) or `unknown` (no clear answer: timeout, rate limit,
 * network failure, an unexpected status).
 */
export interface Verification {
  status: 'verified' | 'invalid' | 'unknown';
  /** One line, never the secret: "authenticates as octocat", "rejected (HTTP 401)". */
  detail?: string;
}

/** A provider's read-only check. Declared `network: true` so that an offline run can refuse it. */
export interface Verifier {
  name: string;
  network: true;
  /** The rules whose secrets this provider can check. */
  rules: readonly string[];
  defaultBaseUrl: string;
  check(secret: string, ctx: RequestContext): Promise<Verification>;
}
