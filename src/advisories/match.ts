import { hash as cryptoHash } from 'node:crypto';
import type {
  Advisory,
  Component,
  Finding,
  OsvAffected,
  OsvRecord,
  Remediation,
  Severity,
} from '../model/index.ts';
import { severityRank } from '../model/index.ts';
import { compareVersions, fixedVersions, isAffected } from '../versioning/index.ts';
import { groupByAlias, identifiers, primaryRecord } from './aliases.ts';
import { type AdvisoryLookup, normalizePackageName } from './lookup.ts';
import { advisorySeverity } from './severity.ts';
import { baseEcosystem } from './store/builder.ts';

/** A component that could not be checked, and why: part of the coverage report. */
export interface Unmatched {
  purl: string;
  path: string;
  reason: string;
}

export interface MatchResult {
  findings: Finding[];
  unmatched: Unmatched[];
}

interface Hit {
  record: OsvRecord;
  affected: OsvAffected;
}

/**
 * Components x advisories -> findings. One finding per vulnerability per component and file:
 * records that alias each other merge; withdrawn records are skipped; malicious-package records
 * (`MAL-`) become `integrity` findings, always critical. Each finding says how to fix it.
 */
export async function matchComponents(
  components: readonly Component[],
  lookup: AdvisoryLookup,
): Promise<MatchResult> {
  const findings: Finding[] = [];
  const unmatched: Unmatched[] = [];
  const byFile = groupByFile(components);
  for (const component of components) {
    if (component.version === undefined || component.source.type !== 'registry') continue;
    const problems: string[] = [];
    const hits = affectingHits(component, await lookup.lookup(component.ecosystem, component.name), problems);
    for (const reason of problems)
      unmatched.push({ purl: component.purl, path: component.location.path, reason });
    if (hits.length === 0) continue;
    const path = component.direct ? [] : (byFile.get(component.location.path)?.pathTo(component.purl) ?? []);
    // One upgrade that fixes every advisory on the component is the advice; where none exists
    // (an advisory without a fix), each finding gets the smallest version that fixes it.
    const fixAll = smallestFix(component, hits);
    for (const group of groupByAlias(hits.map((h) => h.record))) {
      const groupHits = hits.filter((h) => group.includes(h.record));
      const fixed = fixAll ?? smallestFix(component, groupHits);
      findings.push(toFinding(component, groupHits, lookup, remediation(component, fixed, path)));
    }
  }
  findings.sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || (a.id < b.id ? -1 : 1));
  return { findings, unmatched };
}

/**
 * The records whose ranges contain the component's version. A record whose bounds its ecosystem
 * cannot order (a few upstream records carry dates as versions) is reported, and the others still
 * apply: one bad record must not hide the rest.
 */
function affectingHits(component: Component, records: OsvRecord[], problems: string[]): Hit[] {
  const name = normalizePackageName(component.ecosystem, component.name);
  const hits: Hit[] = [];
  for (const record of records) {
    if (record.withdrawn) continue;
    const candidates = (record.affected ?? []).filter(
      (a) =>
        a.package !== undefined &&
        baseEcosystem(a.package.ecosystem) === component.ecosystem &&
        normalizePackageName(component.ecosystem, a.package.name) === name,
    );
    try {
      const affected = candidates.find((a) => isAffected(component.ecosystem, component.version!, a));
      if (affected) hits.push({ record, affected });
    } catch (error) {
      problems.push(`${record.id}: ${describe(error)}`);
    }
  }
  return hits;
}

function toFinding(component: Component, hits: Hit[], lookup: AdvisoryLookup, fix: Remediation): Finding {
  const records = hits.map((h) => h.record);
  const primary = primaryRecord(records);
  const ids = [...new Set(records.flatMap(identifiers))].sort();
  const malicious = ids.some((id) => id.startsWith('MAL-'));
  const rated = hits.map((h) => advisorySeverity(h.record, h.affected));
  const worst = rated.reduce((a, b) => (severityRank(b.severity) > severityRank(a.severity) ? b : a));
  const severity: Severity = malicious ? 'critical' : worst.severity;
  const cves = ids.filter((id) => id.startsWith('CVE-'));
  // KEV also through `related`: the Go record of HTTP/2 rapid reset (CVE-2023-39325) relates the
  // protocol-level CVE-2023-44487 that CISA lists as exploited; the exploitation is the same.
  const related = records.flatMap((r) => r.related ?? []).filter((id) => id.startsWith('CVE-'));
  const advisory: Advisory = { osv: primary, ids };
  if (worst.score !== undefined && worst.vector !== undefined)
    advisory.cvss = { score: worst.score, vector: worst.vector };
  const epss = cves.map((c) => lookup.epss(c)).find((e) => e !== undefined);
  const kev = [...cves, ...related].map((c) => lookup.kev(c)).find((k) => k !== undefined);
  if (epss) advisory.epss = epss;
  if (kev) advisory.kev = kev;
  const fingerprint = hash([
    'vulnerability',
    component.ecosystem,
    component.name,
    primary.id,
    component.location.path,
  ]);
  const label = `${component.name}@${component.version}`;
  return {
    id: fingerprint,
    kind: malicious ? 'integrity' : 'vulnerability',
    ruleId: primary.id,
    title: malicious
      ? `Malicious package: ${label}`
      : (primary.summary ?? headline(primary.details) ?? `Vulnerability in ${component.name}`),
    severity,
    location: { ...component.location },
    component,
    advisory,
    evidence: `${label} is in the affected range of ${ids.join(', ')}`,
    fingerprint,
    risk: { score: 0, factors: [] },
    remediation: malicious
      ? { text: `remove ${component.name}: every version of it in this range is malicious` }
      : fix,
  };
}

/**
 * The smallest version above the current one that none of `hits` affects, in the component's
 * spelling. No version can fix all when one advisory has no fix above the current version, and
 * none below the largest of the advisories' own first fixes can: both cut the search short, which
 * matters for packages with hundreds of advisories (Go's stdlib, Django).
 */
function smallestFix(component: Component, hits: Hit[]): string | undefined {
  const ecosystem = component.ecosystem;
  const above = (v: string): boolean => safeCompare(ecosystem, v, component.version!) > 0;
  let floor: string | undefined;
  const candidates = new Set<string>();
  for (const hit of hits) {
    const fixes = fixedVersions(hit.affected).filter(above);
    if (fixes.length === 0) return undefined;
    const first = fixes.reduce((a, b) => (safeCompare(ecosystem, a, b) <= 0 ? a : b));
    if (floor === undefined || safeCompare(ecosystem, first, floor) > 0) floor = first;
    for (const v of fixes) candidates.add(v);
  }
  const ordered = [...candidates]
    .filter((v) => floor === undefined || safeCompare(ecosystem, v, floor) >= 0)
    .sort((a, b) => safeCompare(ecosystem, a, b));
  const fixed = ordered.find((v) => hits.every((h) => !safeIsAffected(ecosystem, v, h.affected)));
  return fixed === undefined ? undefined : inComponentStyle(fixed, component);
}

/** The advice, with the chain of packages from a direct dependency down to a transitive component. */
function remediation(component: Component, fixedVersion: string | undefined, path: string[]): Remediation {
  const via = path.length > 0 ? ` (via ${path.join(' > ')})` : '';
  const fix: Remediation = fixedVersion
    ? { text: `upgrade ${component.name} to ${fixedVersion}${via}`, fixedVersion }
    : {
        text: `no fixed version of ${component.name} is published${via}; remove or replace it, or accept the risk`,
      };
  if (path.length > 0) fix.path = path;
  return fix;
}

/** Go advisories write versions without the `v` that go.mod (and the fix command) needs. */
function inComponentStyle(version: string, component: Component): string {
  return component.ecosystem === 'Go' && component.version?.startsWith('v') && !version.startsWith('v')
    ? `v${version}`
    : version;
}

function safeIsAffected(ecosystem: Component['ecosystem'], version: string, affected: OsvAffected): boolean {
  try {
    return isAffected(ecosystem, version, affected);
  } catch {
    return true; // cannot tell: not a safe version to recommend
  }
}

function safeCompare(ecosystem: Component['ecosystem'], a: string, b: string): number {
  try {
    return compareVersions(ecosystem, a, b);
  } catch {
    return a < b ? -1 : a > b ? 1 : 0;
  }
}

/** The dependency graph of one lockfile, for the path from a direct dependency to a component. */
class FileGraph {
  private readonly parents = new Map<string, string[]>();
  private readonly byPurl = new Map<string, Component>();

  constructor(components: Component[]) {
    for (const c of components) {
      this.byPurl.set(c.purl, c);
      for (const child of c.dependencies) {
        const list = this.parents.get(child) ?? [];
        list.push(c.purl);
        this.parents.set(child, list);
      }
    }
  }

  /** Shortest chain direct -> … -> purl (breadth-first over reverse edges), as name@version labels. */
  pathTo(purl: string): string[] {
    const previous = new Map<string, string>([[purl, '']]);
    const queue = [purl];
    for (let i = 0; i < queue.length; i++) {
      const current = queue[i]!;
      if (current !== purl && this.byPurl.get(current)?.direct) {
        const chain: string[] = [];
        for (let p: string | undefined = current; p; p = previous.get(p) || undefined)
          chain.push(this.label(p));
        return chain;
      }
      for (const parent of this.parents.get(current) ?? []) {
        if (!previous.has(parent)) {
          previous.set(parent, current);
          queue.push(parent);
        }
      }
    }
    return [];
  }

  private label(purl: string): string {
    const c = this.byPurl.get(purl);
    return c ? `${c.name}@${c.version ?? ''}` : purl;
  }
}

function groupByFile(components: readonly Component[]): Map<string, FileGraph> {
  const files = new Map<string, Component[]>();
  for (const c of components) {
    const list = files.get(c.location.path) ?? [];
    list.push(c);
    files.set(c.location.path, list);
  }
  return new Map([...files].map(([path, list]) => [path, new FileGraph(list)]));
}

/** Records without a summary (PYSEC, many Go ones) get their details' first sentence as a title. */
function headline(details: string | undefined): string | undefined {
  const first = details?.split(/(?<=\.)\s|\n/)[0]?.trim();
  if (!first) return undefined;
  return first.length > 120 ? `${first.slice(0, 119)}…` : first;
}

function hash(parts: string[]): string {
  return cryptoHash('sha256', parts.join('\u0000'), 'hex').slice(0, 16);
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
}
