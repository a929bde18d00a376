import { PalisadeError } from '../../../model/index.ts';

/** One directive line of go.mod: `verb args…` on its own or an entry inside a `verb ( … )` block. */
export interface GoModStatement {
  verb: string;
  args: string[];
  /** Text of a trailing `//` comment, trimmed ('' when none): carries the `indirect` marker. */
  comment: string;
  line: number;
}

interface Token {
  value: string;
  quoted: boolean;
}

const PUNCTUATION = new Set(['(', ')', '[', ']', ',']);
const TIDY = 'fix it or regenerate it with `go mod tidy`';

/**
 * Splits go.mod into statements following golang.org/x/mod/modfile's lexer: `//` comments, quoted
 * ("…", `…`) tokens, single-character punctuation, and blocks that open with `verb (` at the end of
 * a line and close with `)` alone on a line. The directives themselves are interpreted by the caller.
 */
export function parseGoModStatements(path: string, text: string): GoModStatement[] {
  const statements: GoModStatement[] = [];
  let block: { verb: string; line: number } | undefined;
  let lineNo = 0;
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lineNo++;
    const { tokens, comment } = tokenizeLine(path, text.slice(start, end), lineNo);
    start = end + 1;
    if (tokens.length === 0) continue;
    const isPunct = (t: Token | undefined, p: string) => t !== undefined && !t.quoted && t.value === p;
    if (block) {
      if (tokens.length === 1 && isPunct(tokens[0], ')')) {
        block = undefined;
        continue;
      }
      assertNoParens(path, lineNo, tokens);
      statements.push({ verb: block.verb, args: tokens.map((t) => t.value), comment, line: lineNo });
      continue;
    }
    const [verb, ...rest] = tokens;
    if (!verb || verb.quoted || PUNCTUATION.has(verb.value)) {
      throw new PalisadeError(
        'input',
        `${path}:${lineNo}: unexpected "${verb?.value}" where a directive should start; ${TIDY}`,
      );
    }
    if (rest.length === 1 && isPunct(rest[0], '(')) {
      block = { verb: verb.value, line: lineNo };
      continue;
    }
    if (rest.length === 2 && isPunct(rest[0], '(') && isPunct(rest[1], ')')) continue;
    assertNoParens(path, lineNo, rest);
    statements.push({ verb: verb.value, args: rest.map((t) => t.value), comment, line: lineNo });
  }
  if (block) {
    throw new PalisadeError(
      'input',
      `${path}:${block.line}: "${block.verb} (" block is never closed with ")"; the file looks truncated, ${TIDY}`,
    );
  }
  return statements;
}

function assertNoParens(path: string, line: number, tokens: Token[]): void {
  const paren = tokens.find((t) => !t.quoted && (t.value === '(' || t.value === ')'));
  if (paren) throw new PalisadeError('input', `${path}:${line}: unexpected "${paren.value}"; ${TIDY}`);
}

function tokenizeLine(path: string, line: string, lineNo: number): { tokens: Token[]; comment: string } {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i] as string;
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
    } else if (line.startsWith('//', i)) {
      return { tokens, comment: line.slice(i + 2).trim() };
    } else if (line.startsWith('/*', i)) {
      throw new PalisadeError(
        'input',
        `${path}:${lineNo}: go.mod allows only // comments, not /* */; ${TIDY}`,
      );
    } else if (c === '"' || c === '`') {
      const close = closingQuote(line, i);
      if (close < 0)
        throw new PalisadeError('input', `${path}:${lineNo}: unterminated quoted string; ${TIDY}`);
      tokens.push({ value: unquote(path, lineNo, line.slice(i, close + 1)), quoted: true });
      i = close + 1;
    } else if (PUNCTUATION.has(c)) {
      tokens.push({ value: c, quoted: false });
      i++;
    } else {
      const from = i;
      while (i < line.length && isIdentChar(line.charCodeAt(i)) && !line.startsWith('//', i)) i++;
      if (i === from) {
        const code = line.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
        throw new PalisadeError('input', `${path}:${lineNo}: unexpected character U+${code}; ${TIDY}`);
      }
      tokens.push({ value: line.slice(from, i), quoted: false });
    }
  }
  return { tokens, comment: '' };
}

function isIdentChar(code: number): boolean {
  if (code <= 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0)) return false;
  // ( ) , [ ] " `
  return (
    code !== 0x28 &&
    code !== 0x29 &&
    code !== 0x2c &&
    code !== 0x5b &&
    code !== 0x5d &&
    code !== 0x22 &&
    code !== 0x60
  );
}

function closingQuote(line: string, open: number): number {
  const quote = line[open];
  for (let i = open + 1; i < line.length; i++) {
    if (line[i] === quote) return i;
    if (quote === '"' && line[i] === '\\') i++;
  }
  return -1;
}

function unquote(path: string, lineNo: number, quoted: string): string {
  if (quoted.startsWith('`')) return quoted.slice(1, -1);
  try {
    return JSON.parse(quoted) as string;
  } catch {
    throw new PalisadeError('input', `${path}:${lineNo}: invalid escape in quoted string ${quoted}; ${TIDY}`);
  }
}
