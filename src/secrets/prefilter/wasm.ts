/**
 * The keyword automaton's inner loop as a hand-assembled WebAssembly function.
 *
 * One automaton step is a table lookup that depends on the previous one, so a single stream is
 * bound by memory latency (about 450 MB/s here, and a JavaScript loop half that). The function
 * runs four streams over four quarters of the input in the same loop — four independent chains
 * the CPU overlaps — for about 1.1 GB/s. Each stream starts `warmup` bytes before its quarter
 * (the longest keyword less one), so its state is right when its quarter begins; the caller
 * keeps each stream's hits inside its own quarter.
 *
 * scan(p, end, quarter, accepting, delta) -> 1 when done, 0 when a hit buffer is (nearly) full:
 *   for (; p < end; p++) for k in 0..3:
 *     s[k] = delta[s[k] + class[input[p + k*quarter]]]       (states premultiplied by #classes)
 *     if accepting[s[k]]: hits[k].push(p + k*quarter, s[k]); full |= hits[k].pos >= hits[k].limit
 *     if full after the four steps: return 0 with the state saved (resume at p + 1)
 *
 * Memory: the header holds p, the four states, the four hit write positions and their limits
 * (i32 at byte HEADER.*); byte classes at CLASSES; then (laid out by the caller) the accepting
 * flags, the transition table, the four hit buffers and the input.
 */
export const HEADER = { p: 0, states: 4, out: 20, limit: 36 } as const;
export const CLASSES = 64;

const I32 = 0x7f;
const op = {
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  return: 0x0f,
  get: 0x20,
  set: 0x21,
  load: 0x28,
  load8u: 0x2d,
  store: 0x36,
  const: 0x41,
  geU: 0x4f,
  add: 0x6a,
  mul: 0x6c,
  or: 0x72,
  shl: 0x74,
  void: 0x40,
} as const;

// Parameters, then locals.
const P = 0;
const END = 1;
const QUARTER = 2;
const ACCEPTING = 3;
const DELTA = 4;
const S = [5, 6, 7, 8];
const OUT = [9, 10, 11, 12];
const OFFSET = [13, 14, 15, 16];
const FULL = 17;
const LOCALS = 13;

/** Instructions, by mnemonic. */
const i32const = (n: number) => [op.const, ...sleb128(n)];
const get = (local: number) => [op.get, local];
const set = (local: number) => [op.set, local];
const load = (offset: number) => [op.load, 2, ...leb128(offset)];
const load8u = (offset: number) => [op.load8u, 0, ...leb128(offset)];
const store = (offset: number) => [op.store, 2, ...leb128(offset)];
const add = [op.add];

/** One automaton step of stream k, recording a hit when the new state accepts. */
function step(k: number): number[] {
  const position = [...get(P), ...get(OFFSET[k]!), ...add];
  const s = S[k]!;
  const out = OUT[k]!;
  // biome-ignore format: one instruction group per line
  return [
    // s = delta[4 * (s + class[input[p + offset]])]
    get(DELTA), get(s), position, load8u(0), load8u(CLASSES), add, i32const(2), [op.shl], add, load(0), set(s),
    // if accepting[s]: record (position, s); full |= out >= limit
    get(ACCEPTING), get(s), add, load8u(0), [op.if, op.void],
    get(out), position, store(0),
    get(out), get(s), store(4),
    get(out), i32const(8), add, set(out),
    get(FULL), get(out), i32const(0), load(HEADER.limit + 4 * k), [op.geU, op.or], set(FULL),
    [op.end],
  ].flat();
}

/** Writes p, the states and the hit positions back to the header. */
function save(): number[] {
  const out = [i32const(0), get(P), store(HEADER.p)];
  for (let k = 0; k < 4; k++) {
    out.push(i32const(0), get(S[k]!), store(HEADER.states + 4 * k));
    out.push(i32const(0), get(OUT[k]!), store(HEADER.out + 4 * k));
  }
  return out.flat();
}

function prologue(): number[] {
  const out: number[][] = [];
  for (let k = 0; k < 4; k++) {
    out.push(i32const(0), load(HEADER.states + 4 * k), set(S[k]!));
    out.push(i32const(0), load(HEADER.out + 4 * k), set(OUT[k]!));
    out.push(get(QUARTER), i32const(k), [op.mul], set(OFFSET[k]!));
  }
  return out.flat();
}

// biome-ignore format: one instruction group per line, as in the pseudo-code above
const body = [
  prologue(),
  [op.block, op.void, op.loop, op.void],
  get(P), get(END), [op.geU, op.brIf, 1],
  step(0), step(1), step(2), step(3),
  get(P), i32const(1), add, set(P),
  get(FULL), [op.if, op.void], save(), i32const(0), [op.return, op.end],
  [op.br, 0, op.end, op.end],
  save(), i32const(1), [op.end],
].flat();

function leb128(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

function sleb128(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

function section(id: number, bytes: number[]): number[] {
  return [id, ...leb128(bytes.length), ...bytes];
}

function name(text: string): number[] {
  return [text.length, ...Array.from(text, (c) => c.charCodeAt(0))];
}

const functionBody = [1, LOCALS, I32, ...body];

export const MODULE_BYTES = new Uint8Array([
  ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
  ...section(1, [1, 0x60, 5, I32, I32, I32, I32, I32, 1, I32]),
  ...section(3, [1, 0]),
  ...section(5, [1, 0x00, 1]),
  ...section(7, [2, ...name('scan'), 0x00, 0, ...name('memory'), 0x02, 0]),
  ...section(10, [1, ...leb128(functionBody.length), ...functionBody]),
]);
