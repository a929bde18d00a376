/**
 * OSV schema 1.6 (https://ossf.github.io/osv-schema/): the internal shape of every advisory.
 * Other sources (npm bulk advisories, …) are converted to it. Only the fields Palisade reads are
 * typed; unknown fields are kept as they came.
 */
export interface OsvEvent {
  introduced?: string;
  fixed?: string;
  last_affected?: string;
  limit?: string;
}

export interface OsvRange {
  type: 'SEMVER' | 'ECOSYSTEM' | 'GIT';
  repo?: string;
  events: OsvEvent[];
  database_specific?: Record<string, unknown>;
}

export interface OsvSeverity {
  type: 'CVSS_V2' | 'CVSS_V3' | 'CVSS_V4' | 'Ubuntu' | string;
  score: string;
}

export interface OsvAffected {
  package?: { ecosystem: string; name: string; purl?: string };
  severity?: OsvSeverity[];
  ranges?: OsvRange[];
  versions?: string[];
  ecosystem_specific?: Record<string, unknown>;
  database_specific?: Record<string, unknown>;
}

export interface OsvReference {
  type: string;
  url: string;
}

export interface OsvRecord {
  schema_version?: string;
  id: string;
  modified: string;
  published?: string;
  withdrawn?: string;
  aliases?: string[];
  related?: string[];
  upstream?: string[];
  summary?: string;
  details?: string;
  severity?: OsvSeverity[];
  affected?: OsvAffected[];
  references?: OsvReference[];
  database_specific?: Record<string, unknown>;
}

/** FIRST EPSS: probability of exploitation activity in the next 30 days. */
export interface EpssScore {
  score: number;
  percentile: number;
  date: string;
}

/** An entry of the CISA Known Exploited Vulnerabilities catalog. */
export interface KevEntry {
  cveId: string;
  dateAdded: string;
  dueDate: string;
  knownRansomwareCampaignUse: boolean;
  requiredAction?: string;
}

/**
 * An advisory as a finding carries it: the primary OSV record, every identifier merged into it
 * (its own id, aliases, and the ids of records that alias it), and the likelihood signals.
 */
export interface Advisory {
  osv: OsvRecord;
  ids: string[];
  /** The CVSS rating the severity came from, when the advisory has a vector. */
  cvss?: { score: number; vector: string };
  epss?: EpssScore;
  kev?: KevEntry;
}
