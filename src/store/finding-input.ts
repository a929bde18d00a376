import { type Finding, severityRank } from '../model/index.ts';

/** A finding as the findings table stores it: the columns queries filter and sort on, plus the whole Finding. */
export interface FindingInput {
  fingerprint: string;
  kind: string;
  rule_id: string;
  title: string;
  severity: string;
  severity_rank: number;
  risk_score: number;
  purl: string | null;
  package_name: string | null;
  package_version: string | null;
  path: string;
  advisory_ids: string[];
  kev: boolean;
  epss: number | null;
  reachability: string | null;
  fixed_version: string | null;
  data: Finding;
}

export function findingInput(finding: Finding): FindingInput {
  return {
    fingerprint: finding.fingerprint,
    kind: finding.kind,
    rule_id: finding.ruleId,
    title: finding.title,
    severity: finding.severity,
    severity_rank: severityRank(finding.severity),
    risk_score: Number.isFinite(finding.risk.score) ? finding.risk.score : 0,
    purl: finding.component?.purl ?? null,
    package_name: finding.component?.name ?? null,
    package_version: finding.component?.version ?? null,
    path: finding.location.path,
    advisory_ids: finding.advisory?.ids ?? [finding.ruleId],
    kev: finding.advisory?.kev !== undefined,
    epss: finding.advisory?.epss?.score ?? null,
    reachability: finding.reachability ?? null,
    fixed_version: finding.remediation?.fixedVersion ?? null,
    data: finding,
  };
}

/** One input per fingerprint: a document that lists a finding twice keeps the more severe sighting. */
export function uniqueByFingerprint(findings: readonly FindingInput[]): FindingInput[] {
  const byFingerprint = new Map<string, FindingInput>();
  for (const f of findings) {
    const seen = byFingerprint.get(f.fingerprint);
    if (!seen || f.severity_rank > seen.severity_rank) byFingerprint.set(f.fingerprint, f);
  }
  return [...byFingerprint.values()];
}
