import { setFlagsFromString } from 'node:v8';
import { POSIX_CLASSES } from '../../regex/posix-classes.ts';
import { fail } from './errors.ts';

// V8's linear-time regexp engine (the `l` flag) gives RE2's guarantee: no catastrophic
// backtracking whatever the pattern or the input. The flag only makes the `l` flag available; it
// changes nothing for other regexps in the process.
setFlagsFromString('--enable-experimental-regexp-engine');

const cache = new Map<string, RegExp>();
/** Largest repetition count V8's linear engine accepts in one quantifier. */
const LINEAR_REPEAT = 16;
/** RE2's limit on repetition counts. */
const REPEAT_LIMIT = 1000;
const CACHE_LIMIT = 1024;

/**
 * Compiles an RE2 pattern (the syntax Kubernetes CEL uses) into a linear-time JavaScript RegExp.
 * Supported beyond the common subset: a leading `(?i)`/`(?s)`/`(?m)`, `(?P<name>…)`, `\A`, `\z`,
 * `\Q…\E` and POSIX classes. Unicode classes (`\p{…}`) and inline flag groups are refused: the
 * linear engine cannot run them.
 */
export function compileRe2(pattern: string, global = false): RegExp {
  const key = global ? `g:${pattern}` : pattern;
  const hit = cache.get(key);
  if (hit) {
    hit.lastIndex = 0;
    return hit;
  }
  const { source, flags } = translate(pattern);
  let re: RegExp;
  try {
    re = new RegExp(source, `l${flags}${global ? 'g' : ''}`);
  } catch (error) {
    const why = error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : '';
    fail(`invalid regular expression '${pattern}': ${why}`);
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, re);
  return re;
}

interface Translation {
  source: string;
  flags: string;
}

function translate(pattern: string): Translation {
  let flags = '';
  let i = 0;
  const lead = /^\(\?([imsU]+)\)/.exec(pattern);
  if (lead?.[1]) {
    if (lead[1].includes('U')) fail(`unsupported regular expression '${pattern}': the U (ungreedy) flag`);
    flags = [...new Set(lead[1])].join('');
    i = lead[0].length;
  }
  const ignoreCase = flags.includes('i');
  const out = new Translator(pattern, ignoreCase);
  out.run(i);
  return { source: out.result, flags: flags.replace('i', '') };
}

/** One pass over the pattern; tracks whether it is inside a character class. */
class Translator {
  result = '';
  private inClass = false;
  /** Where in `result` the last complete atom starts: what a following `{n,m}` repeats. */
  private atomStart = 0;
  private readonly groups: number[] = [];
  private readonly pattern: string;
  private readonly ignoreCase: boolean;

  constructor(pattern: string, ignoreCase: boolean) {
    this.pattern = pattern;
    this.ignoreCase = ignoreCase;
  }

  run(start: number): void {
    const p = this.pattern;
    let i = start;
    while (i < p.length) {
      const ch = p[i] as string;
      if (this.inClass) i = ch === '\\' ? this.escape(i) : this.classChar(i);
      else i = this.outside(ch, i);
    }
  }

  /** One token outside a character class; records where atoms start for `{n,m}`. */
  private outside(ch: string, i: number): number {
    const at = this.result.length;
    if (ch === '\\') {
      this.atomStart = at;
      return this.escape(i);
    }
    if (ch === '[') {
      this.atomStart = at;
      return this.openClass(i);
    }
    if (ch === '(') {
      this.groups.push(at);
      return this.pattern[i + 1] === '?' ? this.group(i) : this.emit('(', i + 1);
    }
    if (ch === ')') {
      this.atomStart = this.groups.pop() ?? 0;
      return this.emit(')', i + 1);
    }
    if (ch === '{' && this.isRepetition(i)) return this.repetition(i);
    if (!'*+?|^$'.includes(ch)) this.atomStart = at;
    return this.emit(this.ignoreCase ? foldOutside(ch) : ch, i + 1);
  }

  private emit(text: string, next: number): number {
    this.result += text;
    return next;
  }

  private isRepetition(i: number): boolean {
    return /^\{\d+(,\d*)?\}/.test(this.pattern.slice(i, i + 24));
  }

  /**
   * `{n,m}`: the linear engine refuses counts above 16, so larger ones are spelled as a chain
   * of smaller repetitions of the same atom (`x{40}` → `(?:x){16}(?:x){16}(?:x){8}`), which
   * matches the same strings. RE2 caps counts at 1000; so does this.
   */
  private repetition(i: number): number {
    const m = /^\{(\d+)(?:(,)(\d*))?\}(\??)/.exec(this.pattern.slice(i, i + 25)) as RegExpExecArray;
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === '' ? Number.POSITIVE_INFINITY : Number(m[3]);
    const lazy = m[4] ?? '';
    const next = i + m[0].length;
    if (min > REPEAT_LIMIT || (max !== Number.POSITIVE_INFINITY && max > REPEAT_LIMIT) || max < min) {
      fail(`invalid regular expression '${this.pattern}': invalid repeat count ${m[0]}`);
    }
    if (min <= LINEAR_REPEAT && (max <= LINEAR_REPEAT || max === Number.POSITIVE_INFINITY))
      return this.emit(m[0], next);
    const atom = this.result.slice(this.atomStart);
    if (atom.includes('(?<'))
      fail(`unsupported regular expression '${this.pattern}': a named group repeated more than 16 times`);
    const unit = `(?:${atom})`;
    let out = '';
    for (let left = min; left > 0; left -= LINEAR_REPEAT) out += `${unit}{${Math.min(left, LINEAR_REPEAT)}}`;
    if (max === Number.POSITIVE_INFINITY) out += `${unit}*${lazy}`;
    else
      for (let left = max - min; left > 0; left -= LINEAR_REPEAT)
        out += `${unit}{0,${Math.min(left, LINEAR_REPEAT)}}${lazy}`;
    this.result = this.result.slice(0, this.atomStart) + out;
    return next;
  }

  private escape(i: number): number {
    const p = this.pattern;
    const next = p[i + 1];
    if (next === undefined) fail(`invalid regular expression '${p}': trailing backslash`);
    switch (next) {
      case 'A':
        this.result += '^';
        return i + 2;
      case 'z':
        this.result += '$';
        return i + 2;
      case 'Q': {
        const end = p.indexOf('\\E', i + 2);
        const literal = p.slice(i + 2, end < 0 ? p.length : end);
        for (const c of literal) this.result += escapeLiteral(c, this.ignoreCase && !this.inClass);
        return end < 0 ? p.length : end + 2;
      }
      case 'p':
      case 'P':
      case 'C':
        return fail(
          `unsupported regular expression '${p}': \\${next} classes cannot run in linear time here`,
        );
      case 'x':
        return this.hexEscape(i);
      default:
        this.result += `\\${next}`;
        return i + 2;
    }
  }

  private hexEscape(i: number): number {
    const p = this.pattern;
    if (p[i + 2] !== '{') {
      this.result += p.slice(i, i + 4);
      return i + 4;
    }
    const end = p.indexOf('}', i + 3);
    const code = Number.parseInt(p.slice(i + 3, end), 16);
    if (end < 0 || Number.isNaN(code) || code > 0xffff) fail(`unsupported regular expression '${p}': \\x{…}`);
    this.result += `\\u${code.toString(16).padStart(4, '0')}`;
    return end + 1;
  }

  private openClass(i: number): number {
    this.inClass = true;
    this.result += '[';
    let j = i + 1;
    if (this.pattern[j] === '^') {
      this.result += '^';
      j++;
    }
    // A `]` right after `[` or `[^` is a literal in RE2.
    if (this.pattern[j] === ']') {
      this.result += '\\]';
      j++;
    }
    return j;
  }

  private classChar(i: number): number {
    const p = this.pattern;
    const ch = p[i] as string;
    if (ch === ']') {
      this.inClass = false;
      this.result += ']';
      return i + 1;
    }
    if (ch === '[' && p[i + 1] === ':') {
      const end = p.indexOf(':]', i + 2);
      const name = end < 0 ? '' : p.slice(i + 2, end);
      const negated = name.startsWith('^');
      const ranges = POSIX_CLASSES[negated ? name.slice(1) : name];
      if (!ranges || negated) fail(`unsupported regular expression '${p}': [:${name}:]`);
      this.result += ranges;
      return end + 2;
    }
    if (ch === '[') {
      this.result += '\\[';
      return i + 1;
    }
    if (this.ignoreCase && p[i + 1] === '-' && p[i + 2] !== undefined && p[i + 2] !== ']') {
      this.result += foldRange(ch, p[i + 2] as string);
      return i + 3;
    }
    this.result += this.ignoreCase ? foldInside(ch) : ch;
    return i + 1;
  }

  private group(i: number): number {
    const p = this.pattern;
    if (p.startsWith('(?P<', i)) {
      this.result += '(?<';
      return i + 4;
    }
    if (p.startsWith('(?:', i) || p.startsWith('(?<', i)) {
      this.result += p.slice(i, i + 3);
      return i + 3;
    }
    return fail(`unsupported regular expression '${p}': flags are only supported at the start, as (?i)`);
  }
}

function isLetter(c: string): boolean {
  return c.toLowerCase() !== c.toUpperCase();
}

function foldOutside(c: string): string {
  return isLetter(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c;
}

function foldInside(c: string): string {
  return isLetter(c) ? `${c.toLowerCase()}${c.toUpperCase()}` : c;
}

function foldRange(from: string, to: string): string {
  const range = `${from}-${to}`;
  if (/[a-z]/.test(from) && /[a-z]/.test(to)) return `${range}${from.toUpperCase()}-${to.toUpperCase()}`;
  if (/[A-Z]/.test(from) && /[A-Z]/.test(to)) return `${range}${from.toLowerCase()}-${to.toLowerCase()}`;
  return range;
}

function escapeLiteral(c: string, fold: boolean): string {
  if (/[\\^$.*+?()[\]{}|/-]/.test(c)) return `\\${c}`;
  return fold ? foldOutside(c) : c;
}

/** RE2 `matches`: true when the pattern matches anywhere in the string. */
export function regexMatches(text: string, pattern: string): boolean {
  return compileRe2(pattern).test(text);
}

/** Go `FindString`: the leftmost match, or '' when there is none. */
export function regexFind(text: string, pattern: string): string {
  return compileRe2(pattern).exec(text)?.[0] ?? '';
}

/**
 * Go `FindAllString(text, limit)`: successive non-overlapping matches, where an empty match right
 * after the previous match is skipped; `limit < 0` means all.
 */
export function regexFindAll(text: string, pattern: string, limit = -1): string[] {
  if (limit === 0) return [];
  const re = compileRe2(pattern, true);
  const out: string[] = [];
  let prevEnd = -1;
  let pos = 0;
  while (pos <= text.length && (limit < 0 || out.length < limit)) {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) break;
    const start = m.index;
    const end = start + m[0].length;
    const empty = end === start;
    if (!(empty && start === prevEnd)) out.push(m[0]);
    prevEnd = end;
    pos = empty ? advance(text, end) : end;
  }
  return out;
}

function advance(text: string, at: number): number {
  const code = text.charCodeAt(at);
  return code >= 0xd800 && code <= 0xdbff ? at + 2 : at + 1;
}
