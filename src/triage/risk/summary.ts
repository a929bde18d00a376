import type { Finding } from '../../model/index.ts';
import { type Priority, priorityOf } from './formula.ts';

export type NoiseReason = 'unreachable' | 'dev-only' | 'unlikely' | 'low impact';

export interface NoiseSummary {
  /** Findings of every kind (vulnerability, malicious package, secret, misconfiguration) that are not suppressed. */
  total: number;
  byPriority: Record<Priority, number>;
  /** Backlog or noise because unreachable, dev-only or unlikely to be exploited: the noise triage removes. */
  deprioritized: number;
  /** Why each backlog/noise finding is there (the first that applies, in this order). */
  byReason: Record<NoiseReason, number>;
  /** `42 findings, 30 deprioritized (71%) as unreachable (12) / dev-only (15) / unlikely to be exploited (3); 4 fix now, 8 fix soon, 0 backlog on impact alone` */
  line: string;
}

/**
 * The alert-noise reduction, measured: how many findings risk triage moves out of the way, and
 * why. A finding in backlog or noise has one reason, the first that applies: dev-only (a dev
 * dependency production code does not import), unreachable, unlikely (not in KEV and an EPSS
 * percentile below 0.5), else low impact. Deprioritized counts the first three: findings a
 * severity-only gate would treat like the others, and triage shows need not be fixed first.
 */
export function noiseSummary(findings: readonly Finding[]): NoiseSummary {
  const open = findings.filter((f) => !f.suppressed);
  const byPriority: Record<Priority, number> = { 'fix-now': 0, 'fix-soon': 0, backlog: 0, noise: 0 };
  const byReason: Record<NoiseReason, number> = {
    unreachable: 0,
    'dev-only': 0,
    unlikely: 0,
    'low impact': 0,
  };
  for (const finding of open) {
    const priority = priorityOf(finding.risk.score);
    byPriority[priority]++;
    if (priority === 'backlog' || priority === 'noise') byReason[reasonOf(finding)]++;
  }
  const deprioritized = byReason.unreachable + byReason['dev-only'] + byReason.unlikely;
  return {
    total: open.length,
    byPriority,
    deprioritized,
    byReason,
    line: line(open.length, deprioritized, byReason, byPriority),
  };
}

export function reasonOf(finding: Finding): NoiseReason {
  const reached = finding.reachability === 'imported' || finding.reachability === 'function-reachable';
  if (finding.component?.scope === 'dev' && !reached) return 'dev-only';
  if (finding.reachability === 'unreachable') return 'unreachable';
  const percentile = finding.advisory?.epss?.percentile;
  if (!finding.advisory?.kev && percentile !== undefined && percentile < 0.5) return 'unlikely';
  return 'low impact';
}

function line(
  total: number,
  deprioritized: number,
  reasons: Record<NoiseReason, number>,
  priorities: Record<Priority, number>,
): string {
  if (total === 0) return '0 findings';
  const share = Math.round((deprioritized / total) * 100);
  const why = `unreachable (${reasons.unreachable}) / dev-only (${reasons['dev-only']}) / unlikely to be exploited (${reasons.unlikely})`;
  const act = `${priorities['fix-now']} fix now, ${priorities['fix-soon']} fix soon, ${reasons['low impact']} backlog on impact alone`;
  return `${total} finding${total === 1 ? '' : 's'}, ${deprioritized} deprioritized (${share}%) as ${why}; ${act}`;
}
