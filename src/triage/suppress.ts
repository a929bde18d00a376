import type { Finding } from '../model/index.ts';
import { entryMatches, type IgnoreEntry, purlMatches } from './ignore-file.ts';
import type { VexStatement } from './vex/statement.ts';

export interface SuppressionResult {
  findings: Finding[];
  /** Expired ignore entries and the like: shown to the user, never silently dropped. */
  warnings: string[];
}

/**
 * Marks findings that an ignore entry or a VEX `not_affected` statement covers. Suppressed findings
 * stay in the result (reports show them as such); only unsuppressed ones fail a gate. An expired
 * entry no longer suppresses and produces a warning.
 */
export function applySuppressions(
  findings: readonly Finding[],
  entries: readonly IgnoreEntry[],
  vex: readonly VexStatement[],
  today: string,
): SuppressionResult {
  const warnings: string[] = [];
  const live = entries.filter((entry) => {
    if (entry.expires >= today) return true;
    warnings.push(
      `ignore entry for ${describe(entry)} (owner ${entry.owner}) expired on ${entry.expires}; it no longer suppresses`,
    );
    return false;
  });
  const notAffected = vex.filter((s) => s.status === 'not_affected');
  return {
    findings: findings.map((finding) => {
      const entry = live.find((e) => entryMatches(e, finding));
      if (entry)
        return {
          ...finding,
          suppressed: { reason: entry.reason, by: `ignore file (${entry.owner}, until ${entry.expires})` },
        };
      const statement = notAffected.find((s) => vexCovers(s, finding));
      if (statement) {
        const why = [statement.justification, statement.statement].filter(Boolean).join(': ');
        return {
          ...finding,
          suppressed: { reason: `not affected${why ? ` (${why})` : ''}`, by: `VEX ${statement.source}` },
        };
      }
      return finding;
    }),
    warnings,
  };
}

function vexCovers(statement: VexStatement, finding: Finding): boolean {
  const ids = finding.advisory?.ids ?? [finding.ruleId];
  if (!statement.vulnerabilities.some((v) => ids.includes(v))) return false;
  if (statement.products.length === 0) return true;
  return statement.products.some((p) => purlMatches(p, finding.component?.purl));
}

function describe(entry: IgnoreEntry): string {
  return [entry.id, entry.purl, entry.path].filter(Boolean).join(' ');
}
