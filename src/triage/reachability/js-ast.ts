import { type ParserOptions, parseSync, rawTransferSupported } from 'oxc-parser';

/**
 * The slice of the ESTree shape (as oxc-parser emits it) that the analysis reads. Nodes are walked
 * generically through `visitorKeys`, so one structural type with accessors replaces the hundreds
 * of node interfaces of @oxc-project/types.
 */
export interface AstNode {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

export function isNode(value: unknown): value is AstNode {
  return (
    typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
  );
}

export function child(node: AstNode, key: string): AstNode | undefined {
  const value = node[key];
  return isNode(value) ? value : undefined;
}

export function children(node: AstNode, key: string): AstNode[] {
  const value = node[key];
  return Array.isArray(value) ? value.filter(isNode) : [];
}

export function text(node: AstNode, key: string): string | undefined {
  const value = node[key];
  return typeof value === 'string' ? value : undefined;
}

/** The value of a string literal, or of a template literal without substitutions. */
export function literalString(node: AstNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'Literal') return typeof node.value === 'string' ? node.value : undefined;
  if (node.type === 'TemplateLiteral' && children(node, 'expressions').length === 0) {
    return cooked(children(node, 'quasis')[0]);
  }
  return undefined;
}

/** The constant start of a computed string: `./locales/` of `` `./locales/${lang}` `` or `'./x/' + name`. */
export function literalPrefix(node: AstNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'TemplateLiteral') return cooked(children(node, 'quasis')[0]) || undefined;
  if (node.type === 'BinaryExpression' && node.operator === '+') {
    const left = child(node, 'left');
    return literalString(left) ?? literalPrefix(left);
  }
  return undefined;
}

function cooked(quasi: AstNode | undefined): string | undefined {
  const value = quasi?.value as { cooked?: unknown } | undefined;
  return typeof value?.cooked === 'string' ? value.cooked : undefined;
}

/** The name a non-computed member or a string-literal computed member names. */
export function memberName(member: AstNode): string | undefined {
  const property = child(member, 'property');
  if (!property) return undefined;
  if (member.computed === true) return literalString(property);
  return property.type === 'Identifier' || property.type === 'PrivateIdentifier'
    ? text(property, 'name')
    : undefined;
}

/** Parentheses, TypeScript casts and non-null assertions change nothing at run time. */
export function unwrap(node: AstNode | undefined): AstNode | undefined {
  let current = node;
  while (current && TRANSPARENT.has(current.type)) current = child(current, 'expression');
  return current;
}

const TRANSPARENT = new Set([
  'ParenthesizedExpression',
  'TSAsExpression',
  'TSSatisfiesExpression',
  'TSNonNullExpression',
  'TSTypeAssertion',
  'TSInstantiationExpression',
  'ChainExpression',
]);

export interface Parsed {
  program: AstNode;
  errors: string[];
}

const JS_LIKE = /\.(?:js|mjs|cjs)$/;
const KNOWN_EXTENSION = /\.(?:[cm]?[jt]sx?)$/;

/**
 * Raw transfer hands the AST over as a buffer instead of JSON: about a third less CPU over a few
 * thousand files (src/triage/reachability/bench.ts). Not every platform supports it.
 */
const RAW: ParserOptions = rawTransferSupported() ? ({ experimentalRawTransfer: true } as ParserOptions) : {};

/** CommonJS files may `return` at top level; `.js` may be either kind; extension-less bin scripts are JS. */
function parserOptions(path: string): ParserOptions {
  if (path.endsWith('.cjs')) return { ...RAW, sourceType: 'commonjs' };
  if (path.endsWith('.js') || path.endsWith('.jsx')) return { ...RAW, sourceType: 'unambiguous' };
  if (!KNOWN_EXTENSION.test(path)) return { ...RAW, lang: 'js', sourceType: 'unambiguous' };
  return RAW;
}

/**
 * Parses with oxc. Plain `.js` files that hold JSX (common in React projects) fail as JavaScript
 * and are parsed again as JSX; the result with fewer errors wins.
 */
export function parseModule(path: string, source: string): Parsed {
  if (tooDeep(source)) throw new RangeError('nested too deeply to parse safely');
  const options = parserOptions(path);
  const first = parseSync(path, source, options);
  let result = { program: first.program as unknown as AstNode, errors: first.errors.map((e) => e.message) };
  if (result.errors.length > 0 && JS_LIKE.test(path)) {
    const again = parseSync(path, source, { ...options, lang: 'jsx' });
    if (again.errors.length < result.errors.length) {
      result = { program: again.program as unknown as AstNode, errors: again.errors.map((e) => e.message) };
    }
  }
  return result;
}

/** 1-based line of a UTF-16 offset (oxc reports offsets in the JavaScript string's units). */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(source: string) {
    for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  line(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
}

const MAX_BRACKET_DEPTH = 1000;
const MAX_BARE_RUN = 12_000;

/**
 * The native parser recurses once per nesting level and overflows its stack (killing the
 * process) somewhere past 4,000 nested functions or about 10,000 chained `?:`, `=>` or `=`.
 * Real code nests a few dozen levels. This pass bounds both kinds of nesting without parsing:
 * bracket depth, and the longest run of code (strings skipped) without a bracket, comma,
 * semicolon or newline, which any long operator chain needs. Files beyond either are refused.
 */
export function tooDeep(source: string): boolean {
  let depth = 0;
  let run = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    switch (c) {
      case 0x28: // (
      case 0x5b: // [
      case 0x7b: // {
        if (++depth > MAX_BRACKET_DEPTH) return true;
        run = 0;
        break;
      case 0x29: // )
      case 0x5d: // ]
      case 0x7d: // }
        if (depth > 0) depth--;
        run = 0;
        break;
      case 0x2c: // ,
      case 0x3b: // ;
      case 0x0a: // newline
        run = 0;
        break;
      case 0x22: // "
      case 0x27: // '
      case 0x60: // `
        i = skipString(source, i, c);
        break;
      default:
        if (++run > MAX_BARE_RUN) return true;
    }
  }
  return false;
}

/** The index of the closing quote (template substitutions stay inside: they hold no nesting of note). */
function skipString(source: string, start: number, quote: number): number {
  for (let i = start + 1; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 0x5c) i++;
    else if (c === quote || (c === 0x0a && quote !== 0x60)) return i;
  }
  return source.length;
}
