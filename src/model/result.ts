import type { Component } from './component.ts';
import type { Decision } from './decision.ts';
import type { Finding } from './finding.ts';

export type FileStatus = 'parsed' | 'failed' | 'skipped';

/** What happened to one file the scan found: the coverage report that keeps loss from being silent. */
export interface CoverageFile {
  path: string;
  /** The extractor (`npm/package-lock`) or analyzer that handled the file. */
  type: string;
  status: FileStatus;
  error?: string;
  /** How many components the file yielded. */
  components?: number;
}

/** An entry of a parsed file that could not become a versioned component. */
export interface CoverageEntry {
  path: string;
  line: number;
  name: string;
  reason: string;
}

export interface Coverage {
  files: CoverageFile[];
  unresolved: CoverageEntry[];
}

/** The project a lockfile or manifest describes, as the file names it. */
export interface ProjectRoot {
  path: string;
  name: string;
  version?: string;
}

/**
 * The result of inventory, scan and policy evaluation: the public JSON contract
 * (ARCHITECTURE.md, "Public contracts"), serialized as is with `schemaVersion`.
 */
export interface ScanResult {
  schemaVersion: 1;
  /** The scanned directory or artifact, as the user named it. */
  target: string;
  components: Component[];
  findings: Finding[];
  decisions: Decision[];
  coverage: Coverage;
  /** One per file that names its project; SBOM writers use them for the dependency graph. */
  projects: ProjectRoot[];
}
