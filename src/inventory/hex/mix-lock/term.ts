import { PalisadeError } from '../../../model/index.ts';
import { LineIndex } from '../../lines.ts';

/** Elixir literals as mix.lock holds them; `true`, `false` and `nil` are atoms, as in Elixir. */
export type Term =
  | { kind: 'string'; value: string }
  | { kind: 'atom'; value: string }
  | { kind: 'integer'; value: string }
  | { kind: 'list'; items: Term[] }
  | { kind: 'tuple'; items: Term[] }
  | { kind: 'map'; entries: MapEntry[] };

export interface MapEntry {
  key: Term;
  value: Term;
  /** Offset of the key, for the entry's line. */
  offset: number;
}

const MAX_DEPTH = 64;
const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_@]*[?!]?/y;
const ATOM_OPERATOR = /(?:[-+*/<>=|&^~]+|\[\]|\.\.?\.?|%\{\}|%)/y;
const INTEGER = /-?[0-9][0-9_]*/y;
const STRING_STOP = /["\\#]/g;

/**
 * Reads the subset of Elixir term syntax that mix.lock is written in (`inspect/2` output of a map
 * of tuples): maps (`%{k => v}`, `%{"k": v}`), tuples, lists, keyword lists (`[hex: :plug]`),
 * strings, atoms (`:mix`, `:"a-b"`), integers, true/false/nil. One pass, no evaluation, bounded depth.
 */
export class TermReader {
  private readonly text: string;
  private readonly path: string;
  private readonly fix: string;
  readonly lines: LineIndex;
  private i = 0;

  constructor(path: string, text: string, fix: string) {
    this.path = path;
    this.text = text;
    this.fix = fix;
    this.lines = new LineIndex(text);
  }

  /** The whole text as one term, nothing but whitespace and comments around it. */
  readDocument(): Term {
    this.skipSpace();
    const term = this.term(0);
    this.skipSpace();
    if (this.i < this.text.length) this.fail('expected the end of the file');
    return term;
  }

  private term(depth: number): Term {
    if (depth > MAX_DEPTH) this.fail(`terms nested deeper than ${MAX_DEPTH}`);
    const { text } = this;
    const c = text.charCodeAt(this.i);
    if (c === 0x25 /* % */ && text.charCodeAt(this.i + 1) === 0x7b) {
      this.i += 2;
      return { kind: 'map', entries: this.sequence('}', () => this.mapEntry(depth)) };
    }
    if (c === 0x7b /* { */) {
      this.i++;
      return { kind: 'tuple', items: this.sequence('}', () => this.term(depth + 1)) };
    }
    if (c === 0x5b /* [ */) {
      this.i++;
      return { kind: 'list', items: this.sequence(']', () => this.listItem(depth)) };
    }
    if (c === 0x22 /* " */) return { kind: 'string', value: this.string() };
    if (c === 0x3a /* : */ && text.charCodeAt(this.i + 1) !== 0x3a) {
      this.i++;
      return { kind: 'atom', value: text.charCodeAt(this.i) === 0x22 ? this.string() : this.atomName() };
    }
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      const integer = this.match(INTEGER);
      if (integer !== undefined) return { kind: 'integer', value: integer };
    }
    const word = this.match(IDENTIFIER);
    if (word === 'true' || word === 'false' || word === 'nil') return { kind: 'atom', value: word };
    return this.fail(word === undefined ? 'expected a value' : `unexpected \`${word.slice(0, 40)}\``);
  }

  /** Items up to `close`, comma-separated, a trailing comma allowed. */
  private sequence<T>(close: string, item: () => T): T[] {
    const items: T[] = [];
    this.skipSpace();
    while (this.text.charAt(this.i) !== close) {
      if (this.i >= this.text.length)
        this.fail(`the file ends before the closing \`${close}\``, this.text.length);
      items.push(item());
      this.skipSpace();
      if (this.i >= this.text.length)
        this.fail(`the file ends before the closing \`${close}\``, this.text.length);
      if (this.text.charAt(this.i) === ',') {
        this.i++;
        this.skipSpace();
      } else if (this.text.charAt(this.i) !== close) {
        this.fail(`expected \`,\` or \`${close}\``);
      }
    }
    this.i++;
    return items;
  }

  private mapEntry(depth: number): MapEntry {
    const offset = this.i;
    const keyword = this.keywordKey();
    if (keyword !== undefined) {
      this.skipSpace();
      return { key: { kind: 'atom', value: keyword }, value: this.term(depth + 1), offset };
    }
    const key = this.term(depth + 1);
    this.skipSpace();
    if (!this.text.startsWith('=>', this.i)) this.fail('expected `=>`');
    this.i += 2;
    this.skipSpace();
    return { key, value: this.term(depth + 1), offset };
  }

  /** A list item; `key: value` is the tuple `{:key, value}` of a keyword list. */
  private listItem(depth: number): Term {
    const keyword = this.keywordKey();
    if (keyword === undefined) return this.term(depth + 1);
    this.skipSpace();
    return { kind: 'tuple', items: [{ kind: 'atom', value: keyword }, this.term(depth + 1)] };
  }

  /** `name:` or `"name":` followed by whitespace, or undefined (and nothing consumed). */
  private keywordKey(): string | undefined {
    const start = this.i;
    const c = this.text.charCodeAt(start);
    if (c !== 0x22 && c !== 0x5f && !((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a))) return undefined;
    const name = this.text.charAt(this.i) === '"' ? this.string() : this.match(IDENTIFIER);
    if (name !== undefined && this.text.charAt(this.i) === ':' && /\s/.test(this.text.charAt(this.i + 1))) {
      this.i++;
      return name;
    }
    this.i = start;
    return undefined;
  }

  private string(): string {
    const start = this.i;
    let value = '';
    for (let j = start + 1; ; ) {
      STRING_STOP.lastIndex = j;
      const stop = STRING_STOP.exec(this.text);
      if (!stop) return this.fail('unterminated string', start);
      value += this.text.slice(j, stop.index);
      j = stop.index + 1;
      if (stop[0] === '"') {
        this.i = j;
        return value;
      }
      if (stop[0] === '#') {
        if (this.text.charAt(j) === '{') this.fail('string interpolation is not a literal', stop.index);
        value += '#';
        continue;
      }
      const escaped = this.text.charAt(j++);
      value += ESCAPES[escaped] ?? escaped;
    }
  }

  private atomName(): string {
    const name = this.match(IDENTIFIER) ?? this.match(ATOM_OPERATOR);
    return name ?? this.fail('expected an atom name after `:`');
  }

  private match(pattern: RegExp): string | undefined {
    pattern.lastIndex = this.i;
    const found = pattern.exec(this.text)?.[0];
    if (found) this.i += found.length;
    return found || undefined;
  }

  private skipSpace(): void {
    const { text } = this;
    for (let c = text.charCodeAt(this.i); this.i < text.length; c = text.charCodeAt(this.i)) {
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) this.i++;
      else if (c === 0x23 /* # */) {
        const end = text.indexOf('\n', this.i);
        this.i = end < 0 ? text.length : end;
      } else break;
    }
  }

  fail(what: string, offset = this.i): never {
    throw new PalisadeError(
      'input',
      `${this.path}:${this.lines.lineAt(offset)}: invalid mix.lock (${what}); ${this.fix}`,
    );
  }
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', s: ' ', e: '\u001b', '0': '\u0000' };
