/** Shannon entropy of `text` in bits per UTF-16 code unit: 0 for "aaaa", about 5.95 for random base64. */
export function shannonEntropy(text: string): number {
  if (text.length === 0) return 0;
  const counts = new Map<number, number>();
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/**
 * The entropy gate for a value: `threshold`, but never more than 80% of the most that the value's
 * alphabet allows — 32 random hex digits average about 3.7 bits per character and often fall
 * under 3.5, which is common ground for base64 tokens (about 5.9 at most).
 */
export function entropyGate(threshold: number, value: string): number {
  const alphabet = /^[0-9]+$/.test(value)
    ? 10
    : /^(?:[0-9a-f]+|[0-9A-F]+)$/.test(value)
      ? 16
      : /^(?:[0-9a-z]+|[0-9A-Z]+)$/.test(value)
        ? 36
        : 0;
  return alphabet === 0 ? threshold : Math.min(threshold, 0.8 * Math.log2(alphabet));
}
