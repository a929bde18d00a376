import { createHash } from 'node:crypto';
import type { Finding } from '../model/index.ts';
import type { SecretMatch } from './types.ts';

const REMEDIATION =
  'revoke and rotate this credential first (it may already be copied), then remove it from the code and ' +
  'its history and read it from a secret manager or the environment';

/** A secret match as the shared model's Finding: redacted evidence, the fingerprint for baselines. */
export function toFinding(match: SecretMatch): Finding {
  const finding: Finding = {
    id: createHash('sha256')
      .update(`${match.fingerprint}:${match.line}:${match.column}`)
      .digest('hex')
      .slice(0, 32),
    kind: 'secret',
    ruleId: match.ruleId,
    title: match.description,
    severity: match.severity,
    location: { path: match.path, line: match.line },
    evidence: `${match.redacted} at column ${match.column}`,
    fingerprint: match.fingerprint,
    risk: { score: 0, factors: [] },
    remediation: { text: REMEDIATION },
  };
  if (match.endLine > match.line) finding.location.endLine = match.endLine;
  return finding;
}

export function toFindings(matches: readonly SecretMatch[]): Finding[] {
  return matches.map(toFinding);
}
