import type { CompiledAllowlist, CompiledRule } from './ruleset.ts';

const ALLOW_MARKERS = ['palisade:allow', 'gitleaks:allow'];

/** A regex match before the entropy, digit, allowlist and overlap checks. */
export interface Candidate {
  rule: CompiledRule;
  secret: string;
  match: string;
  /** The line the match starts on (a window of it, for long lines), for `line` allowlists. */
  lineText: string;
  /** The line holds an inline `palisade:allow` / `gitleaks:allow` marker. */
  marked: boolean;
  /** 0-based line when known; otherwise it is derived from `lineByte`. */
  lineIndex: number;
  lineByte: number;
  /** Byte where `lineText` starts, and the match's and the secret's UTF-16 offsets in it. */
  textByte: number;
  matchIndex: number;
  secretIndex: number;
  newlines: number;
}

export function regexTarget(target: CompiledAllowlist['regexTarget'], c: Candidate): string {
  if (target === 'line') return c.lineText;
  if (target === 'match') return c.match;
  if (target === 'before')
    return `${c.lineText.slice(Math.max(0, c.matchIndex - 64), Math.max(0, c.matchIndex))}\u0001${c.match}`;
  return c.secret;
}

/** A generic candidate gives way to an overlapping candidate, in the same text, of a rule ranked before it. */
export function claimedByEarlierRule(c: Candidate, sameText: readonly Candidate[]): boolean {
  const start = c.secretIndex;
  const end = start + c.secret.length;
  return sameText.some(
    (o) => o.rule.index < c.rule.index && o.secretIndex < end && start < o.secretIndex + o.secret.length,
  );
}

/** The secret of a match: the configured group, else the first group that matched, else all of it. */
export function secretOf(m: RegExpExecArray, group: number | undefined): string | undefined {
  if (group !== undefined && group > 0) return m[group];
  for (let i = 1; i < m.length; i++) if (m[i]) return m[i];
  return m[0];
}

export function hasMarker(line: string): boolean {
  return ALLOW_MARKERS.some((marker) => line.includes(marker));
}

export function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
