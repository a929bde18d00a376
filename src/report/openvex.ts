import { hash, randomUUID } from 'node:crypto';
import type { Finding, ScanResult } from '../model/index.ts';
import type { ReportContext } from './context.ts';
import { sbomTimestamp } from './sbom-meta.ts';

/** OpenVEX 0.2.0 (https://github.com/openvex/spec/blob/main/OPENVEX-SPEC.md), the fields Palisade writes. */
interface OpenVexStatement {
  vulnerability: { name: string; aliases?: string[] };
  products: Array<{ '@id': string }>;
  status: 'not_affected' | 'affected' | 'under_investigation';
  justification?: 'vulnerable_code_not_present' | 'vulnerable_code_not_in_execute_path';
  impact_statement?: string;
  action_statement?: string;
  status_notes?: string;
}

/**
 * The scan's vulnerability findings as an OpenVEX document, one statement per vulnerability and
 * component (purl). Reachability decides the status:
 * - unreachable: `not_affected`, with `vulnerable_code_not_present` for a dev-only dependency
 *   (production installs leave it out) and `vulnerable_code_not_in_execute_path` otherwise; the
 *   evidence goes into `impact_statement`;
 * - imported or function-reachable: `affected`, with the fix as `action_statement`;
 * - unknown or not analysed: `under_investigation`.
 * A finding already suppressed by a VEX `not_affected` statement stays `not_affected`.
 * Reproducible runs get a fixed timestamp and an `@id` derived from the statements.
 */
export function writeOpenVex(result: ScanResult, context: ReportContext): string {
  const statements = merge(result.findings.flatMap((f) => statementOf(f) ?? []));
  const timestamp = sbomTimestamp({
    toolVersion: context.toolVersion,
    reproducible: context.reproducible,
  }).toISOString();
  const digest = hash('sha256', JSON.stringify(statements), 'hex');
  const document = {
    '@context': 'https://openvex.dev/ns/v0.2.0',
    '@id': context.reproducible
      ? `https://openvex.dev/docs/public/vex-${digest}`
      : `urn:uuid:${randomUUID()}`,
    author: 'Palisade',
    timestamp,
    version: 1,
    tooling: `Palisade ${context.toolVersion}`,
    statements,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function statementOf(finding: Finding): OpenVexStatement | undefined {
  const component = finding.component;
  if (!component || (finding.kind !== 'vulnerability' && finding.kind !== 'integrity')) return undefined;
  const ids = finding.advisory?.ids.length ? finding.advisory.ids : [finding.ruleId];
  // Scanners match VEX by CVE first; the advisory's other ids are aliases.
  const name = ids.find((id) => id.startsWith('CVE-')) ?? finding.ruleId;
  const aliases = ids.filter((id) => id !== name);
  const statement: OpenVexStatement = {
    vulnerability: aliases.length > 0 ? { name, aliases } : { name },
    products: [{ '@id': component.purl }],
    status: 'under_investigation',
  };
  const evidence = reachabilityEvidence(finding);
  if (finding.suppressed?.by.startsWith('VEX ')) {
    statement.status = 'not_affected';
    statement.impact_statement = `${finding.suppressed.reason} (${finding.suppressed.by})`;
  } else if (finding.reachability === 'unreachable') {
    statement.status = 'not_affected';
    statement.justification =
      component.scope === 'dev' ? 'vulnerable_code_not_present' : 'vulnerable_code_not_in_execute_path';
    statement.impact_statement = evidence;
  } else if (finding.reachability === 'imported' || finding.reachability === 'function-reachable') {
    statement.status = 'affected';
    statement.action_statement = finding.remediation?.text ?? `upgrade or remove ${component.name}`;
    statement.status_notes = evidence;
  } else {
    statement.status_notes = finding.reachability === 'unknown' ? evidence : 'reachability not analysed';
  }
  return statement;
}

/** The reachability part of the evidence (`unreachable: dev-only: …` after `; reachability: `), else all of it. */
function reachabilityEvidence(finding: Finding): string {
  const marker = '; reachability: ';
  const i = finding.evidence.indexOf(marker);
  return i < 0 ? finding.evidence : finding.evidence.slice(i + marker.length);
}

const STATUS_RANK: Record<OpenVexStatement['status'], number> = {
  not_affected: 0,
  under_investigation: 1,
  affected: 2,
};

/**
 * One statement per vulnerability and product, sorted. When the same component@version sits in
 * two lockfiles with different verdicts, the graver status wins: one place that reaches the
 * code is enough to be affected.
 */
function merge(statements: OpenVexStatement[]): OpenVexStatement[] {
  const byKey = new Map<string, OpenVexStatement>();
  for (const statement of statements) {
    const key = `${statement.vulnerability.name}\u0000${statement.products[0]?.['@id']}`;
    const seen = byKey.get(key);
    if (!seen || STATUS_RANK[statement.status] > STATUS_RANK[seen.status]) byKey.set(key, statement);
  }
  return [...byKey.values()].sort(
    (a, b) =>
      compare(a.vulnerability.name, b.vulnerability.name) ||
      compare(a.products[0]?.['@id'] ?? '', b.products[0]?.['@id'] ?? ''),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
