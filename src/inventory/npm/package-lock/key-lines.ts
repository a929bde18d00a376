/** Keys of the containers around a key, outermost first; null for array elements and the top level. */
export type Parents = readonly (string | null)[];

/**
 * Reports the line of the object keys of a JSON text that JSON.parse has accepted: `onKey` is
 * called for each key whose enclosing containers `wants`, so other keys are never materialized.
 *
 * Lockfile entries must point at their line and JSON.parse keeps no positions; a full tokenizer
 * (jsonc-parser) costs three times JSON.parse on a 10,000-package lockfile. Valid JSON lets this
 * scan jump from quote to quote with indexOf and count newlines only between tokens (a JSON
 * string cannot hold a raw newline). The container stack is an array, so nesting depth is no risk.
 */
export function scanKeyLines(
  text: string,
  wants: (parents: Parents) => boolean,
  onKey: (parents: Parents, key: string, line: number) => void,
): void {
  const parents: (string | null)[] = [];
  const cursor: Cursor = { at: 0, line: 1 };
  // The key whose value comes next, as offsets: sliced only if that value is a container.
  let keyStart = -1;
  let keyEnd = -1;
  while (cursor.at < text.length) {
    const c = text.charCodeAt(cursor.at);
    if (c === QUOTE) {
      const line = cursor.line;
      const end = closingQuote(text, cursor.at);
      if (end < 0) return;
      const start = cursor.at + 1;
      cursor.at = end + 1;
      skipWhitespace(text, cursor);
      if (text.charCodeAt(cursor.at) !== COLON) continue;
      keyStart = start;
      keyEnd = end;
      cursor.at++;
      if (wants(parents)) onKey(parents, keyAt(text, start, end), line);
      continue;
    }
    if (c === LF) cursor.line++;
    else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      parents.push(keyStart < 0 ? null : keyAt(text, keyStart, keyEnd));
      keyStart = -1;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) parents.pop();
    else if (c === COMMA) keyStart = -1;
    cursor.at++;
  }
}

interface Cursor {
  at: number;
  line: number;
}

function skipWhitespace(text: string, cursor: Cursor): void {
  for (let c = text.charCodeAt(cursor.at); c === SPACE || c === TAB || c === CR || c === LF; ) {
    if (c === LF) cursor.line++;
    c = text.charCodeAt(++cursor.at);
  }
}

function keyAt(text: string, start: number, end: number): string {
  const raw = text.slice(start, end);
  return raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
}

function closingQuote(text: string, open: number): number {
  let end = text.indexOf('"', open + 1);
  while (end > 0) {
    let backslashes = 0;
    while (text.charCodeAt(end - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return end;
    end = text.indexOf('"', end + 1);
  }
  return -1;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const SPACE = 0x20;
const TAB = 0x09;
const CR = 0x0d;
const LF = 0x0a;
