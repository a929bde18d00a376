import { FieldLines } from './resource.ts';

/**
 * hcl2json gives no positions, so the lines of blocks and attributes come from this scan of the
 * HCL native syntax. It only follows structure — block headers, attribute names, and where an
 * attribute's expression ends — skipping strings (with `${…}` templates), heredocs and comments.
 * It runs after hcl2json accepted the file, so it may be lenient; it is iterative, so nesting
 * cannot exhaust the stack.
 */

export interface HclBlock {
  type: string;
  labels: string[];
  line: number;
  /** Lines of entries by the path hcl2json gives them: `['ingress', '1', 'cidr_blocks']`. */
  fields: FieldLines;
}

interface Frame {
  prefix: string[];
  counts: Map<string, number>;
  block: HclBlock | undefined;
}

const IDENT = /[A-Za-z_][A-Za-z0-9_-]*/y;

export function scanHclBlocks(text: string): HclBlock[] {
  const scanner = new Scanner(text);
  const blocks: HclBlock[] = [];
  const frames: Frame[] = [{ prefix: [], counts: new Map(), block: undefined }];
  for (;;) {
    scanner.skipBlank(true);
    if (scanner.done()) break;
    const frame = frames.at(-1)!;
    if (scanner.peek() === '}') {
      scanner.advance();
      if (frames.length > 1) frames.pop();
      continue;
    }
    const line = scanner.line;
    const name = scanner.ident();
    if (name === undefined) {
      scanner.skipLine();
      continue;
    }
    scanner.skipBlank(false);
    if (scanner.peek() === '=' && scanner.peek(1) !== '=') {
      scanner.advance();
      frame.block?.fields.set([...frame.prefix, name], line);
      scanner.skipExpression();
      continue;
    }
    const labels = scanner.labels();
    if (scanner.peek() !== '{') {
      scanner.skipLine();
      continue;
    }
    scanner.advance();
    if (!frame.block) {
      const block: HclBlock = { type: name, labels, line, fields: new FieldLines(line) };
      blocks.push(block);
      frames.push({ prefix: [], counts: new Map(), block });
      continue;
    }
    // Nested blocks are arrays in hcl2json, under their labels when they have some.
    const key = [...frame.prefix, name, ...labels];
    const id = key.join('\u0000');
    const index = frame.counts.get(id) ?? 0;
    frame.counts.set(id, index + 1);
    const path = [...key, String(index)];
    frame.block.fields.set(path, line);
    // `['ingress']` alone points at the first such block.
    if (index === 0) frame.block.fields.set(key, line);
    frames.push({ prefix: path, counts: new Map(), block: frame.block });
  }
  return blocks;
}

class Scanner {
  private readonly text: string;
  private i = 0;
  line = 1;

  constructor(text: string) {
    this.text = text;
  }

  done(): boolean {
    return this.i >= this.text.length;
  }

  peek(ahead = 0): string {
    return this.text.charAt(this.i + ahead);
  }

  advance(): void {
    if (this.text.charCodeAt(this.i) === 0x0a) this.line++;
    this.i++;
  }

  ident(): string | undefined {
    IDENT.lastIndex = this.i;
    const match = IDENT.exec(this.text);
    if (!match) return undefined;
    this.i += match[0].length;
    return match[0];
  }

  /** Block labels: quoted strings or identifiers, up to the `{`. */
  labels(): string[] {
    const labels: string[] = [];
    for (;;) {
      this.skipBlank(false);
      if (this.peek() === '"') {
        const start = this.i + 1;
        this.skipString();
        labels.push(this.text.slice(start, this.i - 1));
      } else {
        const name = this.ident();
        if (name === undefined) return labels;
        labels.push(name);
      }
    }
  }

  /** Spaces, comments and, when `newlines`, line breaks. */
  skipBlank(newlines: boolean): void {
    while (!this.done()) {
      const c = this.peek();
      if (c === ' ' || c === '\t' || c === '\r' || (newlines && c === '\n')) this.advance();
      else if (c === '#' || (c === '/' && this.peek(1) === '/')) this.skipToEol();
      else if (c === '/' && this.peek(1) === '*') this.skipBlockComment();
      else return;
    }
  }

  skipLine(): void {
    this.skipToEol();
    if (!this.done()) this.advance();
  }

  private skipToEol(): void {
    while (!this.done() && this.peek() !== '\n') this.advance();
  }

  private skipBlockComment(): void {
    this.advance();
    this.advance();
    while (!this.done() && !(this.peek() === '*' && this.peek(1) === '/')) this.advance();
    if (!this.done()) {
      this.advance();
      this.advance();
    }
  }

  /** A quoted string, its templates included; the cursor ends after the closing quote. */
  private skipString(): void {
    this.advance();
    const closers: string[] = ['"'];
    while (!this.done() && closers.length > 0) {
      const c = this.peek();
      const top = closers.at(-1);
      if (top === '"') {
        if (c === '\n') return; // not valid HCL; hcl2json would have said so
        if (c === '\\') this.advance();
        else if (c === '"') closers.pop();
        else if ((c === '$' || c === '%') && this.peek(1) === '{') {
          this.advance();
          closers.push('}');
        }
        this.advance();
      } else {
        this.stepExpression(closers);
      }
    }
  }

  /** An attribute's expression: up to a line break or a `}` outside brackets (not consumed). */
  skipExpression(): void {
    const closers: string[] = [];
    while (!this.done()) {
      const c = this.peek();
      if (closers.length === 0 && (c === '\n' || c === '}')) return;
      if (closers.at(-1) === '"') {
        if (c === '\\') this.advance();
        else if (c === '"') closers.pop();
        else if ((c === '$' || c === '%') && this.peek(1) === '{') {
          this.advance();
          closers.push('}');
        }
        this.advance();
      } else {
        this.stepExpression(closers);
      }
    }
  }

  /** One step outside string literals: brackets, strings, heredocs, comments. */
  private stepExpression(closers: string[]): void {
    const c = this.peek();
    if (c === '(' || c === '[' || c === '{') closers.push(c === '(' ? ')' : c === '[' ? ']' : '}');
    else if (c === closers.at(-1)) closers.pop();
    else if (c === '"') closers.push('"');
    else if (c === '#' || (c === '/' && this.peek(1) === '/')) {
      this.skipToEol();
      return;
    } else if (c === '/' && this.peek(1) === '*') {
      this.skipBlockComment();
      return;
    } else if (c === '<' && this.peek(1) === '<' && this.skipHeredoc()) return;
    this.advance();
  }

  /** `<<EOT` or `<<-EOT` up to its closing line; false when `<<` starts no heredoc. */
  private skipHeredoc(): boolean {
    const header = /<<-?([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n/y;
    header.lastIndex = this.i;
    const match = header.exec(this.text);
    if (!match) return false;
    const end = match[1] ?? '';
    while (!this.done() && this.peek() !== '\n') this.advance();
    while (!this.done()) {
      this.advance(); // the line break
      const start = this.i;
      this.skipToEol();
      if (this.text.slice(start, this.i).trim() === end) return true;
    }
    return true;
  }
}
