/** The VEX statuses, as OpenVEX names them; the other formats' states map onto these. */
export type VexStatus = 'not_affected' | 'affected' | 'fixed' | 'under_investigation';

/** One VEX statement, whatever format it came in. */
export interface VexStatement {
  /** The vulnerability id and its aliases (CVE, GHSA, …). */
  vulnerabilities: string[];
  /** purls of the products or components it is about; a purl without version covers every version. */
  products: string[];
  status: VexStatus;
  /** OpenVEX justification vocabulary where the source gave one. */
  justification?: string;
  /** Free text: impact statement, analysis detail, threat details. */
  statement?: string;
  /** The document it came from. */
  source: string;
}
