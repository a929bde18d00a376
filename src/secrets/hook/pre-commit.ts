import { applyBaseline, type Baseline } from '../baseline.ts';
import { type DiffScanOptions, scanStaged } from '../git/history.ts';
import type { Ruleset } from '../ruleset.ts';
import type { SecretMatch } from '../types.ts';

export interface PreCommitOptions extends DiffScanOptions {
  /** Secrets of a previous report: reported as known, they do not block the commit. */
  baseline?: Baseline;
}

export interface PreCommitResult {
  /** 0: the commit may go on; 1: the staged changes add a secret (git then aborts the commit). */
  exitCode: 0 | 1;
  /** New secrets in the staged lines. */
  matches: SecretMatch[];
  /** Secrets in the staged lines that the baseline holds. */
  known: SecretMatch[];
  warnings: string[];
  /** What the hook prints on standard error (git shows it to the committer); empty when clean. */
  message: string;
}

/**
 * The pre-commit check: scans the lines the index adds (git sets GIT_INDEX_FILE for
 * `git commit -a` and partial commits, and we inherit it), and fails when any is a secret.
 */
export async function runPreCommit(
  repoDir: string,
  ruleset: Ruleset,
  options: PreCommitOptions = {},
): Promise<PreCommitResult> {
  const { baseline, ...scan } = options;
  const staged = await scanStaged(repoDir, ruleset, scan);
  const { fresh, known } = baseline
    ? applyBaseline(staged.matches, baseline)
    : { fresh: staged.matches, known: [] };
  return {
    exitCode: fresh.length > 0 ? 1 : 0,
    matches: fresh,
    known,
    warnings: staged.warnings,
    message: preCommitMessage(fresh, known, staged.warnings),
  };
}

export function preCommitMessage(
  matches: readonly SecretMatch[],
  known: readonly SecretMatch[],
  warnings: readonly string[],
): string {
  const lines = warnings.map((w) => `palisade: warning: ${w}`);
  if (matches.length > 0) {
    const count = matches.length === 1 ? 'a secret' : `${matches.length} secrets`;
    lines.push(`palisade: commit blocked: the staged changes add ${count}`);
    for (const m of matches) {
      lines.push(`  ${m.path}:${m.line}:${m.column}  ${m.description} (${m.ruleId})  ${m.redacted}`);
    }
    lines.push(
      'Remove the secret from the file and `git add` it again, and rotate it if it is real. A false',
      'positive: add `palisade:allow` in a comment on its line. `git commit --no-verify` skips this check.',
    );
  }
  if (known.length > 0) {
    lines.push(
      `palisade: ${known.length} known secret${known.length === 1 ? '' : 's'} (in the baseline) not blocking`,
    );
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
