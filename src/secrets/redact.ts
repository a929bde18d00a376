import { createHash } from 'node:crypto';

/**
 * The only form in which a secret leaves the engine: a few leading characters (the provider
 * prefix, which says what kind of secret it is), an ellipsis and the length. Short values show
 * fewer characters so that the visible part never approaches the whole.
 */
export function redact(secret: string): string {
  const shown = secret.length >= 16 ? 4 : secret.length >= 10 ? 2 : 0;
  return `${secret.slice(0, shown)}…(${secret.length} chars)`;
}

/** Hash of what identifies one secret in one file: baselines match it without storing the value. */
export function fingerprint(ruleId: string, path: string, secret: string): string {
  return createHash('sha256').update(`${ruleId}\0${path}\0${secret}`).digest('hex');
}
