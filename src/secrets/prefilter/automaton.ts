/**
 * A deterministic Aho-Corasick automaton over bytes, case-insensitive for ASCII letters. Bytes
 * that occur in no keyword share class 0, so the transition table stays small (states × classes)
 * and one table lookup per input byte finds every keyword occurrence, overlapping ones included.
 */
export interface Automaton {
  /** Class of each byte value; uppercase ASCII shares the class of its lowercase letter. */
  classes: Uint8Array;
  classCount: number;
  stateCount: number;
  /** Next state, premultiplied by `classCount`, at index `state * classCount + class`. */
  delta: Int32Array;
  /** 1 at index `state * classCount` when a keyword ends in that state. */
  accepting: Uint8Array;
  /** Indexes of the keywords that end in each state (the longest first), by state number. */
  outputs: readonly (readonly number[])[];
}

export function buildAutomaton(keywords: readonly string[]): Automaton {
  const { classes, classCount } = byteClasses(keywords);
  const { trie, outputs } = buildTrie(keywords, classes, classCount);
  const stateCount = trie.length;
  const next = failureTransitions(trie, outputs, classCount);
  const delta = new Int32Array(stateCount * classCount);
  for (let i = 0; i < delta.length; i++) delta[i] = next[i]! * classCount;
  const accepting = new Uint8Array(stateCount * classCount);
  for (let state = 0; state < stateCount; state++) {
    if (outputs[state]!.length > 0) accepting[state * classCount] = 1;
  }
  return { classes, classCount, stateCount, delta, accepting, outputs };
}

function byteClasses(keywords: readonly string[]): { classes: Uint8Array; classCount: number } {
  const classes = new Uint8Array(256);
  let classCount = 1;
  for (const keyword of keywords) {
    if (keyword.length === 0) throw new Error('empty keyword');
    for (let i = 0; i < keyword.length; i++) {
      const c = keyword.charCodeAt(i);
      if (c >= 128 || (c >= 65 && c <= 90)) throw new Error(`keyword '${keyword}' is not lowercase ASCII`);
      if (classes[c] === 0) classes[c] = classCount++;
    }
  }
  for (let c = 65; c <= 90; c++) classes[c] = classes[c + 32] ?? 0;
  return { classes, classCount };
}

function buildTrie(
  keywords: readonly string[],
  classes: Uint8Array,
  classCount: number,
): { trie: Int32Array[]; outputs: number[][] } {
  const trie: Int32Array[] = [new Int32Array(classCount).fill(-1)];
  const outputs: number[][] = [[]];
  keywords.forEach((keyword, index) => {
    let state = 0;
    for (let i = 0; i < keyword.length; i++) {
      const cls = classes[keyword.charCodeAt(i)] ?? 0;
      const row = trie[state]!;
      if (row[cls] === -1) {
        row[cls] = trie.length;
        trie.push(new Int32Array(classCount).fill(-1));
        outputs.push([]);
      }
      state = row[cls]!;
    }
    outputs[state]!.push(index);
  });
  return { trie, outputs };
}

/** Breadth-first failure links folded into a full transition table; outputs gain their suffixes'. */
function failureTransitions(trie: Int32Array[], outputs: number[][], classCount: number): Int32Array {
  const next = new Int32Array(trie.length * classCount);
  const fail = new Int32Array(trie.length);
  const queue: number[] = [];
  for (let cls = 0; cls < classCount; cls++) {
    const child = trie[0]![cls]!;
    next[cls] = Math.max(child, 0);
    if (child > 0) queue.push(child);
  }
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head]!;
    outputs[state] = [...outputs[state]!, ...outputs[fail[state]!]!];
    for (let cls = 0; cls < classCount; cls++) {
      const child = trie[state]![cls]!;
      const viaFail = next[fail[state]! * classCount + cls]!;
      if (child > 0) {
        fail[child] = viaFail;
        next[state * classCount + cls] = child;
        queue.push(child);
      } else {
        next[state * classCount + cls] = viaFail;
      }
    }
  }
  return next;
}
