import { chargeCall, STRING_TRAVERSAL_FACTOR } from './cost.ts';
import { fail } from './errors.ts';
import { formatString } from './format-string.ts';
import type { LibraryContext } from './libraries.ts';

/**
 * The cel-go strings extension functions cel-js lacks: `charAt`, `replace`, `reverse`,
 * `strings.quote` and `format` (cel-js already has `indexOf`, `lastIndexOf`, `lowerAscii`,
 * `upperAscii`, `split`, `substring`, `trim` and `join`). Indices count code points, as in CEL.
 */
export function registerStrings(ctx: LibraryContext): void {
  const cost = (s: string, factor = 1): void =>
    chargeCall(ctx.state, s.length * STRING_TRAVERSAL_FACTOR * factor);

  ctx.fn('string.charAt(int): string', (s: string, index: bigint) => {
    cost(s);
    const chars = [...s];
    if (index < 0n || index > BigInt(chars.length)) fail(`index out of range: ${index}`);
    return chars[Number(index)] ?? '';
  });
  ctx.fn('string.replace(string, string): string', (s: string, from: string, to: string) => {
    cost(s, 2);
    return replace(s, from, to, -1);
  });
  ctx.fn('string.replace(string, string, int): string', (s: string, from: string, to: string, n: bigint) => {
    cost(s, 2);
    return replace(s, from, to, Number(n));
  });
  ctx.fn('string.reverse(): string', (s: string) => {
    cost(s);
    return [...s].reverse().join('');
  });
  ctx.fn('string.format(list): string', (s: string, args: unknown[]) => {
    cost(s);
    return formatString(s, args);
  });
  ctx.namespace('strings');
  ctx.fn('StringsNamespace.quote(string): string', (_ns: object, s: string) => {
    cost(s);
    return quote(s);
  });
}

/** Go `strings.Replace`: an empty `from` inserts `to` around every code point. */
function replace(s: string, from: string, to: string, n: number): string {
  if (n === 0) return s;
  if (from === '') {
    const chars = [...s];
    let out = '';
    let done = 0;
    for (let i = 0; i <= chars.length; i++) {
      if (n < 0 || done < n) {
        out += to;
        done++;
      }
      out += chars[i] ?? '';
    }
    return out;
  }
  if (n < 0) return s.split(from).join(to);
  let out = '';
  let rest = s;
  for (let i = 0; i < n; i++) {
    const at = rest.indexOf(from);
    if (at < 0) break;
    out += rest.slice(0, at) + to;
    rest = rest.slice(at + from.length);
  }
  return out + rest;
}

const QUOTE_ESCAPES: Record<string, string> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '\\': '\\\\',
  '"': '\\"',
};

/** cel-go `strings.quote`: a double-quoted CEL string literal. */
export function quote(s: string): string {
  let out = '"';
  for (const c of wellFormed(s)) out += QUOTE_ESCAPES[c] ?? c;
  return `${out}"`;
}

/** Replaces lone surrogates (invalid UTF-16, cel-go's invalid UTF-8) with U+FFFD. */
function wellFormed(s: string): string {
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}
