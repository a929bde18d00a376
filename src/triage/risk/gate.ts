import type { Finding } from '../../model/index.ts';

/** `--fail-on-risk N`: open (unsuppressed) findings whose risk score is N or more. */
export function riskGateFailures(findings: readonly Finding[], threshold: number | undefined): Finding[] {
  if (threshold === undefined) return [];
  return findings.filter((f) => !f.suppressed && f.risk.score >= threshold);
}
