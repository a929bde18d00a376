import { atLeast, type Decision, type Finding, type ScanResult, type Severity } from '../model/index.ts';
import { riskGateFailures } from '../triage/risk/gate.ts';

/** `--fail-on` and `--fail-on-risk`. */
export interface GateThresholds {
  failOn: Severity | undefined;
  failOnRisk: number | undefined;
}

/**
 * What fails the build, and why: the exit code and the reports that show pass or fail (JUnit)
 * read this one outcome, so they cannot disagree.
 */
export interface GateOutcome {
  /** Policy decisions that deny (enforced admission policies, enforced finding policies). */
  denied: Decision[];
  /** Open findings at or above `--fail-on` or `--fail-on-risk`. */
  overThreshold: Finding[];
  /** Ids of the findings that fail the build: denied by a policy, or over a threshold. */
  failing: Set<string>;
  /** Denials that name no finding of the result (their findings left out by `--severity`). */
  unmatched: Decision[];
}

/** The gate: open (unsuppressed) findings at or above the threshold. */
export function gateFailures(findings: readonly Finding[], threshold: Severity | undefined): Finding[] {
  if (!threshold) return [];
  return findings.filter((f) => !f.suppressed && atLeast(f.severity, threshold));
}

export function evaluateGate(result: ScanResult, thresholds: GateThresholds): GateOutcome {
  const denied = result.decisions.filter((d) => d.verdict === 'deny');
  const overThreshold = [
    ...new Set([
      ...gateFailures(result.findings, thresholds.failOn),
      ...riskGateFailures(result.findings, thresholds.failOnRisk),
    ]),
  ];
  const failing = new Set(overThreshold.map((f) => f.id));
  const unmatched: Decision[] = [];
  for (const decision of denied) {
    const named = result.findings.filter((f) => !f.suppressed && denies(decision, f));
    for (const finding of named) failing.add(finding.id);
    if (named.length === 0) unmatched.push(decision);
  }
  return { denied, overThreshold, failing, unmatched };
}

/**
 * A finding policy's decision names its finding by id; an admission policy's names the resource,
 * and each of its violation messages became one misconfiguration finding of that policy whose
 * evidence is `<resource>: <message>`.
 */
function denies(decision: Decision, finding: Finding): boolean {
  if (decision.subject === finding.id) return true;
  return (
    finding.kind === 'misconfiguration' &&
    finding.ruleId === decision.policy &&
    decision.messages.some((m) => finding.evidence.endsWith(`: ${m}`))
  );
}
