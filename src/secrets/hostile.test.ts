import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scanBytes, scanText } from './engine.ts';
import { ALNUM, fake } from './rules/build.ts';
import { BUILTIN_RULES } from './rules/index.ts';
import { buildRuleset } from './ruleset.ts';

/**
 * Hostile input must not stall a scan. These tests assert that scans complete and still find
 * what they should; they do not time anything (the linear-time argument is redos.test.ts).
 */
const ruleset = buildRuleset();
const STRIPE = `sk_live_${fake('hostile', ALNUM, 32)}`;

describe('hostile input', () => {
  it('a 50 MB single line full of keywords and near misses', () => {
    const unit = 'token="abc" key: ghp_short secret= -----BEGIN x AKIA2 xoxb-1-2 ';
    const half = unit.repeat(Math.ceil(25_000_000 / unit.length));
    const text = `${half}k="${STRIPE}"${half}`;
    const result = scanText('dist/huge.min.js', text, ruleset, { maxFileBytes: 64 * 2 ** 20 });
    assert.deepEqual(
      result.matches.map((m) => [m.ruleId, m.line, m.column]),
      [['stripe-access-token', 1, half.length + 4]],
    );
  });

  it('a million short lines that all hold a keyword', () => {
    const text = 'api_key = "abc"\npassword: x\n'.repeat(500_000);
    const result = scanText('many.yaml', text, ruleset);
    assert.deepEqual([result.status, result.matches.length], ['scanned', 0]);
  });

  it('binary content: skipped when it says so early, scanned as text otherwise', () => {
    const bytes = new Uint8Array(1 << 20);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 2654435761) >>> 24;
    assert.equal(scanBytes('blob.bin', bytes, ruleset).status, 'binary');
    const late = Buffer.concat([Buffer.from(`a=${STRIPE}\n`), Buffer.alloc(16_384, 'x'), Buffer.from([0])]);
    assert.deepEqual(
      scanBytes('late-nul.txt', late, ruleset).matches.map((m) => m.ruleId),
      ['stripe-access-token'],
    );
  });

  it('invalid UTF-8 and lone surrogates', () => {
    const bytes = Buffer.concat([
      Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xe2, 0x82]),
      Buffer.from(` k=${STRIPE}`),
    ]);
    assert.deepEqual(
      scanBytes('weird.txt', bytes, ruleset).matches.map((m) => m.ruleId),
      ['stripe-access-token'],
    );
    assert.equal(scanText('s.txt', `\ud800 k=${STRIPE} \udfff`, ruleset).matches.length, 1);
  });

  it('near misses of every rule, repeated on long lines and many lines', () => {
    for (const rule of BUILTIN_RULES) {
      const sample = rule.samples.truePositives[0]!;
      const prefix = sample.slice(0, Math.max(8, Math.floor(sample.length * 0.7)));
      const line = prefix.replaceAll('\n', ' ').repeat(Math.ceil(40_000 / prefix.length));
      const lines = `${prefix}\n`.repeat(Math.ceil(40_000 / prefix.length));
      const onLine = scanText('near.txt', line, ruleset);
      const onLines = scanText('near.txt', lines, ruleset);
      assert.equal(onLine.status, 'scanned', rule.id);
      assert.equal(onLines.status, 'scanned', rule.id);
      // Each rule's regex alone, on the near-miss line, as the engine's windows would feed it.
      const regex = new RegExp(rule.regex, `${rule.flags ?? ''}g`);
      for (let m = regex.exec(line.slice(0, 20_000)); m; m = regex.exec(line.slice(0, 20_000))) {
        if (m[0].length === 0) regex.lastIndex++;
      }
    }
  });
});
