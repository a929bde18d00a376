// Sorting a findings table by a column. Ties fall back to the server's order (riskiest first, then
// by id), so a sort is stable however often it is clicked.
import { type Severity, severityRank } from '../../model/severity.ts';
import { TRIAGE_STATES } from '../../store/schema.ts';
import type { FindingSummary } from './api-types.ts';
import { formatPackage } from './format.ts';
import type { SortKey } from './route.ts';

type Compare = (a: FindingSummary, b: FindingSummary) => number;

const text = (a: string, b: string) => a.localeCompare(b, 'en', { sensitivity: 'base', numeric: true });
const rankOf = (severity: string) => severityRank(severity as Severity) ?? -1;

const COMPARE: Record<SortKey, Compare> = {
  risk: (a, b) => a.risk_score - b.risk_score,
  severity: (a, b) => rankOf(a.severity) - rankOf(b.severity) || Number(a.kev) - Number(b.kev),
  title: (a, b) => text(a.title, b.title),
  package: (a, b) => text(formatPackage(a.package), formatPackage(b.package)),
  first_seen: (a, b) => Date.parse(a.first_seen_at) - Date.parse(b.first_seen_at),
  triage: (a, b) => TRIAGE_STATES.indexOf(a.triage.state) - TRIAGE_STATES.indexOf(b.triage.state),
};

/** A sorted copy; the input is left as it was. */
export function sortFindings(
  findings: readonly FindingSummary[],
  key: SortKey,
  descending: boolean,
): FindingSummary[] {
  const compare = COMPARE[key];
  const direction = descending ? -1 : 1;
  return [...findings].sort(
    (a, b) => direction * compare(a, b) || b.risk_score - a.risk_score || a.id - b.id,
  );
}
