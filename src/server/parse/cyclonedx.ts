// CycloneDX JSON (1.4 to 1.6) BOMs: components with purls become components (one per file the
// BOM says the package was found in), the dependency graph becomes their edges, and the
// `vulnerabilities` section, when present, becomes findings. A BOM without that section has
// not been checked against advisories; the server matches it.
import { z } from 'zod';
import {
  type Component,
  type Finding,
  type KevEntry,
  type OsvRecord,
  type Scope,
  SEVERITIES,
  type Severity,
  severityFromCvssScore,
  severityRank,
} from '../../model/index.ts';
import { badRequest } from '../http-error.ts';
import { parseWith } from './issues.ts';
import { identityOf, vulnerabilityFingerprint } from './purl.ts';
import type { ParsedUpload } from './upload.ts';

const MAX_DEPTH = 32;
/** Where a package is when the BOM does not say which file listed it. */
export const SBOM_PATH = 'sbom';

const property = z.looseObject({ name: z.string(), value: z.string().optional() });

interface CdxComponent {
  'bom-ref'?: string | undefined;
  purl?: string | undefined;
  group?: string | undefined;
  name?: string | undefined;
  version?: string | undefined;
  scope?: string | undefined;
  licenses?: unknown[] | undefined;
  properties?: { name: string; value?: string | undefined }[] | undefined;
  evidence?: { occurrences?: { location: string; line?: number | undefined }[] | undefined } | undefined;
  components?: CdxComponent[] | undefined;
}

const component: z.ZodType<CdxComponent> = z.lazy(() =>
  z.looseObject({
    'bom-ref': z.string().optional(),
    purl: z.string().optional(),
    group: z.string().optional(),
    name: z.string().optional(),
    version: z.string().optional(),
    scope: z.string().optional(),
    licenses: z.array(z.unknown()).optional(),
    properties: z.array(property).optional(),
    evidence: z
      .looseObject({
        occurrences: z
          .array(z.looseObject({ location: z.string(), line: z.number().int().optional() }))
          .optional(),
      })
      .optional(),
    components: z.array(component).optional(),
  }),
);

const rating = z.looseObject({
  severity: z.string().optional(),
  score: z.number().optional(),
  method: z.string().optional(),
  vector: z.string().optional(),
});

const vulnerability = z.looseObject({
  id: z.string().min(1),
  references: z.array(z.looseObject({ id: z.string() })).optional(),
  ratings: z.array(rating).optional(),
  description: z.string().optional(),
  detail: z.string().optional(),
  recommendation: z.string().optional(),
  published: z.string().optional(),
  updated: z.string().optional(),
  affects: z.array(z.looseObject({ ref: z.string() })).optional(),
  properties: z.array(property).optional(),
});

const bomSchema = z.looseObject({
  bomFormat: z.literal('CycloneDX'),
  specVersion: z.string(),
  serialNumber: z.string().optional(),
  metadata: z.looseObject({ component: component.optional() }).optional(),
  components: z.array(component).optional(),
  dependencies: z
    .array(z.looseObject({ ref: z.string(), dependsOn: z.array(z.string()).optional() }))
    .optional(),
  vulnerabilities: z.array(vulnerability).optional(),
});

type Bom = z.infer<typeof bomSchema>;
type Vulnerability = z.infer<typeof vulnerability>;

export function isCycloneDx(json: Record<string, unknown>): boolean {
  return json.bomFormat === 'CycloneDX';
}

export function parseCycloneDx(json: unknown): ParsedUpload {
  const bom = parseWith(bomSchema, json, 'CycloneDX BOM');
  if (!/^1\.[2-7]$/.test(bom.specVersion))
    throw badRequest(
      `CycloneDX BOM: specVersion ${bom.specVersion} is not supported; send 1.4, 1.5 or 1.6 JSON`,
    );
  const notes: string[] = [];
  const flat = flatten(bom.components ?? []);
  const byRef = new Map<string, Component[]>();
  const rootRef = bom.metadata?.component?.['bom-ref'];
  const edges = new Map((bom.dependencies ?? []).map((d) => [d.ref, d.dependsOn ?? []]));
  const direct = new Set(rootRef ? (edges.get(rootRef) ?? []) : []);
  let skipped = 0;
  for (const c of flat) {
    const built = toComponents(c, direct);
    if (built.length === 0) {
      skipped++;
      continue;
    }
    byRef.set(c['bom-ref'] ?? c.purl ?? '', built);
  }
  const purlOf = (ref: string) => byRef.get(ref)?.[0]?.purl;
  for (const [ref, list] of byRef) {
    const dependencies = [
      ...new Set((edges.get(ref) ?? []).map(purlOf).filter((p): p is string => !!p)),
    ].sort();
    for (const c of list) c.dependencies = dependencies;
  }
  if (skipped > 0) notes.push(`${skipped} component(s) without a purl of a known ecosystem were not stored`);
  const components = [...byRef.values()].flat();
  const findings = bom.vulnerabilities === undefined ? undefined : toFindings(bom, byRef, notes);
  return {
    format: 'cyclonedx',
    specVersion: bom.specVersion,
    serialNumber: bom.serialNumber ?? null,
    target: bom.metadata?.component?.name ?? null,
    components,
    findings,
    complete: true,
    notes,
  };
}

function flatten(list: readonly CdxComponent[], depth = 0): CdxComponent[] {
  if (depth > MAX_DEPTH) throw badRequest(`CycloneDX BOM: components nest deeper than ${MAX_DEPTH} levels`);
  return list.flatMap((c) => [c, ...flatten(c.components ?? [], depth + 1)]);
}

const SCOPE: Record<string, Scope> = { required: 'prod', optional: 'optional', excluded: 'dev' };

function toComponents(c: CdxComponent, direct: ReadonlySet<string>): Component[] {
  if (!c.purl) return [];
  const identity = identityOf(c.purl, c.name === undefined ? undefined : { group: c.group, name: c.name });
  if (!identity) return [];
  const property = (name: string) => c.properties?.find((p) => p.name === name)?.value;
  const flag = property('palisade:direct');
  const path = property('palisade:source-path');
  const source: Component['source'] =
    property('palisade:source-type') === 'path' && path
      ? { type: 'path', path, link: false }
      : identity.source;
  const occurrences = c.evidence?.occurrences?.length
    ? c.evidence.occurrences
    : [{ location: SBOM_PATH, line: 0 }];
  return occurrences.map((o) => {
    const built: Component = {
      purl: c.purl!,
      ecosystem: identity.ecosystem,
      name: identity.name,
      scope: SCOPE[c.scope ?? 'required'] ?? 'prod',
      direct: flag !== undefined ? flag === 'true' : direct.has(c['bom-ref'] ?? c.purl!),
      licenses: licenses(c.licenses ?? []),
      location: { path: o.location, line: o.line ?? 0 },
      source,
      dependencies: [],
    };
    const version = c.version ?? identity.version;
    if (version !== undefined) built.version = version;
    return built;
  });
}

function licenses(entries: readonly unknown[]): string[] {
  const out: string[] = [];
  for (const entry of entries) {
    if (typeof entry !== 'object' || entry === null) continue;
    const e = entry as { expression?: unknown; license?: { id?: unknown; name?: unknown } };
    const value = e.expression ?? e.license?.id ?? e.license?.name;
    if (typeof value === 'string' && value) out.push(value);
  }
  return out;
}

function toFindings(bom: Bom, byRef: ReadonlyMap<string, Component[]>, notes: string[]): Finding[] {
  const findings: Finding[] = [];
  let unknownRefs = 0;
  for (const v of bom.vulnerabilities ?? []) {
    const severity = severityOf(v);
    const props = new Map((v.properties ?? []).map((p) => [p.name, p.value ?? '']));
    const ids = [...new Set([v.id, ...(v.references ?? []).map((r) => r.id)])].sort();
    const kind = props.get('palisade:kind') === 'integrity' ? 'integrity' : 'vulnerability';
    const fixedVersion = /^upgrade \S+ to (\S+)/.exec(v.recommendation ?? '')?.[1];
    for (const affect of v.affects ?? []) {
      const components = byRef.get(affect.ref);
      if (!components) {
        unknownRefs++;
        continue;
      }
      for (const c of components)
        findings.push(toFinding(v, c, { severity, props, ids, kind, fixedVersion }));
    }
  }
  if (unknownRefs > 0)
    notes.push(`${unknownRefs} vulnerability reference(s) to components not in the BOM were ignored`);
  return findings;
}

function toFinding(
  v: Vulnerability,
  c: Component,
  f: {
    severity: Severity;
    props: Map<string, string>;
    ids: string[];
    kind: 'vulnerability' | 'integrity';
    fixedVersion: string | undefined;
  },
): Finding {
  const fingerprint = vulnerabilityFingerprint(c.ecosystem, c.name, v.id, c.location.path);
  const osv: OsvRecord = { id: v.id, modified: v.updated ?? v.published ?? '' };
  if (v.description) osv.summary = v.description;
  if (v.detail) osv.details = v.detail;
  if (v.published) osv.published = v.published;
  const advisory: NonNullable<Finding['advisory']> = { osv, ids: f.ids };
  const cvss = v.ratings?.find((r) => r.vector && r.score !== undefined);
  if (cvss) advisory.cvss = { score: cvss.score!, vector: cvss.vector! };
  const epss = Number(f.props.get('palisade:epss:score'));
  if (f.props.has('palisade:epss:score') && Number.isFinite(epss))
    advisory.epss = {
      score: epss,
      percentile: Number(f.props.get('palisade:epss:percentile') ?? 0),
      date: '',
    };
  const kevDate = f.props.get('palisade:kev:dateAdded');
  if (kevDate) advisory.kev = kevEntry(f.ids, kevDate);
  const label = `${c.name}@${c.version ?? ''}`;
  const finding: Finding = {
    id: fingerprint,
    kind: f.kind,
    ruleId: v.id,
    title: v.description ?? `${v.id} in ${c.name}`,
    severity: f.severity,
    location: { ...c.location },
    component: c,
    advisory,
    evidence: `${label} is affected by ${f.ids.join(', ')}`,
    fingerprint,
    risk: { score: 0, factors: [] },
  };
  if (v.recommendation) {
    finding.remediation = { text: v.recommendation };
    if (f.fixedVersion) finding.remediation.fixedVersion = f.fixedVersion;
  }
  return finding;
}

function kevEntry(ids: string[], dateAdded: string): KevEntry {
  return {
    cveId: ids.find((id) => id.startsWith('CVE-')) ?? ids[0] ?? '',
    dateAdded,
    dueDate: '',
    knownRansomwareCampaignUse: false,
  };
}

/** The worst rating given; a score without a severity is rated by CVSS bands; none at all is medium. */
function severityOf(v: Vulnerability): Severity {
  let worst: Severity | undefined;
  for (const r of v.ratings ?? []) {
    const named = r.severity === 'none' ? 'info' : r.severity;
    const severity = (SEVERITIES as readonly string[]).includes(named ?? '')
      ? (named as Severity)
      : r.score !== undefined
        ? severityFromCvssScore(r.score)
        : undefined;
    if (severity && (!worst || severityRank(severity) > severityRank(worst))) worst = severity;
  }
  return worst ?? 'medium';
}
