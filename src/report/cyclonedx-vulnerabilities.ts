import type { Finding } from '../model/index.ts';

/**
 * The CycloneDX 1.6 `vulnerabilities` array (https://cyclonedx.org/docs/1.6/json/#vulnerabilities)
 * for vulnerability and malicious-package findings: one entry per advisory, affecting every
 * component it was found on, with CVSS ratings, the fix as `recommendation`, EPSS and KEV as
 * properties, and suppressions as `analysis`. Written as JSON beside the library's normalized BOM
 * because its Vulnerability model has no place for the EPSS/KEV properties on each rating source.
 */
export function cyclonedxVulnerabilities(findings: readonly Finding[]): object[] {
  const byRule = new Map<string, Finding[]>();
  for (const f of findings) {
    if ((f.kind !== 'vulnerability' && f.kind !== 'integrity') || !f.advisory || !f.component) continue;
    const list = byRule.get(f.ruleId) ?? [];
    list.push(f);
    byRule.set(f.ruleId, list);
  }
  return [...byRule.keys()].sort().map((ruleId) => entry(byRule.get(ruleId)!));
}

const METHOD: Record<string, string> = { CVSS_V4: 'CVSSv4', CVSS_V3: 'CVSSv31', CVSS_V2: 'CVSSv2' };

function entry(findings: Finding[]): object {
  const first = findings[0]!;
  const osv = first.advisory!.osv;
  const ratings = (osv.severity ?? []).flatMap((s) =>
    METHOD[s.type]
      ? [
          {
            method: s.type === 'CVSS_V3' && s.score.startsWith('CVSS:3.0') ? 'CVSSv3' : METHOD[s.type],
            vector: s.score,
            severity: first.severity,
          },
        ]
      : [],
  );
  if (ratings.length === 0)
    ratings.push({ method: 'other', severity: first.severity } as (typeof ratings)[number]);
  const properties = [
    ...(first.advisory?.epss
      ? [
          { name: 'palisade:epss:score', value: String(first.advisory.epss.score) },
          { name: 'palisade:epss:percentile', value: String(first.advisory.epss.percentile) },
        ]
      : []),
    ...(first.advisory?.kev ? [{ name: 'palisade:kev:dateAdded', value: first.advisory.kev.dateAdded }] : []),
    { name: 'palisade:kind', value: first.kind },
  ];
  const affects = [...new Map(findings.map((f) => [f.component!.purl, f])).values()].map((f) => ({
    ref: f.component!.purl,
    versions: [{ version: f.component!.version ?? '', status: 'affected' }],
  }));
  const suppressed = findings.every((f) => f.suppressed) ? first.suppressed : undefined;
  return {
    'bom-ref': `vuln:${osv.id}`,
    id: osv.id,
    ...(source(osv.id) ? { source: source(osv.id) } : {}),
    references: first
      .advisory!.ids.filter((id) => id !== osv.id)
      .map((id) => ({ id, source: source(id) ?? { name: 'OSV' } })),
    ratings,
    ...(osv.summary ? { description: osv.summary } : {}),
    ...(osv.details ? { detail: osv.details } : {}),
    ...(first.remediation ? { recommendation: first.remediation.text } : {}),
    advisories: (osv.references ?? []).filter((r) => r.type === 'ADVISORY').map((r) => ({ url: r.url })),
    ...(osv.published ? { published: osv.published } : {}),
    ...(osv.modified && !osv.modified.startsWith('0001-') ? { updated: osv.modified } : {}),
    ...(suppressed ? { analysis: analysis(suppressed) } : {}),
    affects,
    properties,
  };
}

function analysis(suppressed: NonNullable<Finding['suppressed']>): object {
  return suppressed.by.startsWith('VEX')
    ? { state: 'not_affected', detail: suppressed.reason }
    : { state: 'exploitable', response: ['will_not_fix'], detail: `${suppressed.reason} (${suppressed.by})` };
}

function source(id: string): { name: string; url: string } | undefined {
  if (id.startsWith('CVE-')) return { name: 'NVD', url: `https://nvd.nist.gov/vuln/detail/${id}` };
  if (id.startsWith('GHSA-')) return { name: 'GitHub', url: `https://github.com/advisories/${id}` };
  return { name: 'OSV', url: `https://osv.dev/vulnerability/${id}` };
}
