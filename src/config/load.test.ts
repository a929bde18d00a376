import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PalisadeError } from '../model/index.ts';
import { parseConfig } from './load.ts';

function errorOf(text: string): string {
  try {
    parseConfig('palisade.yaml', text);
  } catch (error) {
    assert.ok(error instanceof PalisadeError);
    assert.equal(error.code, 'config');
    return error.message;
  }
  assert.fail('expected a configuration error');
}

describe('palisade.yaml', () => {
  it('accepts an empty file and a full one', () => {
    assert.deepEqual(parseConfig('palisade.yaml', ''), {});
    assert.deepEqual(
      parseConfig('palisade.yaml', 'exclude:\n  - "test/**"\nformat: json\ninventory:\n  maxFileSize: 64\n'),
      { exclude: ['test/**'], format: 'json', inventory: { maxFileSize: 64 } },
    );
  });

  const cases: [string, string, string][] = [
    ['unknown top-level key', 'exclude: []\nexlcude: [a]\n', "palisade.yaml:2: unknown key 'exlcude'"],
    [
      'unknown nested key',
      'inventory:\n  maxFileSize: 3\n  maxSize: 4\n',
      "palisade.yaml:3: 'inventory': unknown key 'maxSize'",
    ],
    [
      'wrong type',
      'exclude: []\ngitignore: "yes"\n',
      "palisade.yaml:2: 'gitignore': Invalid input: expected boolean, received string",
    ],
    [
      'bad enum',
      '\n\nformat: xml\n',
      'palisade.yaml:3: \'format\': Invalid option: expected one of "table"|"json"|"sarif"',
    ],
    ['yaml syntax', 'exclude: [a\nformat: json\n', 'palisade.yaml:2:'],
    ['duplicate key', 'format: json\nformat: table\n', 'palisade.yaml:2: Map keys must be unique'],
    ['not a mapping', '- a\n- b\n', 'palisade.yaml:1: Invalid input: expected object, received array'],
  ];
  for (const [name, text, expected] of cases) {
    it(`reports ${name} with file and line`, () => {
      const message = errorOf(text);
      assert.ok(message.startsWith(expected), `${message}\n!= ${expected}`);
      assert.ok(!message.includes('\n'));
    });
  }
});
