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
  location: FindingLocation;
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
  /** Secrets checked with `--verify`: what the provider said of the secret. */
  verification?: SecretVerification;
}

/**
 * The file and line; for secrets also the column and, in history scans, the commit that added it;
 * for misconfigurations the resource in the file (`Deployment prod/web`, `aws_security_group.web`).
 */
export type FindingLocation = SourceLocation & {
  endLine?: number;
  column?: number;
  commit?: CommitRef;
  resource?: string;
};

export interface CommitRef {
  sha: string;
  author: string;
  email: string;
  /** ISO 8601, as git prints it. */
  date: string;
}

export interface SecretVerification {
  /** verified: it works now; invalid: the provider rejects it; unknown: no clear answer. */
  status: 'verified' | 'invalid' | 'unknown';
  /** The verifier that asked (`github`, `slack`, `npm`). */
  provider: string;
  checkedAt: string;
  /** One line, never the secret: "authenticates as octocat". */
  detail?: string;
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
