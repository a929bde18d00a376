export interface ReportContext {
  /** Palisade's version, written into SBOM tool metadata. */
  toolVersion: string;
  /** Fixed timestamps and content-derived serial numbers, so two runs give identical files. */
  reproducible: boolean;
  /** ANSI colour for terminal formats. */
  color: boolean;
  /** What a human-readable report lists: the components (inventory) or the findings (scan). */
  view: 'inventory' | 'findings';
}
