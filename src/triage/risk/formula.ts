import type { Finding, RiskFactor, Severity } from '../../model/index.ts';

/**
 * The risk score, 0-100: how urgently a finding needs fixing in this project, not how bad the
 * flaw is in general. A product of factors, each a multiplier (its `weight` in `risk.factors`):
 *
 *   score = round(100 × impact × likelihood × exploited × reachability × exposure × scope), at most 100
 *
 *   impact        CVSS base score / 10 from the advisory's vector; without a vector the severity's
 *                 midpoint: critical 0.95, high 0.8, medium 0.55, low 0.25, info 0.
 *   likelihood    EPSS percentile p: 0.2 + 0.8 × p (EPSS forecasts 30 days of exploitation
 *                 activity; a low score is not proof of safety, hence the floor). No EPSS score
 *                 (no CVE, or offline): 0.7. Listed in KEV: 1. Secrets: 1 (a leaked credential
 *                 needs no exploit). Misconfigurations: 0.7, as without EPSS (no exploitation
 *                 data exists for a configuration; the policy's mode says how strictly the team
 *                 enforces it, not how likely an attack is).
 *   exploited     listed in CISA's Known Exploited Vulnerabilities catalog: 1.6, or 1.8 when
 *                 known to be used in ransomware campaigns; otherwise 1.
 *   reachability  function-reachable 1, imported 0.85, unknown 0.85, not analysed 0.85,
 *                 unreachable 0.15.
 *   exposure      internet-facing 1, unknown 0.9, internal 0.7 (see exposure.ts).
 *   scope         prod 1, optional 0.9, dev 0.3; a dev dependency that production code
 *                 imports ships with it and counts as prod.
 *
 * Malicious packages (integrity findings) score 100: install scripts run wherever the package
 * sits. The priority bucket follows the score: fix-now >= 70, fix-soon >= 40, backlog >= 10,
 * noise below. It is listed last in `risk.factors` with weight 0 (not part of the product).
 *
 * Worked examples (imported, internet-facing, production): a KEV-listed medium (CVSS 5.3) scores
 * 100 × 0.53 × 1 × 1.6 × 0.85 = 72, fix now; a critical (CVSS 9.8) nobody exploits (EPSS
 * percentile 0.02) scores 100 × 0.98 × 0.216 × 0.85 = 18, backlog. docs/risk.md has the rationale.
 */
export type Exposure = 'internet' | 'internal' | 'unknown';
export type Priority = 'fix-now' | 'fix-soon' | 'backlog' | 'noise';

export interface RiskContext {
  exposure: Exposure;
  /** Why the exposure is what it is (`Ingress web in deploy/ingress.yaml:4`), for --explain. */
  exposureEvidence?: string;
}

export interface RiskScore {
  score: number;
  factors: RiskFactor[];
  priority: Priority;
}

const SEVERITY_IMPACT: Record<Severity, number> = {
  critical: 0.95,
  high: 0.8,
  medium: 0.55,
  low: 0.25,
  info: 0,
};
const REACHABILITY: Record<string, number> = {
  'function-reachable': 1,
  imported: 0.85,
  unknown: 0.85,
  'not analysed': 0.85,
  unreachable: 0.15,
};
const EXPOSURE: Record<Exposure, number> = { internet: 1, unknown: 0.9, internal: 0.7 };
const SCOPE: Record<string, number> = { prod: 1, optional: 0.9, dev: 0.3 };
export const NO_EPSS_LIKELIHOOD = 0.7;
export const MISCONFIGURATION_LIKELIHOOD = NO_EPSS_LIKELIHOOD;
export const KEV_WEIGHT = 1.6;
export const KEV_RANSOMWARE_WEIGHT = 1.8;
export const PRIORITY_THRESHOLDS: ReadonlyArray<[Priority, number]> = [
  ['fix-now', 70],
  ['fix-soon', 40],
  ['backlog', 10],
  ['noise', 0],
];

export function priorityOf(score: number): Priority {
  return PRIORITY_THRESHOLDS.find(([, min]) => score >= min)?.[0] ?? 'noise';
}

/** Scores one finding. Pure: the finding's advisory, reachability and component, and the context. */
export function scoreRisk(finding: Finding, context: RiskContext): RiskScore {
  const factors =
    finding.kind === 'integrity' ? maliciousFactors(context) : multiplierFactors(finding, context);
  const product = factors.reduce((p, f) => p * f.weight, 100);
  const score = Math.min(100, Math.round(product));
  const priority = priorityOf(score);
  return { score, factors: [...factors, { name: 'priority', value: priority, weight: 0 }], priority };
}

/** Sets `risk` on every finding (a new array of new findings). */
export function applyRisk(findings: readonly Finding[], context: RiskContext): Finding[] {
  return findings.map((finding) => {
    const { score, factors } = scoreRisk(finding, context);
    return { ...finding, risk: { score, factors } };
  });
}

/** Highest risk first; ties by severity-independent id order, so output is stable. */
export function compareByRisk(a: Finding, b: Finding): number {
  return b.risk.score - a.risk.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function multiplierFactors(finding: Finding, context: RiskContext): RiskFactor[] {
  return [
    impact(finding),
    likelihood(finding),
    exploited(finding),
    reachability(finding),
    { name: 'exposure', value: context.exposure, weight: EXPOSURE[context.exposure] },
    scope(finding),
  ];
}

function impact(finding: Finding): RiskFactor {
  const cvss = finding.advisory?.cvss?.score;
  if (cvss !== undefined) return { name: 'impact', value: cvss, weight: round(cvss / 10) };
  return { name: 'impact', value: finding.severity, weight: SEVERITY_IMPACT[finding.severity] };
}

function likelihood(finding: Finding): RiskFactor {
  if (finding.kind === 'secret') return { name: 'likelihood', value: 'leaked credential', weight: 1 };
  if (finding.kind === 'misconfiguration') {
    return { name: 'likelihood', value: 'deployed as configured', weight: MISCONFIGURATION_LIKELIHOOD };
  }
  if (finding.advisory?.kev) return { name: 'likelihood', value: 'known exploited (KEV)', weight: 1 };
  const epss = finding.advisory?.epss;
  if (!epss) return { name: 'likelihood', value: 'no EPSS score', weight: NO_EPSS_LIKELIHOOD };
  return { name: 'likelihood', value: epss.percentile, weight: round(0.2 + 0.8 * epss.percentile) };
}

function exploited(finding: Finding): RiskFactor {
  const kev = finding.advisory?.kev;
  if (!kev) return { name: 'kev', value: false, weight: 1 };
  if (kev.knownRansomwareCampaignUse)
    return { name: 'kev', value: 'ransomware', weight: KEV_RANSOMWARE_WEIGHT };
  return { name: 'kev', value: true, weight: KEV_WEIGHT };
}

function reachability(finding: Finding): RiskFactor {
  if (!finding.component) return { name: 'reachability', value: 'n/a', weight: 1 };
  const value = finding.reachability ?? 'not analysed';
  return { name: 'reachability', value, weight: REACHABILITY[value] ?? 1 };
}

function scope(finding: Finding): RiskFactor {
  const component = finding.component;
  if (!component) return { name: 'scope', value: 'n/a', weight: 1 };
  const shipped = finding.reachability === 'imported' || finding.reachability === 'function-reachable';
  if (component.scope === 'dev' && shipped) {
    return { name: 'scope', value: 'dev, imported by production code', weight: SCOPE.prod! };
  }
  return { name: 'scope', value: component.scope, weight: SCOPE[component.scope] ?? 1 };
}

function maliciousFactors(context: RiskContext): RiskFactor[] {
  return [
    { name: 'impact', value: 'malicious package', weight: 1 },
    { name: 'likelihood', value: 'runs at install time', weight: 1 },
    { name: 'kev', value: false, weight: 1 },
    { name: 'reachability', value: 'n/a (install scripts run regardless)', weight: 1 },
    { name: 'exposure', value: context.exposure, weight: 1 },
    { name: 'scope', value: 'n/a (installed anywhere)', weight: 1 },
  ];
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
