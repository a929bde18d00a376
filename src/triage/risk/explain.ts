import type { Finding, RiskFactor } from '../../model/index.ts';
import { priorityOf } from './formula.ts';

/**
 * `palisade scan --explain <finding-id>`: how the score was reached, one factor a line, with the
 * reachability evidence (import chain, file:line by file:line) and the product written out.
 */
export function explainRisk(finding: Finding, exposureEvidence?: string): string {
  const component = finding.component ? `${finding.component.name}@${finding.component.version ?? ''} ` : '';
  const lines = [
    `${finding.id}  ${component}${finding.ruleId}: ${finding.title}`,
    `severity ${finding.severity}; risk ${finding.risk.score}/100, ${label(priorityOf(finding.risk.score))}`,
    '',
  ];
  const multipliers = finding.risk.factors.filter((f) => f.name !== 'priority');
  const width = Math.max(...multipliers.map((f) => f.name.length), 12);
  for (const factor of multipliers) {
    lines.push(
      `  ${factor.name.padEnd(width)}  ${describe(factor, finding).padEnd(44)}  x ${factor.weight.toFixed(3)}`,
    );
    for (const detail of details(factor, finding, exposureEvidence))
      lines.push(`  ${''.padEnd(width)}    ${detail}`);
  }
  const product = multipliers.map((f) => f.weight.toFixed(3)).join(' x ');
  lines.push('', `  score = min(100, round(100 x ${product})) = ${finding.risk.score}`);
  if (finding.remediation) lines.push('', `fix: ${finding.remediation.text}`);
  return `${lines.join('\n')}\n`;
}

function describe(factor: RiskFactor, finding: Finding): string {
  switch (factor.name) {
    case 'impact':
      return typeof factor.value === 'number'
        ? `CVSS ${factor.value} (${finding.advisory?.cvss?.vector ?? ''})`
        : `severity ${factor.value}`;
    case 'likelihood':
      if (typeof factor.value === 'number') {
        const epss = finding.advisory?.epss;
        return `EPSS percentile ${factor.value}${epss ? ` (score ${epss.score}, ${epss.date})` : ''}`;
      }
      return String(factor.value);
    case 'kev': {
      const kev = finding.advisory?.kev;
      if (!kev) return 'not in CISA KEV';
      return `in CISA KEV since ${kev.dateAdded}${kev.knownRansomwareCampaignUse ? ', used by ransomware' : ''}`;
    }
    default:
      return String(factor.value);
  }
}

function details(factor: RiskFactor, finding: Finding, exposureEvidence: string | undefined): string[] {
  if (factor.name === 'reachability') {
    const marker = '; reachability: ';
    const i = finding.evidence.indexOf(marker);
    return i < 0 ? [] : [finding.evidence.slice(i + marker.length)];
  }
  if (factor.name === 'exposure' && exposureEvidence) return [exposureEvidence];
  return [];
}

function label(priority: string): string {
  return priority.replace('-', ' ');
}
