import { createHash } from 'node:crypto';
import type { CommitRef, Finding, FindingLocation } from '../model/index.ts';
import type { SecretMatch } from './types.ts';

/** Rotation first: a secret that reached a repository may already be copied, and a rotated one is harmless in history. */
const REMEDIATION = 'revoke and rotate it, then load it from a secret manager or the environment';

/**
 * A secret match as the shared model's Finding: the redacted value as evidence, the column and,
 * for a history match, the commit that added it in the location; the fingerprint for baselines.
 */
export function toFinding(match: SecretMatch & { commit?: CommitRef }): Finding {
  const location: FindingLocation = { path: match.path, line: match.line };
  if (match.endLine > match.line) location.endLine = match.endLine;
  location.column = match.column;
  if (match.commit) location.commit = { ...match.commit };
  return {
    id: createHash('sha256')
      .update(
        [match.fingerprint, ...(match.commit ? [match.commit.sha] : []), match.line, match.column].join(':'),
      )
      .digest('hex')
      .slice(0, 32),
    kind: 'secret',
    ruleId: match.ruleId,
    title: match.description,
    severity: match.severity,
    location,
    evidence: match.redacted,
    fingerprint: match.fingerprint,
    risk: { score: 0, factors: [] },
    remediation: { text: REMEDIATION },
  };
}

export function toFindings(matches: readonly (SecretMatch & { commit?: CommitRef })[]): Finding[] {
  return matches.map(toFinding);
}
