import cvss from 'ae-cvss-calculator';
import {
  type OsvAffected,
  type OsvRecord,
  type OsvSeverity,
  type Severity,
  severityFromCvssScore,
} from '../model/index.ts';

export interface AdvisorySeverity {
  severity: Severity;
  /** CVSS base score, when a vector was given. */
  score?: number;
  vector?: string;
  /** Where the rating came from: a CVSS version, or the database's own label. */
  source: 'CVSS_V4' | 'CVSS_V3' | 'CVSS_V2' | 'database' | 'unknown';
}

const PREFERENCE = ['CVSS_V4', 'CVSS_V3', 'CVSS_V2'] as const;

/** GHSA's labels (database_specific.severity); MODERATE is GitHub's word for medium. */
const LABELS: Record<string, Severity> = {
  CRITICAL: 'critical',
  HIGH: 'high',
  MODERATE: 'medium',
  MEDIUM: 'medium',
  LOW: 'low',
};

/**
 * The severity of an advisory: the newest CVSS vector (v4, then v3.x, then v2) scored by a CVSS
 * calculator, else the database's own label, else medium (unknown is not the same as harmless).
 */
export function advisorySeverity(record: OsvRecord, affected?: OsvAffected): AdvisorySeverity {
  // Records are cached by the store and shared by every component they affect: rate each once.
  const key = affected ?? record;
  const cached = rated.get(key);
  if (cached) return cached;
  const value = rate(record, affected);
  rated.set(key, value);
  return value;
}

const rated = new WeakMap<object, AdvisorySeverity>();

function rate(record: OsvRecord, affected?: OsvAffected): AdvisorySeverity {
  const vectors = [...(affected?.severity ?? []), ...(record.severity ?? [])];
  for (const type of PREFERENCE) {
    const rated = score(vectors.find((s) => s.type === type));
    if (rated) return { ...rated, source: type };
  }
  const label = record.database_specific?.severity;
  if (typeof label === 'string' && LABELS[label.toUpperCase()]) {
    return { severity: LABELS[label.toUpperCase()]!, source: 'database' };
  }
  return { severity: 'medium', source: 'unknown' };
}

function score(
  entry: OsvSeverity | undefined,
): { severity: Severity; score: number; vector: string } | undefined {
  if (!entry) return undefined;
  try {
    const parsed = cvss.fromVector(entry.score);
    const value = parsed?.calculateScores().overall;
    if (typeof value !== 'number' || Number.isNaN(value)) return undefined;
    return { severity: severityFromCvssScore(value), score: value, vector: entry.score };
  } catch {
    return undefined; // a malformed vector: fall back to the next source of a rating
  }
}
