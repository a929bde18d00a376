import { createHash } from 'node:crypto';
import type { SecretMatch } from '../types.ts';
import { githubVerifier } from './github.ts';
import { npmVerifier } from './npm.ts';
import { slackVerifier } from './slack.ts';
import type { Verification, Verifier } from './types.ts';

export type { Verification, Verifier } from './types.ts';

/** Every provider check (`--verify`). A new provider is one file and one line here. */
export const VERIFIERS: readonly Verifier[] = [githubVerifier, slackVerifier, npmVerifier];

export interface VerifyOptions {
  /** Per provider name (`github`, `slack`, `npm`): where its API is, for tests and enterprise hosts. */
  baseUrls?: Readonly<Record<string, string>>;
  /** Per request. Default 5000 ms. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

const TIMEOUT_MS = 5000;
const CONCURRENCY = 4;

export function verifierFor(ruleId: string): Verifier | undefined {
  return VERIFIERS.find((v) => v.rules.includes(ruleId));
}

/**
 * Asks the provider whether a secret works, with one read-only request; undefined when no
 * provider check exists for the rule. Only ever called when the user passes `--verify`.
 */
export async function verifySecret(
  ruleId: string,
  secret: string,
  options: VerifyOptions = {},
): Promise<Verification | undefined> {
  const verifier = verifierFor(ruleId);
  if (!verifier) return undefined;
  return verifier.check(secret, {
    baseUrl: options.baseUrls?.[verifier.name] ?? verifier.defaultBaseUrl,
    timeoutMs: options.timeoutMs ?? TIMEOUT_MS,
    fetch: options.fetch ?? fetch,
  });
}

export interface VerificationQueue {
  /** The scan's `onSecret`: starts checking secrets while the scan goes on. */
  onSecret(match: SecretMatch, secret: string): void;
  /** Waits for every check; the verdicts by finding fingerprint (only for checkable rules). */
  results(): Promise<Map<string, Verification>>;
}

/**
 * Checks the secrets a scan reports, each distinct secret once however many files hold it, a
 * few at a time. Secrets are held only until their request is made.
 */
export function createVerificationQueue(
  options: VerifyOptions & { concurrency?: number } = {},
): VerificationQueue {
  const bySecret = new Map<string, Promise<Verification | undefined>>();
  const byFingerprint = new Map<string, Promise<Verification | undefined>>();
  const limit = Math.max(1, options.concurrency ?? CONCURRENCY);
  let active = 0;
  const waiting: (() => void)[] = [];
  const slot = async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
  return {
    onSecret(match, secret) {
      if (!verifierFor(match.ruleId) || byFingerprint.has(match.fingerprint)) return;
      const key = createHash('sha256').update(`${match.ruleId}\0${secret}`).digest('hex');
      let check = bySecret.get(key);
      if (!check) {
        check = slot(() => verifySecret(match.ruleId, secret, options));
        bySecret.set(key, check);
      }
      byFingerprint.set(match.fingerprint, check);
    },
    async results() {
      const verdicts = new Map<string, Verification>();
      for (const [fingerprint, check] of byFingerprint) {
        const verdict = await check;
        if (verdict) verdicts.set(fingerprint, verdict);
      }
      return verdicts;
    },
  };
}
