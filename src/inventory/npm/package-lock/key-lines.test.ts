import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scanKeyLines } from './key-lines.ts';

function allKeys(text: string): string[] {
  JSON.parse(text); // the scanner's precondition
  const keys: string[] = [];
  scanKeyLines(
    text,
    () => true,
    (parents, key, line) => keys.push(`${parents.map((p) => p ?? '*').join('/')}/${key}:${line}`),
  );
  return keys;
}

describe('scanKeyLines', () => {
  it('reports each key with its parents and line', () => {
    const text = '{\n  "a": {\n    "b": 1,\n    "c": [\n      { "d": true }\n    ]\n  },\n  "e": "x"\n}\n';
    assert.deepEqual(allKeys(text), ['*/a:2', '*/a/b:3', '*/a/c:4', '*/a/c/*/d:5', '*/e:8']);
  });

  it('is not fooled by quotes, brackets, colons and escapes inside strings', () => {
    const text = '{\n"a\\"{": "x\\\\",\n"b": "[\\"c\\": {",\n"\\u0064": { "e:": "}" }\n}';
    assert.deepEqual(allKeys(text), ['*/a"{:2', '*/b:3', '*/d:4', '*/d/e::4']);
  });

  it('handles whitespace between a key and its colon, and CRLF', () => {
    const text = '{\r\n  "a"\r\n  :\r\n  {\r\n    "b" : 1\r\n  }\r\n}';
    assert.deepEqual(allKeys(text), ['*/a:2', '*/a/b:5']);
  });

  it('materializes only the keys asked for', () => {
    const seen: string[] = [];
    scanKeyLines(
      '{"packages": {"x": {"version": "1"}, "y": {}}, "other": {"z": 1}}',
      (parents) => parents.length === 2 && parents[1] === 'packages',
      (_, key) => seen.push(key),
    );
    assert.deepEqual(seen, ['x', 'y']);
  });
});
