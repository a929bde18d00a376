/**
 * Translates a Go (RE2) regular expression, as written in `.gitleaks.toml`, to JavaScript.
 *
 * What differs and how it is handled:
 * - flag groups `(?i)`, `(?s)`, `(?m)`, `(?i:...)`, `(?-i:...)` anywhere in the pattern: a leading
 *   `(?i)` that nothing switches off becomes the JS `i` flag; otherwise case-insensitive parts are
 *   spelled out (`a` -> `[aA]`, `[a-f]` -> `[a-fA-F]`), `.` under `s` becomes `[\s\S]`, `^`/`$`
 *   under `m` become lookarounds on `\n`;
 * - `(?P<name>`, `\z`, `\A`, `\Q...\E`, `\x{...}`, octal escapes, POSIX classes `[[:alpha:]]`;
 * - what RE2 rejects and JS would accept (lookarounds, backreferences) is rejected, as is what
 *   JS cannot express without the `u` flag (`\p{...}`) and `(?U)`.
 * The result is also checked for nested unbounded repetition (`(a+)+`), the shape that takes
 * exponential time in a backtracking engine; other slow shapes are left to the scan's time budget.
 */
import { POSIX_CLASSES as POSIX } from '../regex/posix-classes.ts';

export interface TranslatedRegex {
  source: string;
  flags: string;
  /** Number of capture groups, for checking `secretGroup`. */
  groups: number;
}

/** A pattern that cannot be used, with a one-line reason. */
export class RegexTranslationError extends Error {
  override name = 'RegexTranslationError';
}

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
}

interface Frame {
  saved: Flags;
  unbounded: boolean;
}

/** Go's control-character escapes, by letter: code points. */
const SIMPLE_ESCAPES: Record<string, number> = { a: 7, f: 12, t: 9, n: 10, r: 13, v: 11 };

export function translateGoRegex(pattern: string): TranslatedRegex {
  return new Translator(pattern).run();
}

class Translator {
  private readonly pattern: string;
  private pos = 0;
  private out = '';
  private flags: Flags = { i: false, m: false, s: false };
  private readonly frames: Frame[] = [];
  private top: Frame = { saved: { i: false, m: false, s: false }, unbounded: false };
  /** Whether the atom just emitted contains unbounded repetition (for the nesting check). */
  private lastAtom: { unbounded: boolean } | null = null;
  private groups = 0;
  private jsCaseFlag = false;

  constructor(pattern: string) {
    this.pattern = pattern;
  }

  run(): TranslatedRegex {
    const leading = /^\(\?([a-zA-Z]+)\)/.exec(this.pattern);
    if (leading?.[1]?.includes('i') && !/\(\?[a-zA-Z]*-[a-zA-Z]*i/.test(this.pattern)) this.jsCaseFlag = true;
    while (this.pos < this.pattern.length) this.step();
    if (this.frames.length > 0) this.fail('missing closing )');
    return { source: this.out, flags: this.jsCaseFlag ? 'i' : '', groups: this.groups };
  }

  private fail(reason: string): never {
    throw new RegexTranslationError(reason);
  }

  private step(): void {
    const c = this.pattern[this.pos]!;
    switch (c) {
      case '(':
        this.openGroup();
        return;
      case ')':
        this.closeGroup();
        return;
      case '[':
        this.emitAtom(this.charClass(), false);
        return;
      case '\\':
        this.escape();
        return;
      case '*':
      case '+':
      case '?':
        this.quantifier();
        return;
      case '{':
        if (/^\{\d+(?:,\d*)?\}/.test(this.pattern.slice(this.pos, this.pos + 24))) {
          this.quantifier();
          return;
        }
        this.pos++;
        this.emitAtom('\\{', false);
        return;
      case '|':
        this.pos++;
        this.out += '|';
        this.lastAtom = null;
        return;
      case '.':
        this.pos++;
        this.emitAtom(this.flags.s ? '[\\s\\S]' : '.', false);
        return;
      case '^':
        this.pos++;
        this.emitAtom(this.flags.m ? '(?<![^\\n])' : '^', false);
        return;
      case '$':
        this.pos++;
        this.emitAtom(this.flags.m ? '(?![^\\n])' : '$', false);
        return;
      default:
        this.pos += c.length;
        this.emitAtom(this.literal(c.codePointAt(0)!), false);
    }
  }

  private emitAtom(text: string, unbounded: boolean): void {
    this.out += text;
    this.lastAtom = { unbounded };
  }

  private openGroup(): void {
    const rest = this.pattern.slice(this.pos);
    const frame: Frame = { saved: { ...this.flags }, unbounded: false };
    if (rest.startsWith('(?P<') || (rest.startsWith('(?<') && !/^\(\?<[=!]/.test(rest))) {
      const named = /^\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest);
      if (!named) this.fail('invalid named group');
      this.pos += named[0].length;
      this.out += `(?<${named[1]}>`;
      this.groups++;
    } else if (/^\(\?(?:=|!|<=|<!)/.test(rest)) {
      this.fail('lookaround (?= (?! (?<= (?<! is not RE2 syntax');
    } else if (rest.startsWith('(?')) {
      const flagGroup = /^\(\?([a-zA-Z]*)(?:-([a-zA-Z]*))?([:)])/.exec(rest);
      if (!flagGroup) this.fail(`unknown group syntax '${rest.slice(0, 4)}'`);
      this.pos += flagGroup[0].length;
      const next = this.applyFlags(flagGroup[1] ?? '', flagGroup[2] ?? '');
      if (flagGroup[3] === ')') {
        this.flags = next;
        return;
      }
      this.out += '(?:';
      this.frames.push(this.top);
      this.top = frame;
      this.flags = next;
      this.lastAtom = null;
      return;
    } else {
      this.pos++;
      this.out += '(';
      this.groups++;
    }
    this.frames.push(this.top);
    this.top = frame;
    this.lastAtom = null;
  }

  private applyFlags(on: string, off: string): Flags {
    const next = { ...this.flags };
    for (const [letters, value] of [
      [on, true],
      [off, false],
    ] as const) {
      for (const flag of letters) {
        if (flag === 'i' || flag === 'm' || flag === 's') next[flag] = value;
        else if (flag === 'U')
          this.fail('the ungreedy flag (?U) has no JavaScript equivalent; use lazy quantifiers');
        else this.fail(`unknown flag '${flag}'`);
      }
    }
    return next;
  }

  private closeGroup(): void {
    const frame = this.top;
    const parent = this.frames.pop();
    if (!parent) this.fail('unmatched )');
    this.pos++;
    this.out += ')';
    this.flags = frame.saved;
    this.top = parent;
    parent.unbounded ||= frame.unbounded;
    this.lastAtom = { unbounded: frame.unbounded };
  }

  private quantifier(): void {
    const match = /^(?:[*+?]|\{(\d+)(,(\d*))?\})\??/.exec(this.pattern.slice(this.pos))!;
    if (!this.lastAtom) this.fail(`missing argument to repetition operator '${match[0]}'`);
    this.pos += match[0].length;
    this.out += match[0];
    const unbounded = match[0][0] === '*' || match[0][0] === '+' || (match[2] !== undefined && !match[3]);
    if (unbounded && this.lastAtom.unbounded) {
      this.fail('nested unbounded repetition such as (a+)+ can take exponential time; rewrite it');
    }
    this.top.unbounded ||= unbounded || this.lastAtom.unbounded;
    this.lastAtom = null;
  }

  private escape(): void {
    const c = this.pattern[this.pos + 1];
    if (c === undefined) this.fail('trailing backslash');
    if ('dDsSwWbB'.includes(c)) {
      this.pos += 2;
      this.emitAtom(`\\${c}`, false);
    } else if (c === 'A') {
      this.pos += 2;
      this.emitAtom('(?<![\\s\\S])', false);
    } else if (c === 'z') {
      this.pos += 2;
      this.emitAtom('(?![\\s\\S])', false);
    } else if (c === 'Q') {
      const end = this.pattern.indexOf('\\E', this.pos + 2);
      const text = this.pattern.slice(this.pos + 2, end < 0 ? undefined : end);
      this.pos = end < 0 ? this.pattern.length : end + 2;
      for (const ch of text) this.emitAtom(this.literal(ch.codePointAt(0)!), false);
    } else {
      this.emitAtom(this.literal(this.escapedCodePoint()), false);
    }
  }

  /** The code point of a character escape at `pos` (`\x41`, `\x{41}`, `\101`, `\n`, `\.`). */
  private escapedCodePoint(): number {
    const rest = this.pattern.slice(this.pos);
    const c = rest[1]!;
    const hex = /^\\x(?:\{([0-9A-Fa-f]{1,6})\}|([0-9A-Fa-f]{2}))/.exec(rest);
    if (hex) {
      this.pos += hex[0].length;
      return Number.parseInt(hex[1] ?? hex[2] ?? '', 16);
    }
    const octal = /^\\([0-7]{1,3})/.exec(rest);
    if (octal) {
      if (c !== '0' && octal[1]!.length === 1) this.fail(`backreference \\${c} is not RE2 syntax`);
      this.pos += octal[0].length;
      return Number.parseInt(octal[1]!, 8);
    }
    if (c === '8' || c === '9') this.fail(`backreference \\${c} is not RE2 syntax`);
    if (c === 'p' || c === 'P')
      this.fail('Unicode classes \\p{...} are not supported; use an explicit class');
    const simple = SIMPLE_ESCAPES[c];
    this.pos += 2;
    if (simple !== undefined) return simple;
    if (/[A-Za-z0-9]/.test(c)) this.fail(`invalid escape sequence \\${c}`);
    return c.codePointAt(0)!;
  }

  /** A literal character in JS syntax, both cases when case-insensitivity must be spelled out. */
  private literal(code: number): string {
    const char = String.fromCodePoint(code);
    if (this.flags.i && !this.jsCaseFlag && /[A-Za-z]/.test(char)) {
      return `[${char.toLowerCase()}${char.toUpperCase()}]`;
    }
    return escapeLiteral(code);
  }

  private charClass(): string {
    let i = this.pos + 1;
    const negated = this.pattern[i] === '^';
    if (negated) i++;
    const ranges: [number, number][] = [];
    const escapes: string[] = [];
    for (let first = true; ; first = false) {
      const c = this.pattern[i];
      if (c === undefined) this.fail('missing closing ]');
      if (c === ']' && !first) break;
      i = this.classItem(i, ranges, escapes);
    }
    this.pos = i + 1;
    if (this.flags.i && !this.jsCaseFlag) ranges.push(...caseVariants(ranges));
    const body = ranges.map(([lo, hi]) =>
      lo === hi ? escapeInClass(lo) : `${escapeInClass(lo)}-${escapeInClass(hi)}`,
    );
    return `[${negated ? '^' : ''}${body.join('')}${escapes.join('')}]`;
  }

  /** One item of a class at `i` (a POSIX class, an escape, a character or a range); returns the next index. */
  private classItem(i: number, ranges: [number, number][], escapes: string[]): number {
    if (this.pattern[i] === '[' && this.pattern[i + 1] === ':') {
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(this.pattern.slice(i));
      if (!posix || POSIX[posix[2]!] === undefined) this.fail('invalid POSIX class');
      if (posix[1]) this.fail('negated POSIX classes [[:^name:]] are not supported');
      escapes.push(POSIX[posix[2]!]!);
      return i + posix[0].length;
    }
    const [lo, afterLo] = this.classChar(i, escapes);
    if (lo < 0) return afterLo;
    if (
      this.pattern[afterLo] !== '-' ||
      this.pattern[afterLo + 1] === ']' ||
      this.pattern[afterLo + 1] === undefined
    ) {
      ranges.push([lo, lo]);
      return afterLo;
    }
    const [hi, afterHi] = this.classChar(afterLo + 1, escapes);
    if (hi < lo) this.fail('invalid character class range');
    ranges.push([lo, hi]);
    return afterHi;
  }

  /** One character of a class at `i`: its code point, or -1 when it was a class escape (\d, \w...). */
  private classChar(i: number, escapes: string[]): [number, number] {
    const c = this.pattern[i]!;
    if (c !== '\\') {
      const code = this.pattern.codePointAt(i)!;
      return [code, i + String.fromCodePoint(code).length];
    }
    const e = this.pattern[i + 1];
    if (e !== undefined && 'dDsSwW'.includes(e)) {
      escapes.push(`\\${e}`);
      return [-1, i + 2];
    }
    const saved = this.pos;
    this.pos = i;
    const code = this.escapedCodePoint();
    const next = this.pos;
    this.pos = saved;
    return [code, next];
  }
}

function caseVariants(ranges: readonly [number, number][]): [number, number][] {
  const extra: [number, number][] = [];
  for (const [lo, hi] of ranges) {
    const lower: [number, number] = [Math.max(lo, 97), Math.min(hi, 122)];
    const upper: [number, number] = [Math.max(lo, 65), Math.min(hi, 90)];
    if (lower[0] <= lower[1]) extra.push([lower[0] - 32, lower[1] - 32]);
    if (upper[0] <= upper[1]) extra.push([upper[0] + 32, upper[1] + 32]);
  }
  return extra;
}

function escapeLiteral(code: number): string {
  const char = String.fromCodePoint(code);
  if ('\\^$.|?*+()[]{}/'.includes(char)) return `\\${char}`;
  return hexIfControl(code, char);
}

function escapeInClass(code: number): string {
  const char = String.fromCodePoint(code);
  if ('\\]^-['.includes(char)) return `\\${char}`;
  return hexIfControl(code, char);
}

function hexIfControl(code: number, char: string): string {
  if (code < 0x20 || code === 0x7f) return `\\x${code.toString(16).padStart(2, '0')}`;
  if (code > 0xffff) throw new RegexTranslationError('characters beyond U+FFFF are not supported');
  return char;
}
