import type { Decision } from '../model/index.ts';

export interface ReportContext {
  /** Palisade's version, written into SBOM tool metadata. */
  toolVersion: string;
  /** Fixed timestamps and content-derived serial numbers, so two runs give identical files. */
  reproducible: boolean;
  /** ANSI colour for terminal formats. */
  color: boolean;
  /** What a human-readable report lists: the components (inventory) or the findings (scan). */
  view: 'inventory' | 'findings';
  /**
   * What fails the build, for the formats that show pass or fail (JUnit). Absent: every open
   * finding fails it (`palisade secrets`, which exits 1 on any finding).
   */
  gate?: BuildGate;
}

/** The command's pass/fail verdict per finding, as its exit code decides it. */
export interface BuildGate {
  /** Ids of the findings that fail the build. */
  failing: ReadonlySet<string>;
  /** Denying policy decisions that name no finding of the report; each fails the build too. */
  unmatched: readonly Decision[];
}
