import type { Advisory } from './advisory.ts';
import type { Component, SourceLocation } from './component.ts';
import type { Severity } from './severity.ts';

export type FindingKind = 'vulnerability' | 'secret' | 'misconfiguration' | 'code' | 'integrity';

export type Reachability = 'unreachable' | 'imported' | 'function-reachable' | 'unknown';

export interface RiskFactor {
  name: string;
  value: number | string | boolean;
  weight: number;
}

export interface Finding {
  /** Content-derived id, unique in one result. */
  id: string;
  kind: FindingKind;
  ruleId: string;
  title: string;
  severity: Severity;
  location: SourceLocation & { endLine?: number };
  component?: Component;
  /** For vulnerability and malicious-package findings: the advisory with every merged identifier. */
  advisory?: Advisory;
  /** What was seen; secret values are redacted before they reach a Finding. */
  evidence: string;
  /** Stable across runs and line moves: the basis of history, baselines and dedup. */
  fingerprint: string;
  reachability?: Reachability;
  risk: { score: number; factors: RiskFactor[] };
  remediation?: Remediation;
  suppressed?: { reason: string; by: string };
}

/** What to do about a finding. */
export interface Remediation {
  /** One sentence a developer can act on: "upgrade qs to 6.7.3 (via express@4.17.1 > qs@6.7.0)". */
  text: string;
  /** The smallest version of the component that fixes every advisory on it. */
  fixedVersion?: string;
  /** Names and versions from a direct dependency down to the component, for transitive ones. */
  path?: string[];
}
