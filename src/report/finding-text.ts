import type { Finding } from '../model/index.ts';

/**
 * What a finding is about, in a few words, for the human-readable formats: the package and
 * version, a misconfiguration's resource, or for a secret its redacted value (never more) and, with `--verify`, the verdict.
 */
export function subjectOf(finding: Finding): string {
  if (finding.component) return `${finding.component.name}@${finding.component.version ?? ''}`;
  if (finding.location.resource) return finding.location.resource;
  if (finding.kind !== 'secret') return '';
  return finding.verification ? `${finding.evidence} ${finding.verification.status}` : finding.evidence;
}

/** `path:line`, and for a secret found in git history the commit that added it. */
export function locationOf(finding: Finding): string {
  const { path, line, commit } = finding.location;
  return commit ? `${path}:${line} @${commit.sha.slice(0, 12)}` : `${path}:${line}`;
}

/** The commit that added a secret, in a sentence: `added in commit 0123456789ab by Alice <a@x> on 2026-01-31`. */
export function commitText(finding: Finding): string | undefined {
  const commit = finding.location.commit;
  if (!commit) return undefined;
  return `added in commit ${commit.sha.slice(0, 12)} by ${commit.author} <${commit.email}> on ${commit.date.slice(0, 10)}`;
}
