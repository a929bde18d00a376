/**
 * The imports of one Python file, from a tokenizer that knows Python's lexical rules (strings of
 * every prefix and quote style, comments, line continuations, brackets): `import a.b as c, d`,
 * `from a.b import c` (recorded as `a.b` and `a.b.c`, so namespace packages map), and
 * `importlib.import_module('x')` / `__import__('x')`. Relative imports are the project's own.
 * Statements are recognised wherever one can start: after a newline, `;` or a block's `:`.
 */
export function pythonImports(source: string): {
  imports: Array<{ module: string; line: number }>;
  dynamic: number[];
} {
  const tokens = new Lexer(source).tokens();
  const imports: Array<{ module: string; line: number }> = [];
  const dynamic: number[] = [];
  let statementStart = true;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (endsStatement(token)) {
      statementStart = true;
      continue;
    }
    if (token.kind === 'name' && (token.value === 'import_module' || token.value === '__import__')) {
      importCall(tokens, i, imports, dynamic);
    }
    if (statementStart && token.kind === 'name' && (token.value === 'import' || token.value === 'from')) {
      const end = statementEnd(tokens, i);
      imports.push(...statementImports(tokens.slice(i, end)));
      i = end - 1;
    }
    statementStart = false;
  }
  return { imports, dynamic };
}

function endsStatement(token: Token): boolean {
  return (
    token.kind === 'newline' ||
    (token.kind === 'op' && (token.value === ';' || (token.value === ':' && token.depth === 0)))
  );
}

/** `import_module('x')` / `__import__('x')`: a module by literal name, else a dynamic import. */
function importCall(
  tokens: Token[],
  i: number,
  imports: Array<{ module: string; line: number }>,
  dynamic: number[],
): void {
  const open = tokens[i + 1];
  const argument = tokens[i + 2];
  if (open?.value !== '(' || !argument) return;
  const closes = tokens[i + 3]?.value === ')' || tokens[i + 3]?.value === ',';
  if (argument.kind !== 'string' || !closes || argument.value === '') dynamic.push(tokens[i]!.line);
  else if (!argument.value.startsWith('.')) imports.push({ module: argument.value, line: argument.line });
}

interface Token {
  kind: 'name' | 'string' | 'op' | 'newline';
  value: string;
  line: number;
  depth: number;
}

function statementEnd(tokens: Token[], from: number): number {
  let i = from;
  while (i < tokens.length && tokens[i]!.kind !== 'newline' && tokens[i]!.value !== ';') i++;
  return i;
}

function statementImports(statement: Token[]): Array<{ module: string; line: number }> {
  const line = statement[0]!.line;
  const words = statement.filter(
    (t) => t.kind === 'name' || t.value === '.' || t.value === ',' || t.value === '*',
  );
  if (words[0]?.value === 'import') {
    return dottedNames(words.slice(1)).map((module) => ({ module, line }));
  }
  // from <module> import <names>
  const importAt = words.findIndex((t, k) => k > 0 && t.kind === 'name' && t.value === 'import');
  if (importAt < 0) return [];
  const source = words.slice(1, importAt);
  if (source[0]?.value === '.') return []; // relative: the project's own package
  const module = source.map((t) => t.value).join('');
  if (module === '') return [];
  const names = dottedNames(words.slice(importAt + 1)).filter((n) => n !== '*');
  return [{ module, line }, ...names.map((n) => ({ module: `${module}.${n}`, line }))];
}

/** `a.b as c, d` → ['a.b', 'd']. */
function dottedNames(words: Token[]): string[] {
  const names: string[] = [];
  let current = '';
  let aliased = false;
  for (const word of words) {
    if (word.value === ',') {
      if (current) names.push(current);
      current = '';
      aliased = false;
    } else if (word.kind === 'name' && word.value === 'as') {
      aliased = true;
    } else if (!aliased) {
      current += word.value;
    }
  }
  if (current) names.push(current);
  return names.filter((n) => /^[\p{L}_][\p{L}\p{N}_]*(?:\.[\p{L}_][\p{L}\p{N}_]*)*$/u.test(n) || n === '*');
}

const STRING_PREFIX = /^(?:[rRbBuUfFtT]|[rR][bBfFtT]|[bBfFtT][rR])$/;
const NAME_START = /[\p{L}_]/u;
const NAME_PART = /[\p{L}\p{N}_]/u;
const OPEN = new Set(['(', '[', '{']);
const CLOSE = new Set([')', ']', '}']);

class Lexer {
  private readonly source: string;
  private readonly out: Token[] = [];
  private line = 1;
  private depth = 0;
  private i = 0;

  constructor(source: string) {
    this.source = source;
  }

  tokens(): Token[] {
    while (this.i < this.source.length) this.next(this.source[this.i]!);
    return this.out;
  }

  private next(c: string): void {
    if (c === '\n') {
      if (this.depth === 0) this.push('newline', '\n');
      this.line++;
      this.i++;
    } else if (c === ' ' || c === '\t' || c === '\r' || c === '\f') {
      this.i++;
    } else if (c === '\\' && (this.source[this.i + 1] === '\n' || this.source[this.i + 1] === '\r')) {
      this.i += this.source[this.i + 1] === '\r' && this.source[this.i + 2] === '\n' ? 3 : 2;
      this.line++;
    } else if (c === '#') {
      while (this.i < this.source.length && this.source[this.i] !== '\n') this.i++;
    } else if (c === '"' || c === "'") {
      this.string(this.i, '');
    } else if (NAME_START.test(c)) {
      this.name();
    } else {
      if (OPEN.has(c)) this.depth++;
      else if (CLOSE.has(c) && this.depth > 0) this.depth--;
      this.push('op', c);
      this.i++;
    }
  }

  private name(): void {
    let j = this.i + 1;
    while (j < this.source.length && NAME_PART.test(this.source[j]!)) j++;
    const word = this.source.slice(this.i, j);
    if ((this.source[j] === '"' || this.source[j] === "'") && STRING_PREFIX.test(word)) {
      this.string(j, word);
    } else {
      this.push('name', word);
      this.i = j;
    }
  }

  private string(start: number, prefix: string): void {
    const literal = readString(this.source, start, prefix);
    this.push('string', literal.value);
    this.line += literal.lines;
    this.i = literal.end;
  }

  private push(kind: Token['kind'], value: string): void {
    this.out.push({ kind, value, line: this.line, depth: this.depth });
  }
}

/** A string literal from its opening quote; an unterminated one runs to the end of its line (or file). */
function readString(
  source: string,
  start: number,
  prefix: string,
): { value: string; end: number; lines: number } {
  const quote = source[start]!;
  const triple = source.startsWith(quote.repeat(3), start);
  const closing = triple ? quote.repeat(3) : quote;
  let i = start + closing.length;
  let lines = 0;
  let value = '';
  while (i < source.length) {
    const c = source[i]!;
    if (c === '\\') {
      if (source[i + 1] === '\n') lines++;
      value += source.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (source.startsWith(closing, i))
      return { value: literalValue(value, prefix), end: i + closing.length, lines };
    if (c === '\n') {
      if (!triple) return { value: '', end: i, lines };
      lines++;
    }
    value += c;
    i++;
  }
  return { value: '', end: i, lines };
}

/** f-strings and byte strings never name a module; the others are kept as written. */
function literalValue(value: string, prefix: string): string {
  return /[fFbBtT]/.test(prefix) ? '' : value;
}
