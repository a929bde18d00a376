import type { Finding, ScanResult, Severity } from '../model/index.ts';
import type { ReportContext } from './context.ts';
import { commitText } from './finding-text.ts';

/**
 * SARIF 2.1.0 as GitHub code scanning reads it: one rule per advisory or rule id with help that
 * carries the fix, `security-severity` for GitHub's severity column, results located at the
 * lockfile line, `partialFingerprints` so alerts follow a finding across commits, and suppressed
 * findings as SARIF suppressions rather than omissions.
 */
export function writeSarif(result: ScanResult, context: ReportContext): string {
  const rules = new Map<string, Finding>();
  for (const finding of result.findings) if (!rules.has(finding.ruleId)) rules.set(finding.ruleId, finding);
  const ruleIds = [...rules.keys()].sort();
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Palisade',
            version: context.toolVersion,
            semanticVersion: context.toolVersion,
            informationUri: 'https://github.com/palisade-dev/palisade',
            rules: ruleIds.map((id) => rule(rules.get(id)!)),
          },
        },
        originalUriBaseIds: {
          '%SRCROOT%': { description: { text: `the scanned directory (${result.target})` } },
        },
        results: result.findings.map((f) => sarifResult(f, ruleIndex.get(f.ruleId)!)),
        properties: {
          coverage: {
            files: result.coverage.files.length,
            failed: result.coverage.files.filter((f) => f.status === 'failed').map((f) => f.error ?? f.path),
          },
        },
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/** GitHub maps security-severity to its labels: >= 9 critical, >= 7 high, >= 4 medium, else low. */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '2.0',
  info: '0.0',
};

function rule(finding: Finding) {
  const osv = finding.advisory?.osv;
  const ids = finding.advisory?.ids ?? [finding.ruleId];
  const reference = osv?.references?.find((r) => r.type === 'ADVISORY') ?? osv?.references?.[0];
  const cvss = finding.advisory?.cvss?.score;
  const help = [
    finding.title,
    '',
    `Identifiers: ${ids.join(', ')}`,
    finding.remediation ? `Fix: ${finding.remediation.text}` : undefined,
    osv?.details ? `\n${truncate(osv.details, 2000)}` : undefined,
  ].filter((line) => line !== undefined);
  return {
    id: finding.ruleId,
    name: ruleName(finding),
    shortDescription: { text: truncate(finding.title, 200) },
    fullDescription: { text: truncate(osv?.details ?? finding.title, 1000) },
    ...(reference ? { helpUri: reference.url } : {}),
    help: {
      text: help.join('\n'),
      markdown: help.map((l) => (l.startsWith('Fix: ') ? `**${l}**` : l)).join('\n'),
    },
    defaultConfiguration: { level: LEVEL[finding.severity] },
    properties: {
      tags: ['security', finding.kind],
      'security-severity': typeof cvss === 'number' ? cvss.toFixed(1) : SECURITY_SEVERITY[finding.severity],
      precision: finding.kind === 'vulnerability' || finding.kind === 'integrity' ? 'very-high' : 'high',
    },
  };
}

function sarifResult(finding: Finding, ruleIndex: number) {
  const component = finding.component;
  // A misconfiguration's fix is the policy's, the same for all its results: it sits in the rule's help.
  const fix =
    finding.remediation && finding.kind !== 'misconfiguration' ? ` Fix: ${finding.remediation.text}.` : '';
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: LEVEL[finding.severity],
    message: { text: `${messageText(finding)}${fix}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: finding.location.path, uriBaseId: '%SRCROOT%' },
          region: {
            startLine: finding.location.line,
            ...(finding.location.column ? { startColumn: finding.location.column } : {}),
            ...(finding.location.endLine ? { endLine: finding.location.endLine } : {}),
          },
        },
      },
    ],
    partialFingerprints: { 'palisade/v1': finding.fingerprint },
    ...(finding.risk.score > 0 ? { rank: finding.risk.score } : {}),
    ...(finding.suppressed
      ? {
          suppressions: [
            {
              kind: 'external',
              status: 'accepted',
              justification: `${finding.suppressed.reason} (${finding.suppressed.by})`,
            },
          ],
        }
      : {}),
    properties: {
      severity: finding.severity,
      kind: finding.kind,
      ...(component ? { purl: component.purl, scope: component.scope, direct: component.direct } : {}),
      ...(finding.reachability ? { reachability: finding.reachability } : {}),
      ...(finding.advisory?.epss
        ? { epss: finding.advisory.epss.score, epssPercentile: finding.advisory.epss.percentile }
        : {}),
      ...(finding.advisory?.kev ? { kev: true, kevDateAdded: finding.advisory.kev.dateAdded } : {}),
      ...(finding.risk.factors.length > 0 ? { riskFactors: finding.risk.factors } : {}),
      ...(finding.remediation?.fixedVersion ? { fixedVersion: finding.remediation.fixedVersion } : {}),
      ...(finding.location.commit ? { commit: finding.location.commit } : {}),
      ...(finding.verification ? { verification: finding.verification } : {}),
    },
  };
}

/**
 * `qs@6.7.0: qs vulnerable to Prototype Pollution.`; for a misconfiguration, the violation itself
 * (`aws_security_group.web (infra/main.tf): open to the internet … on 22 (SSH).`), the policy's
 * title being the rule's; for a secret, its redacted value, the commit that added it (history
 * scans) and the provider's verdict (`--verify`).
 */
function messageText(finding: Finding): string {
  const component = finding.component;
  if (component) return `${component.name}@${component.version ?? ''}: ${finding.title}.`;
  if (finding.kind === 'misconfiguration') return sentence(finding.evidence);
  if (finding.kind !== 'secret') return `${finding.title}.`;
  const parts = [`${finding.title} (${finding.evidence})`];
  const commit = commitText(finding);
  if (commit) parts.push(commit);
  const verdict = finding.verification;
  if (verdict)
    parts.push(`${verdict.status} by ${verdict.provider}${verdict.detail ? `: ${verdict.detail}` : ''}`);
  return `${parts.join(', ')}.`;
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function ruleName(finding: Finding): string {
  const words = finding.title
    .replace(/[^A-Za-z0-9 ]+/g, ' ')
    .trim()
    .split(/\s+/)
    .slice(0, 8);
  return words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('') || finding.ruleId;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
