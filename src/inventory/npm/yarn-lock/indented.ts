// The indented syntax yarn writes: `name@range:` headers at column 0, then fields indented two
// spaces per level — `key "value"` in yarn 1, `key: value` in yarn 2+ (a YAML subset).

export type YarnValue = string | YarnObject;
export interface YarnObject {
  [key: string]: YarnValue;
}

/** One top-level entry: its descriptors (`a@^1, a@^1.2`), the line of that header, and its fields. */
export interface YarnEntry {
  keys: string[];
  line: number;
  fields: YarnObject;
}

export class SyntaxProblem extends Error {
  readonly line: number;
  constructor(line: number, message: string) {
    super(message);
    this.line = line;
  }
}

const SPACE = 32;
const QUOTE = 34;
const HASH = 35;
const COLON = 58;
const BACKSLASH = 92;

/**
 * Reads the whole text by index ranges: monorepo lockfiles run to 100k lines, and a copy per line or
 * a tuple per token doubles the time spent here. Throws SyntaxProblem with the line.
 */
export class IndentedParser {
  private readonly text: string;
  private readonly berry: boolean;
  private line = 0;
  /** Index just past the quoted string `quoted()` last read (an out-parameter: no tuple per token). */
  private afterQuote = 0;

  constructor(text: string, style: 'classic' | 'berry') {
    this.text = text;
    this.berry = style === 'berry';
  }

  parse(): YarnEntry[] {
    const text = this.text;
    const entries: YarnEntry[] = [];
    // open[d] is the map that lines indented 2 * (d + 1) spaces write into.
    const open: YarnObject[] = [];
    for (let start = 0; start <= text.length; ) {
      const newline = text.indexOf('\n', start);
      const stop = newline < 0 ? text.length : newline;
      const lineStart = start;
      start = stop + 1;
      this.line++;
      let first = lineStart;
      while (text.charCodeAt(first) === SPACE) first++;
      let last = stop;
      // Trailing blanks and the CR of CRLF files are not content.
      while (last > first && (text.charCodeAt(last - 1) === 13 || text.charCodeAt(last - 1) === SPACE))
        last--;
      if (first === last || text.charCodeAt(first) === HASH) continue;
      this.checkLineStart(first, first - lineStart);
      const depth = (first - lineStart) / 2;
      if (depth === 0) {
        const entry: YarnEntry = { keys: this.header(first, last), line: this.line, fields: {} };
        entries.push(entry);
        open.length = 0;
        open.push(entry.fields);
      } else {
        if (depth > open.length) throw this.problem('unexpected indentation');
        open.length = depth;
        this.field(first, last, open);
      }
    }
    return entries;
  }

  private checkLineStart(first: number, indent: number): void {
    const text = this.text;
    const c = text.charCodeAt(first);
    if (
      (c === 60 || c === 61 || c === 62) /* < = > */ &&
      (text.startsWith('<<<<<<<', first) ||
        text.startsWith('=======', first) ||
        text.startsWith('>>>>>>>', first))
    ) {
      throw this.problem('unresolved merge conflict');
    }
    if (c === 9 /* tab */ || indent % 2 !== 0) throw this.problem('unexpected indentation');
  }

  private header(first: number, last: number): string[] {
    const text = this.text;
    if (text.charCodeAt(last - 1) !== COLON) throw this.problem('expected an entry header `name@range:`');
    const end = last - 1;
    if (this.berry && text.charCodeAt(first) === QUOTE) {
      // Berry quotes the whole list: "a@npm:^1, a@npm:^1.2".
      const keys = this.quoted(first, end).split(', ');
      if (this.afterQuote !== end) throw this.problem('unexpected text after the entry header');
      return keys;
    }
    // Classic quotes each descriptor that needs it: "@types/a@^1", "@types/a@^1.2".
    const keys: string[] = [];
    let i = first;
    while (i < end) {
      if (text.charCodeAt(i) === QUOTE) {
        keys.push(this.quoted(i, end));
        i = this.afterQuote;
      } else {
        const comma = text.indexOf(',', i);
        const stop = comma < 0 || comma > end ? end : comma;
        keys.push(text.slice(i, stop).trim());
        i = stop;
      }
      while (text.charCodeAt(i) === SPACE && i < end) i++;
      if (i < end) {
        if (text.charCodeAt(i) !== 44 /* , */)
          throw this.problem('expected `,` between the ranges of an entry header');
        i++;
        while (text.charCodeAt(i) === SPACE && i < end) i++;
      }
    }
    if (keys.length === 0 || keys.includes('')) throw this.problem('empty entry header');
    return keys;
  }

  /** `key value` (classic) or `key: value` (berry) into the innermost open map; a bare key opens a nested map. */
  private field(first: number, last: number, open: YarnObject[]): void {
    const text = this.text;
    let key: string;
    let i: number;
    if (text.charCodeAt(first) === QUOTE) {
      key = this.quoted(first, last);
      i = this.afterQuote;
    } else {
      i = first;
      while (i < last && text.charCodeAt(i) !== SPACE && !(this.berry && text.charCodeAt(i) === COLON)) i++;
      key = text.slice(first, i);
    }
    let block = false;
    if (this.berry) {
      if (i >= last || text.charCodeAt(i) !== COLON) throw this.problem('expected `key: value`');
      i++;
    } else if (i === last - 1 && text.charCodeAt(i) === COLON) {
      block = true;
    } else if (i === last && key.endsWith(':')) {
      key = key.slice(0, -1);
      block = true;
    }
    while (i < last && text.charCodeAt(i) === SPACE) i++;
    if (!block && i === last) {
      if (!this.berry) throw this.problem(`field \`${key}\` has no value`);
      block = true;
    }
    const parent = open[open.length - 1] as YarnObject;
    // Keys come from the file: on an entry's own (plain) map `__proto__` would replace its prototype.
    if (key === '__proto__') return;
    if (block) {
      // Nested maps are keyed by package names: as dictionaries (null prototype) they cost one
      // hash insert per key, where plain objects would grow a new hidden class per distinct name.
      const child = Object.create(null) as YarnObject;
      parent[key] = child;
      open.push(child);
    } else {
      parent[key] = this.scalar(i, last);
    }
  }

  private scalar(first: number, last: number): string {
    const text = this.text;
    if (text.charCodeAt(first) === QUOTE) {
      const value = this.quoted(first, last);
      if (this.afterQuote !== last) throw this.problem('unexpected text after a quoted value');
      return value;
    }
    const value = text.slice(first, last);
    // Plain scalars yarn writes never start with a YAML indicator nor hold a comment; YAML reads those.
    if (this.berry && (/^[[{'|>&*!%@`]/.test(value) || value.includes(' #'))) {
      throw this.problem('YAML beyond the lockfile subset');
    }
    return value;
  }

  /** The string quoted at `start`, which must close before `limit`; sets `afterQuote`. */
  private quoted(start: number, limit: number): string {
    const text = this.text;
    let i = start + 1;
    while (i < limit && text.charCodeAt(i) !== QUOTE) i += text.charCodeAt(i) === BACKSLASH ? 2 : 1;
    if (i >= limit) throw this.problem('unterminated quoted string');
    this.afterQuote = i + 1;
    const body = text.slice(start + 1, i);
    if (!body.includes('\\')) return body;
    try {
      return JSON.parse(text.slice(start, i + 1)) as string;
    } catch {
      throw this.problem('invalid escape in a quoted string');
    }
  }

  private problem(message: string): SyntaxProblem {
    return new SyntaxProblem(this.line, message);
  }
}
