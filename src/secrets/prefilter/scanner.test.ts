import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KeywordScanner } from './scanner.ts';

const KEYWORDS = [
  'ghp_',
  'key',
  'keys',
  'eys',
  'token',
  'sk_live_',
  'sk_',
  '-----begin',
  'access_token$production$',
];

function hits(scanner: KeywordScanner, input: Uint8Array): string[] {
  const out: string[] = [];
  scanner.scan(input, (end, state) => {
    for (const k of scanner.outputs(state)) out.push(`${KEYWORDS[k]}@${end + 1 - KEYWORDS[k]!.length}`);
  });
  return out;
}

/** Every occurrence, by brute force: the reference the automaton must agree with. */
function naive(input: Uint8Array): string[] {
  const text = Buffer.from(input).toString('latin1').toLowerCase();
  const out: { at: number; end: number; keyword: string }[] = [];
  KEYWORDS.forEach((keyword) => {
    for (let i = text.indexOf(keyword); i >= 0; i = text.indexOf(keyword, i + 1)) {
      out.push({ at: i, end: i + keyword.length, keyword });
    }
  });
  return out
    .sort((a, b) => a.end - b.end || b.keyword.length - a.keyword.length)
    .map((h) => `${h.keyword}@${h.at}`);
}

function randomText(length: number, seed: number): Uint8Array {
  const alphabet = Buffer.from('ghp_keystoknKEYSsk_liveLIVE -----BEGIN\n\u00e9$productionacs');
  const out = new Uint8Array(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    out[i] = alphabet[(state >>> 8) % alphabet.length]!;
  }
  return out;
}

describe('keyword scanner', () => {
  const wasm = new KeywordScanner(KEYWORDS);
  const js = new KeywordScanner(KEYWORDS, { wasm: false });

  it('finds overlapping, nested and case-folded keywords at their positions', () => {
    const input = Buffer.from('const KEYS = "ghp_1"; token Sk_Live_x monkeys\n-----BEGIN');
    assert.deepEqual(hits(js, input), [
      'key@6',
      'keys@6',
      'eys@7',
      'ghp_@14',
      'token@22',
      'sk_@28',
      'sk_live_@28',
      'key@41',
      'keys@41',
      'eys@42',
      '-----begin@46',
    ]);
    assert.deepEqual(hits(js, input).sort(), naive(input).sort());
  });

  it('gives the same hits in WebAssembly and in JavaScript, across quarter and chunk boundaries', () => {
    for (const [length, seed] of [
      [0, 1],
      [5000, 2],
      [65_537, 3],
      [1_048_576 + 4099, 4],
      [3 * 1_048_576 + 13, 5],
    ] as const) {
      const input = randomText(length, seed);
      const fromWasm = hits(wasm, input);
      assert.deepEqual(fromWasm, hits(js, input), `length ${length}`);
      assert.deepEqual([...fromWasm].sort(), naive(input).sort(), `length ${length}`);
    }
  });

  it('finds a keyword that straddles every boundary position', () => {
    const input = Buffer.alloc(2 * 1_048_576 + 100, 'x');
    for (let i = 0; i < input.length - 30; i += 997) input.write('access_token$production$', i);
    assert.deepEqual(hits(wasm, input), hits(js, input));
    assert.equal(hits(wasm, input).length, naive(input).length);
  });

  it('ignores bytes outside ASCII and reports in input order', () => {
    const input = Buffer.from('\u00ff\u00fekey\u0000ghp_', 'latin1');
    assert.deepEqual(hits(wasm, input), ['key@2', 'ghp_@6']);
  });

  it('rejects keywords it cannot match', () => {
    assert.throws(() => new KeywordScanner(['Upper']), /not lowercase ASCII/);
    assert.throws(() => new KeywordScanner(['']), /empty keyword/);
  });
});
