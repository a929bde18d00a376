import type { Finding } from '../model/index.ts';
import { toFindings } from './findings.ts';
import { type HistoryOptions, scanHistory } from './git/history.ts';
import { scanWorkingTree, type WorkingTreeOptions } from './git/worktree.ts';
import type { Ruleset, RulesetInput } from './ruleset.ts';
import type { SecretMatch } from './types.ts';
import { createVerificationQueue, type VerifyOptions, verifierFor } from './verify/index.ts';

/** Secrets as model Findings, and what the user must see besides (files not scanned in full). */
export interface SecretFindings {
  findings: Finding[];
  warnings: string[];
}

export interface TreeSecretsOptions extends Omit<WorkingTreeOptions, 'onSecret'> {
  rules: RulesetInput;
  /** Ask the providers whether each secret works (`--verify`); absent: no network at all. */
  verify?: VerifyOptions;
}

export interface HistorySecretsOptions extends Omit<HistoryOptions, 'onSecret'> {
  verify?: VerifyOptions;
}

type OnSecret = (match: SecretMatch, secret: string) => void;

/** The secrets of a working tree (`palisade secrets`, and the secret stage of `palisade scan`). */
export function findTreeSecrets(root: string, options: TreeSecretsOptions): Promise<SecretFindings> {
  const { rules, verify, ...tree } = options;
  return verified(verify, async (onSecret) => {
    const scan = await scanWorkingTree(root, rules, onSecret ? { ...tree, onSecret } : tree);
    const tooLarge = scan.skipped.filter((s) => s.status === 'too-large').map((s) => s.path);
    const warnings = [...scan.warnings];
    if (tooLarge.length > 0) {
      const listed = tooLarge.slice(0, 5).join(', ') + (tooLarge.length > 5 ? ', …' : '');
      warnings.push(
        `${tooLarge.length} file${tooLarge.length === 1 ? ' was' : 's were'} over the size limit and not scanned for secrets: ${listed}`,
      );
    }
    return { matches: scan.matches, warnings };
  });
}

/** The secrets every commit added (`palisade secrets --history`); findings carry the commit. */
export function findHistorySecrets(
  repoDir: string,
  ruleset: Ruleset,
  options: HistorySecretsOptions = {},
): Promise<SecretFindings> {
  const { verify, ...history } = options;
  return verified(verify, (onSecret) =>
    scanHistory(repoDir, ruleset, onSecret ? { ...history, onSecret } : history),
  );
}

/**
 * Runs a scan and turns its matches into Findings. With `verify`, the scan hands each secret to a
 * verification queue as it finds it (the checks overlap the scan), and each finding of a rule that
 * a provider can check carries the verdict.
 */
async function verified(
  verify: VerifyOptions | undefined,
  scan: (onSecret: OnSecret | undefined) => Promise<{ matches: SecretMatch[]; warnings: string[] }>,
): Promise<SecretFindings> {
  const queue = verify ? createVerificationQueue(verify) : undefined;
  const { matches, warnings } = await scan(
    queue ? (match, secret) => queue.onSecret(match, secret) : undefined,
  );
  const findings = toFindings(matches);
  if (!queue) return { findings, warnings };
  const verdicts = await queue.results();
  const checkedAt = new Date().toISOString();
  for (const finding of findings) {
    const verdict = verdicts.get(finding.fingerprint);
    const provider = verifierFor(finding.ruleId)?.name;
    if (!verdict || !provider) continue;
    finding.verification = { status: verdict.status, provider, checkedAt };
    if (verdict.detail !== undefined) finding.verification.detail = verdict.detail;
  }
  return { findings, warnings };
}
