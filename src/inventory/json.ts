import { type ParseError, parse as parseJsonc, printParseErrorCode } from 'jsonc-parser';
import { PalisadeError } from '../model/index.ts';
import { LineIndex } from './lines.ts';

export interface JsonWithLines {
  value: unknown;
  /**
   * Line of the property whose key path is given, e.g. `lineOf(['packages', 'node_modules/a'])`.
   * Returns 1 for a path that is not an object property.
   */
  lineOf(path: readonly string[]): number;
}

/**
 * Parses JSON, and the JSONC that bun.lock and deno.lock allow (trailing commas, comments),
 * recording the line of every property up to `depth` levels: findings must point at the entry's
 * line and JSON.parse keeps no positions. One linear scan finds the key lines and the JSONC
 * extras; the native JSON.parse then does the parsing (several times faster than a JS parser).
 * jsonc-parser is consulted only to describe a syntax error.
 */
export function parseJsonWithLines(path: string, text: string, depth: number): JsonWithLines {
  const lines = new LineIndex(text);
  const scan = scanJson(path, text, depth, lines);
  let value: unknown;
  try {
    value = JSON.parse(scan.blanks.length > 0 ? blankOut(text, scan.blanks) : text);
  } catch {
    throw syntaxError(path, text, lines);
  }
  return { value, lineOf: (keys) => scan.keyLines.get(keys.join('\u0000')) ?? 1 };
}

/** No lockfile nests this deep; hostile input that does would overflow recursive parsers. */
export const MAX_JSON_DEPTH = 256;

interface Frame {
  object: boolean;
  /** The key this container is the value of, when it is an object property. */
  key: string | undefined;
}

interface Scan {
  keyLines: Map<string, number>;
  /** [start, end) ranges of JSONC-only text (comments, trailing commas) to blank before JSON.parse. */
  blanks: [number, number][];
}

function scanJson(path: string, text: string, depth: number, lines: LineIndex): Scan {
  return new JsonScanner(path, text, depth, lines).run();
}

/** The scan's state machine: strings, containers, commas and comments, one character at a time. */
class JsonScanner {
  private readonly keyLines = new Map<string, number>();
  private readonly blanks: [number, number][] = [];
  private readonly frames: Frame[] = [];
  private readonly keys: string[] = [];
  private lastKey: string | undefined;
  private lastComma = -1;
  private readonly path: string;
  private readonly text: string;
  private readonly depth: number;
  private readonly lines: LineIndex;

  constructor(path: string, text: string, depth: number, lines: LineIndex) {
    this.path = path;
    this.text = text;
    this.depth = depth;
    this.lines = lines;
  }

  run(): Scan {
    const text = this.text;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x22) i = this.string(i);
      else if (c === 0x7b || c === 0x5b) this.open(i, c === 0x7b);
      else if (c === 0x7d || c === 0x5d) this.close();
      else if (c === 0x2c) this.lastComma = i;
      else if (c === 0x2f && (text.charCodeAt(i + 1) === 0x2f || text.charCodeAt(i + 1) === 0x2a)) {
        const end = commentEnd(text, i);
        this.blanks.push([i, end]);
        i = end - 1;
      } else if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) this.lastComma = -1;
    }
    return { keyLines: this.keyLines, blanks: this.blanks };
  }

  /** A string: a key when it is in an object and a colon follows. Returns the closing quote's index. */
  private string(start: number): number {
    const end = stringEnd(this.text, start);
    if (this.frames[this.frames.length - 1]?.object && nextSignificant(this.text, end + 1) === 0x3a) {
      this.lastKey = JSON.parse(this.text.slice(start, end + 1)) as string;
      if (this.keys.length < this.depth)
        this.keyLines.set([...this.keys, this.lastKey].join('\u0000'), this.lines.lineAt(start));
    }
    this.lastComma = -1;
    return end;
  }

  private open(at: number, object: boolean): void {
    if (this.frames.length >= MAX_JSON_DEPTH) {
      throw new PalisadeError(
        'input',
        `${this.path}:${this.lines.lineAt(at)}: nested more than ${MAX_JSON_DEPTH} levels deep; not a lockfile`,
      );
    }
    const key = this.frames[this.frames.length - 1]?.object === true ? this.lastKey : undefined;
    this.frames.push({ object, key });
    if (key !== undefined) this.keys.push(key);
    this.lastKey = undefined;
    this.lastComma = -1;
  }

  /** A comma right before a closing bracket is JSONC's trailing comma: blank it for JSON.parse. */
  private close(): void {
    if (this.lastComma >= 0) this.blanks.push([this.lastComma, this.lastComma + 1]);
    if (this.frames.pop()?.key !== undefined) this.keys.pop();
    this.lastComma = -1;
  }
}

/** Index of the closing quote of the string opening at `start` (or the last index when unterminated). */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) i++;
    else if (c === 0x22) return i;
  }
  return text.length - 1;
}

function nextSignificant(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return c;
  }
  return -1;
}

function commentEnd(text: string, start: number): number {
  if (text.charCodeAt(start + 1) === 0x2f) {
    const newline = text.indexOf('\n', start);
    return newline < 0 ? text.length : newline;
  }
  const close = text.indexOf('*/', start + 2);
  return close < 0 ? text.length : close + 2;
}

function blankOut(text: string, ranges: [number, number][]): string {
  const parts: string[] = [];
  let at = 0;
  for (const [start, end] of ranges.sort((a, b) => a[0] - b[0])) {
    parts.push(text.slice(at, start), ' '.repeat(end - start));
    at = end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

function syntaxError(path: string, text: string, lines: LineIndex): PalisadeError {
  const errors: ParseError[] = [];
  parseJsonc(text, errors, { allowTrailingComma: true, disallowComments: false });
  const first = errors[0];
  const line = first ? lines.lineAt(first.offset) : lines.lineAt(text.length);
  const what = first ? printParseErrorCode(first.error) : 'unexpected end of input';
  return new PalisadeError('input', `${path}:${line}: invalid JSON (${what}); fix or regenerate the file`);
}
