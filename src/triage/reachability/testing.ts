// Test helpers for triage (not part of the published build): components as the lockfile extractors
// make them, findings as advisory matching makes them, real OSV records from the advisory test data.
import { hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type Advisory,
  type Component,
  type Ecosystem,
  type EpssScore,
  type Finding,
  type KevEntry,
  makePurl,
  type OsvRecord,
  type Scope,
  type Severity,
  severityFromCvssScore,
} from '../../model/index.ts';

export const TESTDATA = join(import.meta.dirname, 'testdata');
const OSV_NPM = join(import.meta.dirname, '../../advisories/testdata/osv/npm');

/** A real GHSA record (OSV JSON as published) from the advisory test data. */
export function osvRecord(id: string): OsvRecord {
  return JSON.parse(readFileSync(join(OSV_NPM, `${id}.json`), 'utf8')) as OsvRecord;
}

export interface ComponentOptions {
  scope?: Scope;
  direct?: boolean;
  /** `name@version` of the components it depends on. */
  deps?: string[];
  lockfile?: string;
  line?: number;
  ecosystem?: Ecosystem;
}

export function component(name: string, version: string, options: ComponentOptions = {}): Component {
  const ecosystem = options.ecosystem ?? 'npm';
  return {
    purl: makePurl(ecosystem, name, version),
    ecosystem,
    name,
    version,
    scope: options.scope ?? 'prod',
    direct: options.direct ?? false,
    licenses: [],
    location: { path: options.lockfile ?? 'package-lock.json', line: options.line ?? 1 },
    source: { type: 'registry' },
    dependencies: (options.deps ?? [])
      .map((d) => {
        const at = d.lastIndexOf('@');
        return makePurl(ecosystem, d.slice(0, at), d.slice(at + 1));
      })
      .sort(),
  };
}

export interface FindingOptions {
  cvss?: number;
  severity?: Severity;
  epssPercentile?: number;
  kev?: boolean | 'ransomware';
  fixed?: string;
  /** remediation.path: from the direct dependency down to the component. */
  path?: string[];
  kind?: Finding['kind'];
}

/** A vulnerability finding on `component` for an advisory (a real record, or a bare id). */
export function vulnerability(
  target: Component,
  advisory: OsvRecord | string,
  options: FindingOptions = {},
): Finding {
  const osv: OsvRecord =
    typeof advisory === 'string'
      ? {
          id: advisory,
          modified: '2024-01-01T00:00:00Z',
          affected: [{ package: { ecosystem: target.ecosystem, name: target.name } }],
        }
      : advisory;
  const ids = [osv.id, ...(osv.aliases ?? [])].sort();
  const full: Advisory = { osv, ids };
  if (options.cvss !== undefined)
    full.cvss = { score: options.cvss, vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' };
  const cve = ids.find((i) => i.startsWith('CVE-')) ?? 'CVE-0000-0000';
  if (options.epssPercentile !== undefined) full.epss = epss(options.epssPercentile);
  if (options.kev) full.kev = kev(cve, options.kev === 'ransomware');
  const id = hash('sha256', `${target.purl}\u0000${osv.id}\u0000${target.location.path}`, 'hex').slice(0, 16);
  const severity =
    options.severity ?? (options.cvss !== undefined ? severityFromCvssScore(options.cvss) : 'high');
  const finding: Finding = {
    id,
    kind: options.kind ?? 'vulnerability',
    ruleId: osv.id,
    title: osv.summary ?? `Vulnerability in ${target.name}`,
    severity,
    location: { ...target.location },
    component: target,
    advisory: full,
    evidence: `${target.name}@${target.version} is in the affected range of ${ids.join(', ')}`,
    fingerprint: id,
    risk: { score: 0, factors: [] },
  };
  if (options.fixed !== undefined || options.path !== undefined) {
    finding.remediation = {
      text: options.fixed
        ? `upgrade ${target.name} to ${options.fixed}`
        : `no fixed version of ${target.name} is published`,
    };
    if (options.fixed) finding.remediation.fixedVersion = options.fixed;
    if (options.path) finding.remediation.path = options.path;
  }
  return finding;
}

function epss(percentile: number): EpssScore {
  return { score: percentile / 10, percentile, date: '2025-08-25' };
}

function kev(cveId: string, ransomware: boolean): KevEntry {
  return { cveId, dateAdded: '2023-10-10', dueDate: '2023-10-31', knownRansomwareCampaignUse: ransomware };
}
