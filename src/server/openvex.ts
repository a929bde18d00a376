// OpenVEX 0.2.0 (https://github.com/openvex/spec) for one project and branch: a statement per
// vulnerability and status, naming the affected packages by purl. Triage decisions become
// not_affected (with their justification) or an accepted risk's action statement; fixed
// findings are `fixed`. The document is a function of the stored state: same state, same bytes.
import { createHash } from 'node:crypto';

export interface VexFinding {
  rule_id: string;
  advisory_ids: string[];
  purl: string | null;
  status: 'open' | 'fixed';
  triage_state: string;
  triage_expires_at: Date | null;
  triage_reason: string | null;
  triage_justification: string | null;
  fixed_version: string | null;
  last_seen_at: Date;
  fixed_at: Date | null;
  data: Record<string, unknown>;
}

interface Statement {
  vulnerability: { name: string; aliases?: string[] };
  products: { '@id': string }[];
  status: 'not_affected' | 'affected' | 'fixed';
  justification?: string;
  impact_statement?: string;
  action_statement?: string;
  timestamp: string;
}

export function openVexDocument(
  project: string,
  branch: string,
  findings: readonly VexFinding[],
  author: string,
): Record<string, unknown> {
  const grouped = new Map<string, Statement>();
  for (const f of findings) {
    if (!f.purl) continue;
    const statement = statementFor(f);
    const key = JSON.stringify([
      statement.vulnerability.name,
      statement.status,
      statement.justification,
      statement.impact_statement,
      statement.action_statement,
    ]);
    const seen = grouped.get(key);
    if (!seen) grouped.set(key, statement);
    else {
      seen.products.push(...statement.products);
      if (statement.timestamp > seen.timestamp) seen.timestamp = statement.timestamp;
    }
  }
  const statements = [...grouped.values()]
    .map((s) => ({
      ...s,
      products: uniqueSorted(s.products.map((p) => p['@id'])).map((id) => ({ '@id': id })),
    }))
    .sort((a, b) => compare(a.vulnerability.name, b.vulnerability.name) || compare(a.status, b.status));
  const timestamp =
    statements
      .map((s) => s.timestamp)
      .sort()
      .at(-1) ?? '1970-01-01T00:00:00.000Z';
  const digest = createHash('sha256')
    .update(JSON.stringify([project, branch, statements]))
    .digest('hex')
    .slice(0, 32);
  return {
    '@context': 'https://openvex.dev/ns/v0.2.0',
    '@id': `https://openvex.dev/docs/palisade/${encodeURIComponent(project)}/${encodeURIComponent(branch)}/${digest}`,
    author,
    timestamp,
    version: 1,
    tooling: 'palisade server',
    statements,
  };
}

function statementFor(f: VexFinding): Statement {
  const aliases = f.advisory_ids.filter((id) => id !== f.rule_id);
  const base = {
    vulnerability: aliases.length > 0 ? { name: f.rule_id, aliases } : { name: f.rule_id },
    products: [{ '@id': f.purl! }],
  };
  if (f.status === 'fixed') return { ...base, status: 'fixed', timestamp: iso(f.fixed_at ?? f.last_seen_at) };
  const at = iso(f.last_seen_at);
  switch (f.triage_state) {
    case 'not_affected':
      return {
        ...base,
        status: 'not_affected',
        justification: f.triage_justification ?? 'vulnerable_code_not_in_execute_path',
        ...(f.triage_reason ? { impact_statement: f.triage_reason } : {}),
        timestamp: at,
      };
    case 'false_positive':
      return {
        ...base,
        status: 'not_affected',
        justification: 'vulnerable_code_not_present',
        impact_statement: `false positive${f.triage_reason ? `: ${f.triage_reason}` : ''}`,
        timestamp: at,
      };
    case 'accepted_risk':
      return {
        ...base,
        status: 'affected',
        action_statement: `risk accepted until ${iso(f.triage_expires_at ?? f.last_seen_at).slice(0, 10)}${f.triage_reason ? `: ${f.triage_reason}` : ''}`,
        timestamp: at,
      };
    default:
      return { ...base, status: 'affected', action_statement: remediationText(f), timestamp: at };
  }
}

function remediationText(f: VexFinding): string {
  const remediation = f.data.remediation as { text?: unknown } | undefined;
  if (typeof remediation?.text === 'string' && remediation.text) return remediation.text;
  return f.fixed_version
    ? `upgrade to ${f.fixed_version}`
    : 'no fixed version is known; remove or replace the package';
}

function iso(date: Date): string {
  return date.toISOString();
}

function uniqueSorted(values: string[]): string[] {
  return [...new Set(values)].sort(compare);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
