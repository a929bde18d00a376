import assert from 'node:assert/strict';
import { test } from 'node:test';
import { terminalSafe } from './errors.ts';

test('control characters from hostile files are shown, not sent to the terminal', () => {
  const cases: [string, string][] = [
    ["unknown instruction '\u001b[2J\u001b]0;x\u0007RUN'", "unknown instruction '\\x1b[2J\\x1b]0;x\\x07RUN'"],
    ['a\nb\r\u0000c\u007f\u009b', 'a\\x0ab\\x0d\\x00c\\x7f\\x9b'],
    ['café ✓ \uFFFD', 'café ✓ \uFFFD'],
  ];
  for (const [text, shown] of cases) assert.equal(terminalSafe(text), shown);
});
