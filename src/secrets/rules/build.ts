/** Helpers for writing rules as data: regex pieces that every family uses, and sample values. */

export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const LOWER = 'abcdefghijklmnopqrstuvwxyz';
export const DIGITS = '0123456789';
export const HEX = '0123456789abcdef';
export const ALNUM = UPPER + LOWER + DIGITS;
export const LOWER_ALNUM = LOWER + DIGITS;
export const UPPER_ALNUM = UPPER + DIGITS;
export const BASE64URL = `${ALNUM}-_`;
export const BASE64 = `${ALNUM}+/`;

/**
 * A deterministic pseudo-random value for rule samples and the corpus: random-looking so that it
 * passes entropy gates, derived from `seed` so that it is the same on every run, and never a real
 * credential (it was never issued by anyone).
 */
export function fake(seed: string, alphabet: string, length: number): string {
  let state = 2166136261;
  for (let i = 0; i < seed.length; i++) state = Math.imul(state ^ seed.charCodeAt(i), 16777619) >>> 0;
  let out = '';
  for (let i = 0; i < length; i++) {
    // xorshift32
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    out += alphabet[state % alphabet.length];
  }
  return out;
}

/** A v4-shaped UUID from `seed`. */
export function fakeUuid(seed: string): string {
  const h = fake(seed, HEX, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
}

/** Regex piece: the value ends here (no further character of the same token follows). */
export const END = '(?![\\w-])';

/**
 * Regex source for what comes between a name and its value: closing quotes and brackets (JSON,
 * escaped JSON, `env["NAME"]`), spaces, and `=`, `:`, `:=`, `=>`, `>` (an XML element like
 * `<password>`) or `,` (a call like `setdefault("NAME", "value")`). Kept to few, merged parts:
 * each optional part multiplies the paths the ReDoS proof has to explore.
 */
export const ASSIGN = '[\\\\\'"\\]]{0,3}[ \\t]{0,3}[:=>,][=>]?[ \\t]{0,3}';

/** ASSIGN without the `,` form: for names that are often function parameters (password). */
export const ASSIGN_NO_COMMA = '[\\\\\'"\\]]{0,3}[ \\t]{0,3}[:=>][=>]?[ \\t]{0,3}';

/**
 * Regex source for a secret that has no recognisable shape of its own and is only told apart by
 * the name it is assigned to: `<name>[_.-suffix]["'] <op> ["'`]<value>` (see ASSIGN). Use with the
 * `i` flag; the value is group 1. Every part is bounded and the parts cannot overlap, which keeps
 * it linear-time.
 */
export function assigned(names: string, value: string, end: string = END): string {
  return `(?:${names})[\\w.-]{0,30}${ASSIGN}[\\\\'"\`]{0,2}(${value})${end}`;
}

/** Regex source for a token with a fixed prefix: it starts at a word boundary and ends at `end`. */
export function prefixed(token: string, end: string = END): string {
  return `\\b(${token})${end}`;
}

/**
 * An alternation of literal words with common prefixes factored out (`a(?:pi|uth)` rather than
 * `api|auth`), so that a regex engine — and the ReDoS test — never holds two branches at once.
 */
export function alternation(words: readonly string[]): string {
  interface Node {
    end: boolean;
    next: Map<string, Node>;
  }
  const root: Node = { end: false, next: new Map() };
  for (const word of words) {
    let node = root;
    for (const ch of word) {
      let child = node.next.get(ch);
      if (!child) {
        child = { end: false, next: new Map() };
        node.next.set(ch, child);
      }
      node = child;
    }
    node.end = true;
  }
  const emit = (node: Node): string => {
    const branches = [...node.next].map(
      ([ch, child]) => ch.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&') + emit(child),
    );
    if (branches.length === 0) return '';
    const body = branches.length === 1 ? branches[0]! : `(?:${branches.join('|')})`;
    return node.end ? `(?:${body})?` : body;
  };
  return emit(root);
}

/** A lowercase UUID, the shape many providers use for keys and client ids. */
export const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
