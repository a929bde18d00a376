/**
 * The values the subset reader finds on one line: flow collections, quoted and plain scalars.
 * Every function reads `text` from an index up to a line end without slicing the line, returns the
 * value or BAIL (outside the subset), and leaves the index after the value in `cursor`: a large
 * lockfile has hundreds of thousands of these, and a result tuple for each would cost more in
 * garbage collection than the reading itself.
 */

export const BAIL: unique symbol = Symbol('outside the subset');
export type Bail = typeof BAIL;

/** Index after the value the last successful call read. */
let cursor = 0;

/** Where the last value read ends (after `blockKey`: where the key's value starts). */
export function lastIndex(): number {
  return cursor;
}

const MAX_FLOW_DEPTH = 32;
const INT = /^[-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
// Characters that cannot start a plain scalar, or start one that means something else (YAML 1.2, 7.3.3).
const INDICATORS = '-?:,[]{}#&*!|>\'"%@`';
const SPACE = 32;
const COLON = 58;

/**
 * A mapping without prototype. V8 keeps such objects as hash tables from the start, where a plain
 * `{}` gets a new hidden class for every package name used as a key, tens of thousands in a large
 * lockfile. (It also makes a `__proto__` key an ordinary one, though the reader leaves those to `yaml`.)
 */
export function mapping(): Record<string, unknown> {
  return Object.create(null) as Record<string, unknown>;
}

export function skipSpaces(text: string, i: number, end: number): number {
  while (i < end && text.charCodeAt(i) === SPACE) i++;
  return i;
}

/** The key of a block mapping line starting at `i`; `cursor` is left at its value (spaces skipped). */
export function blockKey(text: string, i: number, end: number): string | Bail {
  const first = text.charCodeAt(i);
  if (first === 39 || first === 34) {
    const key = quotedScalar(text, i, end);
    if (key === BAIL) return BAIL;
    const colon = skipSpaces(text, cursor, end);
    if (text.charCodeAt(colon) !== COLON || colon >= end) return BAIL;
    if (colon + 1 < end && text.charCodeAt(colon + 1) !== SPACE) return BAIL;
    cursor = skipSpaces(text, colon + 1, end);
    return key;
  }
  if (!startsPlain(text, i, end)) return BAIL;
  let colon = i;
  while (
    colon < end &&
    !(text.charCodeAt(colon) === COLON && (colon + 1 === end || text.charCodeAt(colon + 1) === SPACE))
  ) {
    colon++;
  }
  if (colon === end) return BAIL;
  const key = text.slice(i, colon).trimEnd();
  // A key YAML would read as a number, boolean or null, or one with a comment inside, is left to `yaml`.
  if (key.includes(' #') || typeof plainScalar(key) !== 'string') return BAIL;
  cursor = skipSpaces(text, colon + 1, end);
  return key;
}

/** True for `a: b` or `a:` at `i`, which in a sequence item would start a nested mapping. */
export function isImplicitKey(text: string, i: number, end: number): boolean {
  const first = text.charCodeAt(i);
  if (first === 123 || first === 91 || first === 39 || first === 34) return false;
  for (let j = i; j < end; j++) {
    if (text.charCodeAt(j) === COLON && (j + 1 === end || text.charCodeAt(j + 1) === SPACE)) return true;
  }
  return false;
}

/** A value written on its key's line, from `i` to the line's `end`. */
export function inlineValue(text: string, i: number, end: number): unknown {
  const first = text.charCodeAt(i);
  if (first === 123 || first === 91) {
    const flow = flowCollection(text, i, end, 1);
    return flow === BAIL || skipSpaces(text, cursor, end) !== end ? BAIL : flow;
  }
  if (first === 39 || first === 34) {
    const quoted = quotedScalar(text, i, end);
    return quoted === BAIL || skipSpaces(text, cursor, end) !== end ? BAIL : quoted;
  }
  if (!startsPlain(text, i, end)) return BAIL;
  // `a: b: c` is an error in YAML and `a: b #c` holds a comment: both are left to `yaml`.
  for (let j = i; j < end; j++) {
    const c = text.charCodeAt(j);
    if (c === COLON && (j + 1 === end || text.charCodeAt(j + 1) === SPACE)) return BAIL;
    if (c === 35 && text.charCodeAt(j - 1) === SPACE) return BAIL;
  }
  cursor = end;
  return plainScalar(text.slice(i, end).trimEnd());
}

/** `{…}` or `[…]` at `start`, closed before `end`. */
function flowCollection(text: string, start: number, end: number, depth: number): unknown {
  if (depth > MAX_FLOW_DEPTH) return BAIL;
  const isMap = text.charCodeAt(start) === 123;
  const close = isMap ? 125 : 93;
  const collection: Record<string, unknown> | unknown[] = isMap ? mapping() : [];
  let i = skipSpaces(text, start + 1, end);
  if (i < end && text.charCodeAt(i) === close) {
    cursor = i + 1;
    return collection;
  }
  for (;;) {
    const ok = Array.isArray(collection)
      ? flowItem(text, i, end, depth, collection)
      : flowPair(text, i, end, depth, collection);
    if (!ok) return BAIL;
    i = skipSpaces(text, cursor, end);
    const c = text.charCodeAt(i);
    if (i < end && c === close) {
      cursor = i + 1;
      return collection;
    }
    if (i >= end || c !== 44) return BAIL;
    i = skipSpaces(text, i + 1, end);
  }
}

function flowPair(
  text: string,
  start: number,
  end: number,
  depth: number,
  map: Record<string, unknown>,
): boolean {
  const key = flowScalar(text, start, end, true);
  if (typeof key !== 'string' || key === '__proto__' || Object.hasOwn(map, key)) return false;
  const colon = skipSpaces(text, cursor, end);
  if (colon >= end || text.charCodeAt(colon) !== COLON) return false;
  const value = flowValue(text, skipSpaces(text, colon + 1, end), end, depth);
  if (value === BAIL) return false;
  map[key] = value;
  return true;
}

function flowItem(text: string, start: number, end: number, depth: number, list: unknown[]): boolean {
  const value = flowValue(text, start, end, depth);
  if (value === BAIL) return false;
  list.push(value);
  return true;
}

function flowValue(text: string, start: number, end: number, depth: number): unknown {
  const first = text.charCodeAt(start);
  if (first === 123 || first === 91) return flowCollection(text, start, end, depth + 1);
  return flowScalar(text, start, end, false);
}

/** A scalar inside a flow collection: it ends at `,`, `}`, `]`, or (a key) at `: `. */
function flowScalar(text: string, start: number, end: number, isKey: boolean): unknown {
  if (start >= end) return BAIL;
  const first = text.charCodeAt(start);
  if (first === 39 || first === 34) return quotedScalar(text, start, end);
  if (!startsPlain(text, start, end)) return BAIL;
  const stop = plainFlowEnd(text, start, end, isKey);
  if (stop < 0) return BAIL;
  const value = plainScalar(text.slice(start, stop).trimEnd());
  if (value === BAIL || (isKey && typeof value !== 'string')) return BAIL;
  cursor = stop;
  return value;
}

/** Where a plain scalar in a flow collection ends, or -1 where YAML would read something else. */
function plainFlowEnd(text: string, start: number, end: number, isKey: boolean): number {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 44 || c === 125 || c === 93) return i;
    if (c === 91 || c === 123) return -1;
    if (c === COLON && endsFlowKey(i + 1 === end ? Number.NaN : text.charCodeAt(i + 1)))
      return isKey ? i : -1;
    if (c === 35 && text.charCodeAt(i - 1) === SPACE) return -1;
  }
  return end;
}

/** After a `:` in a flow collection: end of line, space or a flow indicator ends the key. */
function endsFlowKey(next: number): boolean {
  return Number.isNaN(next) || next === SPACE || next === 44 || next === 125 || next === 93;
}

/** Whether a plain scalar may start at `i`: not at an indicator, except `-`, `?`, `:` followed by a safe character. */
function startsPlain(text: string, i: number, end: number): boolean {
  if (i >= end) return false;
  const first = text[i] as string;
  if (!INDICATORS.includes(first)) return true;
  if (i + 1 >= end) return false;
  return (first === '-' || first === '?' || first === ':') && !' ,[]{}'.includes(text[i + 1] as string);
}

/** A single- or double-quoted scalar at `start`, closed before `end`. */
function quotedScalar(text: string, start: number, end: number): string | Bail {
  if (text.charCodeAt(start) === 39) {
    let out = '';
    let i = start + 1;
    for (;;) {
      const close = text.indexOf("'", i);
      if (close < 0 || close >= end) return BAIL;
      out += text.slice(i, close);
      if (close + 1 >= end || text.charCodeAt(close + 1) !== 39) {
        cursor = close + 1;
        return out;
      }
      out += "'";
      i = close + 2;
    }
  }
  let out = '';
  for (let i = start + 1; i < end; i++) {
    const c = text[i] as string;
    if (c === '"') {
      cursor = i + 1;
      return out;
    }
    if (c !== '\\') {
      out += c;
      continue;
    }
    const escaped = doubleQuotedEscape(text, i + 1, end);
    if (escaped === BAIL) return BAIL;
    out += escaped;
    i = cursor - 1;
  }
  return BAIL;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '0': '\0',
  b: '\b',
  t: '\t',
  n: '\n',
  r: '\r',
  f: '\f',
  '"': '"',
  '/': '/',
  '\\': '\\',
  ' ': ' ',
};
const HEX_ESCAPE_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };

function doubleQuotedEscape(text: string, at: number, end: number): string | Bail {
  const c = at < end ? (text[at] as string) : '';
  const simple = SIMPLE_ESCAPES[c];
  if (simple !== undefined) {
    cursor = at + 1;
    return simple;
  }
  const length = HEX_ESCAPE_LENGTH[c];
  if (length === undefined || at + 1 + length > end) return BAIL;
  const hex = text.slice(at + 1, at + 1 + length);
  if (!/^[0-9a-fA-F]+$/.test(hex)) return BAIL;
  const code = Number.parseInt(hex, 16);
  if (code > 0x10ffff) return BAIL;
  cursor = at + 1 + length;
  return String.fromCodePoint(code);
}

/** A plain scalar typed as YAML 1.2's core schema types it; forms this reader does not type are BAIL. */
function plainScalar(raw: string): unknown {
  switch (raw) {
    case 'true':
    case 'True':
    case 'TRUE':
      return true;
    case 'false':
    case 'False':
    case 'FALSE':
      return false;
    case '':
    case '~':
    case 'null':
    case 'Null':
    case 'NULL':
      return null;
  }
  const c = raw.charCodeAt(0);
  const numeric = (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46;
  if (!numeric) return raw;
  // Versions (`1.2.3`) have two dots, numbers at most one: the common case skips the regexes.
  const dot = raw.indexOf('.');
  if (dot >= 0 && raw.indexOf('.', dot + 1) >= 0) return raw;
  if (INT.test(raw) || FLOAT.test(raw)) return Number(raw);
  // Hexadecimal, octal, .inf and .nan: typed by `yaml`, which the caller falls back to.
  return /^(?:0[xo]|[-+]?\.(?:inf|Inf|INF)$|\.(?:nan|NaN|NAN)$)/.test(raw) ? BAIL : raw;
}
