// How values read on screen: dates in UTC (the server's clock, the same for every viewer), ages,
// metric values by unit, and the words for the API's enum values.
import type { Severity } from '../../model/severity.ts';
import type { TriageState, VexJustification } from '../../store/schema.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** `2026-01-31 14:05 UTC`; an em dash for none. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** `2026-01-31`. */
export function formatDay(iso: string | null | undefined): string {
  return iso ? formatDate(iso).slice(0, 10) : '—';
}

/** How long ago, coarsely: `just now`, `5 h ago`, `3 d ago`, `14 mo ago`. */
export function formatAge(iso: string, now: Date): string {
  const ms = now.getTime() - new Date(iso).getTime();
  if (!Number.isFinite(ms)) return '—';
  if (ms < HOUR) return 'just now';
  if (ms < 2 * DAY) return `${Math.floor(ms / HOUR)} h ago`;
  if (ms < 90 * DAY) return `${Math.floor(ms / DAY)} d ago`;
  return `${Math.floor(ms / (30 * DAY))} mo ago`;
}

/** At most `digits` decimals, trailing zeros dropped: 2.50 -> 2.5, 3.0 -> 3. */
export function formatNumber(value: number, digits = 1): string {
  return String(Number(value.toFixed(digits)));
}

/** 0.4217 -> `42%`; small non-zero shares keep a decimal (`0.4%`). */
export function formatPercent(ratio: number): string {
  const percent = ratio * 100;
  return `${percent > 0 && percent < 1 ? formatNumber(percent, 1) : Math.round(percent)}%`;
}

/** A metric value in its unit, as the API names units; `—` when there is nothing to measure. */
export function formatMetric(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  switch (unit) {
    case 'ratio':
      return formatPercent(value);
    case 'days':
      return `${formatNumber(value)} ${value === 1 ? 'day' : 'days'}`;
    case 'hours':
      return `${formatNumber(value)} h`;
    default:
      return formatNumber(value, 0);
  }
}

export function formatEpss(score: number, percentile?: number): string {
  const base = formatPercent(score);
  return percentile === undefined ? base : `${base} (percentile ${formatNumber(percentile * 100, 0)})`;
}

export const SEVERITY_LABELS: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
};

export const TRIAGE_LABELS: Record<TriageState, string> = {
  none: 'Not triaged',
  accepted_risk: 'Accepted risk',
  false_positive: 'False positive',
  not_affected: 'Not affected',
};

/** OpenVEX's justifications, in words. */
export const JUSTIFICATION_LABELS: Record<VexJustification, string> = {
  component_not_present: 'Component not present',
  vulnerable_code_not_present: 'Vulnerable code not present',
  vulnerable_code_not_in_execute_path: 'Vulnerable code not in execute path',
  vulnerable_code_cannot_be_controlled_by_adversary: 'Vulnerable code cannot be controlled by an adversary',
  inline_mitigations_already_exist: 'Inline mitigations already exist',
};

export const REACHABILITY_LABELS: Record<string, string> = {
  'function-reachable': 'Vulnerable function reachable',
  imported: 'Package imported',
  unreachable: 'Not imported',
  unknown: 'Unknown',
};

/** A label for an enum value the tables above do not know: `accepted_risk` -> `accepted risk`. */
export function humanize(value: string): string {
  return value.replace(/[_-]+/g, ' ');
}

/** `lodash@4.17.15`, or the purl when there is no name. */
export function formatPackage(
  pkg: { purl: string; name: string | null; version: string | null } | null,
): string {
  if (!pkg) return '—';
  if (!pkg.name) return pkg.purl;
  return pkg.version ? `${pkg.name}@${pkg.version}` : pkg.name;
}
