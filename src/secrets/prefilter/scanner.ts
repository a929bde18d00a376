import { type Automaton, buildAutomaton } from './automaton.ts';
import { CLASSES, HEADER, MODULE_BYTES } from './wasm.ts';

/** Called for every keyword occurrence, in input order: `end` is the index of its last byte. */
export type HitHandler = (end: number, state: number) => void;

const CHUNK = 1 << 20;
/** Hits each of the four streams can buffer before the loop returns to JavaScript. */
const HIT_SLOTS = 4096;
/** Inputs shorter than this go through the JavaScript loop: not worth a copy into wasm memory. */
const SMALL_INPUT = 4096;

/** The part of the WebAssembly API used here (the project's TypeScript libs do not declare it). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule) => { exports: Record<string, unknown> };
}
type WasmModule = { readonly kind?: 'module' };
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
type ScanFn = (p: number, end: number, quarter: number, accepting: number, delta: number) => number;

let compiled: WasmModule | null | undefined;

function wasmApi(): WasmApi | undefined {
  return (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
}

function wasmModule(): WasmModule | null {
  if (compiled === undefined) {
    // Absent under --jitless; the JavaScript loop gives the same hits, slower.
    const api = wasmApi();
    compiled = api ? new api.Module(MODULE_BYTES) : null;
  }
  return compiled;
}

interface Wasm {
  scan: ScanFn;
  bytes: Uint8Array;
  words: Int32Array;
  accepting: number;
  delta: number;
  hits: number;
  input: number;
  warmup: number;
}

/** Finds every occurrence of a fixed set of keywords (ASCII, case-insensitive) in bytes. */
export class KeywordScanner {
  readonly automaton: Automaton;
  private readonly wasm: Wasm | null;

  constructor(keywords: readonly string[], options: { wasm?: boolean } = {}) {
    this.automaton = buildAutomaton(keywords);
    const longest = keywords.reduce((n, k) => Math.max(n, k.length), 1);
    const module = options.wasm === false ? null : wasmModule();
    this.wasm = module ? instantiate(module, this.automaton, longest - 1) : null;
  }

  /** Keyword indexes that end in `state`. */
  outputs(state: number): readonly number[] {
    return this.automaton.outputs[state] ?? [];
  }

  scan(input: Uint8Array, onHit: HitHandler): void {
    if (this.wasm && input.length >= SMALL_INPUT) scanWasm(this.wasm, this.automaton, input, onHit);
    else scanJs(this.automaton, input, onHit);
  }
}

function instantiate(module: WasmModule, automaton: Automaton, warmup: number): Wasm {
  const size = automaton.stateCount * automaton.classCount;
  const accepting = CLASSES + 256;
  const delta = (accepting + size + 3) & ~3;
  const hits = delta + 4 * size;
  const input = hits + 4 * 8 * HIT_SLOTS + ((warmup + 15) & ~15);
  const pages = Math.ceil((input + CHUNK + 64) / 65536);
  const instance = new (wasmApi()!.Instance)(module);
  const memory = instance.exports.memory as WasmMemory;
  memory.grow(pages - memory.buffer.byteLength / 65536);
  const bytes = new Uint8Array(memory.buffer);
  bytes.set(automaton.classes, CLASSES);
  bytes.set(automaton.accepting, accepting);
  new Int32Array(memory.buffer, delta, size).set(automaton.delta);
  return {
    scan: instance.exports.scan as ScanFn,
    bytes,
    words: new Int32Array(memory.buffer),
    accepting,
    delta,
    hits,
    input,
    warmup,
  };
}

/**
 * Each 1 MiB chunk is split into four quarters scanned together; a stream reports only the hits
 * that end in its own quarter, and the quarters are reported in order.
 */
function scanWasm(wasm: Wasm, automaton: Automaton, input: Uint8Array, onHit: HitHandler): void {
  const { bytes, words, warmup } = wasm;
  const { classCount } = automaton;
  const slotBytes = 8 * HIT_SLOTS;
  for (let base = 0; base < input.length; base += CHUNK) {
    const length = Math.min(CHUNK, input.length - base);
    const quarter = Math.ceil(length / 4);
    if (warmup >= quarter) {
      scanJs(automaton, input.subarray(base, base + length), (end, state) => onHit(base + end, state));
      continue;
    }
    // The bytes before the chunk give every stream its context: the previous chunk's tail, or nothing.
    if (base === 0) bytes.fill(0, wasm.input - warmup, wasm.input);
    else bytes.set(input.subarray(base - warmup, base), wasm.input - warmup);
    bytes.set(input.subarray(base, base + length), wasm.input);
    words[HEADER.p >> 2] = wasm.input - warmup;
    for (let k = 0; k < 4; k++) {
      words[(HEADER.states >> 2) + k] = 0;
      words[(HEADER.out >> 2) + k] = wasm.hits + k * slotBytes;
      words[(HEADER.limit >> 2) + k] = wasm.hits + (k + 1) * slotBytes;
    }
    const pending: number[][] = [[], [], [], []];
    const end = wasm.input - warmup + quarter + warmup;
    let done = 0;
    while (done === 0) {
      done = wasm.scan(words[HEADER.p >> 2]!, end, quarter, wasm.accepting, wasm.delta);
      for (let k = 0; k < 4; k++) {
        const from = (wasm.hits + k * slotBytes) >> 2;
        const to = words[(HEADER.out >> 2) + k]! >> 2;
        const list = pending[k]!;
        for (let i = from; i < to; i++) list.push(words[i]!);
        words[(HEADER.out >> 2) + k] = wasm.hits + k * slotBytes;
      }
    }
    for (let k = 0; k < 4; k++) {
      const low = k * quarter;
      const high = Math.min((k + 1) * quarter, length);
      const list = pending[k]!;
      for (let i = 0; i < list.length; i += 2) {
        const at = list[i]! - wasm.input;
        if (at >= low && at < high) onHit(base + at, list[i + 1]! / classCount);
      }
    }
  }
}

function scanJs(automaton: Automaton, input: Uint8Array, onHit: HitHandler): void {
  const { classes, delta, accepting, classCount } = automaton;
  let state = 0;
  for (let i = 0; i < input.length; i++) {
    state = delta[state + classes[input[i]!]!]!;
    if (accepting[state] === 1) onHit(i, state / classCount);
  }
}
