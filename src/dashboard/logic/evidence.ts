// A finding's evidence as the scanner wrote it: what was seen, then (after the reachability
// marker of src/triage/reachability/apply.ts) the verdict, its reason and the import chain from
// the entry point to the use: `…; reachability: function-reachable: <reason> (a:6 > b:4 > pkg)`.

/** The same marker as EVIDENCE_MARKER in src/triage/reachability/apply.ts (a test holds them equal). */
export const REACHABILITY_MARKER = '; reachability: ';

export interface Evidence {
  /** What the scanner saw (for secrets, already redacted by the scanner). */
  summary: string;
  reachability?: {
    verdict: string;
    reason: string;
    /** `file:line` steps from the entry point to the package and the use of its vulnerable export. */
    chain: string[];
  };
}

/** The trailing `(…)` of `text`, with nested parentheses counted; undefined when it does not end in one. */
function trailingGroup(text: string): { start: number; inner: string } | undefined {
  if (!text.endsWith(')')) return undefined;
  let depth = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    if (text[i] === ')') depth++;
    else if (text[i] === '(' && --depth === 0) return { start: i, inner: text.slice(i + 1, -1) };
  }
  return undefined;
}

/** A chain has steps joined by ` > `, or is one `file:line` step; other parentheses are prose. */
function isChain(inner: string): boolean {
  return inner.includes(' > ') || /^[^\s()]+:\d+$/.test(inner);
}

export function parseEvidence(evidence: string): Evidence {
  const at = evidence.indexOf(REACHABILITY_MARKER);
  if (at < 0) return { summary: evidence };
  const summary = evidence.slice(0, at);
  const rest = evidence.slice(at + REACHABILITY_MARKER.length);
  const verdict = /^([a-z-]+): ([\s\S]*)$/.exec(rest);
  if (!verdict) return { summary, reachability: { verdict: rest, reason: '', chain: [] } };
  const [, name, explanation] = verdict as unknown as [string, string, string];
  const group = trailingGroup(explanation);
  if (!group || !isChain(group.inner))
    return { summary, reachability: { verdict: name, reason: explanation, chain: [] } };
  return {
    summary,
    reachability: {
      verdict: name,
      reason: explanation.slice(0, group.start).trimEnd(),
      chain: group.inner.split(' > '),
    },
  };
}
