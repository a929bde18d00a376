import { type Automaton, buildAutomaton } from './automaton.ts';
import { MODULE_BYTES } from './wasm.ts';

/** Called for every keyword occurrence, in input order: `end` is the index of its last byte. */
export type HitHandler = (end: number, state: number) => void;

const CHUNK = 1 << 20;
const MAX_HITS = 4096;
const CLASS_OFFSET = 16;

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

let compiled: WasmModule | null | undefined;

function wasmModule(): WasmModule | null {
  if (compiled === undefined) {
    // Absent under --jitless; the JavaScript loop below gives the same hits, slower.
    const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
    compiled = api ? new api.Module(MODULE_BYTES) : null;
  }
  return compiled;
}

type ScanFn = (
  i: number,
  end: number,
  s: number,
  acc: number,
  delta: number,
  out: number,
  outEnd: number,
) => number;

/** Finds every occurrence of a fixed set of keywords (ASCII, case-insensitive) in bytes. */
export class KeywordScanner {
  readonly automaton: Automaton;
  private readonly wasm: { scan: ScanFn; bytes: Uint8Array; words: Int32Array; layout: Layout } | null;

  constructor(keywords: readonly string[], options: { wasm?: boolean } = {}) {
    this.automaton = buildAutomaton(keywords);
    const module = options.wasm === false ? null : wasmModule();
    this.wasm = module ? instantiate(module, this.automaton) : null;
  }

  /** Keyword indexes that end in `state`. */
  outputs(state: number): readonly number[] {
    return this.automaton.outputs[state] ?? [];
  }

  scan(input: Uint8Array, onHit: HitHandler): void {
    if (this.wasm) scanWasm(this.wasm, this.automaton.classCount, input, onHit);
    else scanJs(this.automaton, input, onHit);
  }
}

interface Layout {
  accepting: number;
  delta: number;
  out: number;
  input: number;
}

function instantiate(module: WasmModule, automaton: Automaton) {
  const size = automaton.stateCount * automaton.classCount;
  const accepting = CLASS_OFFSET + 256;
  const delta = (accepting + size + 3) & ~3;
  const out = delta + 4 * size;
  const input = out + 8 * MAX_HITS;
  const pages = Math.ceil((input + CHUNK) / 65536);
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly!;
  const instance = new api.Instance(module);
  const memory = instance.exports.memory as WasmMemory;
  memory.grow(pages - memory.buffer.byteLength / 65536);
  const bytes = new Uint8Array(memory.buffer);
  bytes.set(automaton.classes, CLASS_OFFSET);
  bytes.set(automaton.accepting, accepting);
  new Int32Array(memory.buffer, delta, size).set(automaton.delta);
  return {
    scan: instance.exports.scan as ScanFn,
    bytes,
    words: new Int32Array(memory.buffer),
    layout: { accepting, delta, out, input },
  };
}

function scanWasm(
  wasm: NonNullable<KeywordScanner['wasm']>,
  classCount: number,
  input: Uint8Array,
  onHit: HitHandler,
): void {
  const { scan, bytes, words, layout } = wasm;
  const outEnd = layout.out + 8 * MAX_HITS;
  let state = 0;
  for (let base = 0; base < input.length; base += CHUNK) {
    const length = Math.min(CHUNK, input.length - base);
    bytes.set(input.subarray(base, base + length), layout.input);
    const end = layout.input + length;
    let i = layout.input;
    while (i < end) {
      const stop = scan(i, end, state, layout.accepting, layout.delta, layout.out, outEnd);
      for (let hit = layout.out >> 2; hit < stop >> 2; hit += 2) {
        onHit(base + words[hit]! - layout.input, words[hit + 1]! / classCount);
      }
      i = words[0]!;
      state = words[1]!;
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
