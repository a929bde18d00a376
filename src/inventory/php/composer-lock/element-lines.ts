import { LineIndex } from '../../lines.ts';

/**
 * Line of every element of the top-level arrays `keys` (the line of the element's `"name"` key,
 * else of its `{`), in element order. parseJsonWithLines keys lines by property path, which cannot
 * tell array elements apart, and its visitor costs several times JSON.parse on a large lock; this
 * single linear scan over already-validated JSON (comments tolerated) does.
 */
export function elementLines(text: string, keys: readonly string[]): Map<string, number[]> {
  const found = new Map<string, number[]>(keys.map((k) => [k, []]));
  const scan: Scan = {
    text,
    lines: new LineIndex(text),
    depth: 0,
    stringStart: -1,
    stringEnd: -1,
    topKey: '',
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      scan.stringStart = i;
      scan.stringEnd = stringEnd(text, i);
      i = scan.stringEnd;
    } else if (c === 0x3a /* : */) {
      afterKey(scan);
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      scan.depth++;
      if (scan.depth === 2) scan.current = c === 0x5b ? found.get(scan.topKey) : undefined;
      else if (scan.depth === 3 && c === 0x7b) scan.current?.push(scan.lines.lineAt(i));
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      scan.depth--;
    } else if (c === 0x2f /* / */) {
      i = commentEnd(text, i);
    }
  }
  return found;
}

interface Scan {
  text: string;
  lines: LineIndex;
  depth: number;
  /** Offsets of the quotes of the last string seen: the key when a colon follows. */
  stringStart: number;
  stringEnd: number;
  topKey: string;
  /** Lines of the array being scanned, when it is one of the wanted ones. */
  current?: number[] | undefined;
}

function afterKey(scan: Scan): void {
  const { text, stringStart, stringEnd } = scan;
  if (scan.depth === 1) {
    scan.topKey = text.slice(stringStart + 1, stringEnd);
  } else if (
    scan.depth === 3 &&
    scan.current &&
    stringEnd - stringStart === 5 &&
    text.startsWith('name', stringStart + 1)
  ) {
    scan.current[scan.current.length - 1] = scan.lines.lineAt(stringStart);
  }
}

/** Offset of the quote closing the string that opens at `open`. */
function stringEnd(text: string, open: number): number {
  let close = text.indexOf('"', open + 1);
  while (close > 0) {
    let backslashes = 0;
    while (text.charCodeAt(close - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return close;
    close = text.indexOf('"', close + 1);
  }
  return text.length;
}

function commentEnd(text: string, slash: number): number {
  const next = text.charCodeAt(slash + 1);
  if (next === 0x2f) {
    const end = text.indexOf('\n', slash);
    return end < 0 ? text.length : end;
  }
  if (next === 0x2a) {
    const end = text.indexOf('*/', slash + 2);
    return end < 0 ? text.length : end + 1;
  }
  return slash;
}
