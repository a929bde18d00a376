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
  /** What was seen; secret values are redacted before they reach a Finding. */
  evidence: string;
  /** Stable across runs and line moves: the basis of history, baselines and dedup. */
  fingerprint: string;
  reachability?: Reachability;
  risk: { score: number; factors: RiskFactor[] };
  remediation?: string;
  suppressed?: { reason: string; by: string };
}
