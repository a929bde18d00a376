import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { readYamlSubset } from './yaml-subset.ts';

const testdata = join(dirname(fileURLToPath(import.meta.url)), 'testdata');
const fixtures = readdirSync(testdata, { recursive: true, encoding: 'utf8' }).filter((f) =>
  f.endsWith('pnpm-lock.yaml'),
);

/** The reader builds prototype-less mappings; `yaml` plain objects. Equal values, different prototypes. */
function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
}

function viaYaml(text: string): unknown[] {
  const docs = parseAllDocuments(text);
  return (Array.isArray(docs) ? docs : [docs]).map((d) => d.toJS());
}

describe('readYamlSubset', () => {
  it('reads every fixture exactly as the yaml package does', () => {
    assert.ok(fixtures.length >= 10);
    for (const fixture of fixtures) {
      const text = readFileSync(join(testdata, fixture), 'utf8');
      const docs = readYamlSubset(text);
      assert.ok(docs, `${fixture} should stay inside the subset`);
      assert.deepEqual(plain(docs.map((d) => d.value)), viaYaml(text), fixture);
    }
  });

  it('records the lines of sections and of their entries', () => {
    const text = readFileSync(join(testdata, 'env-v9/pnpm-lock.yaml'), 'utf8');
    const [env, project] = readYamlSubset(text) ?? [];
    assert.equal(env?.line, 2);
    assert.equal(env?.sectionLines.get('packages'), 12);
    assert.equal(env?.entryLines.get('packages')?.get('left-pad@1.3.0'), 14);
    assert.equal(project?.line, 22);
    assert.equal(project?.entryLines.get('importers')?.get('.'), 30);
    assert.equal(project?.entryLines.get('packages')?.get('debug@4.4.3'), 49);
    assert.equal(project?.entryLines.get('snapshots')?.get('debug@4.4.3(supports-color@7.2.0)'), 78);
  });

  const SAME_AS_YAML: [string, string][] = [
    ['scalars typed like the core schema', 'a: 5.4\nb: 007\nc: true\nd: ~\ne: 1.2.3\nf: -1\ng: 1e3\nh: .5\n'],
    ['quoted scalars', `a: 'it''s'\nb: "tab\\there \\u00e9 \\x41"\n'c d': "x: y"\n`],
    [
      'flow collections',
      "a: {integrity: sha512-x==, tarball: https://r.example/a.tgz}\nb: [darwin, '!win32']\nc: {}\nd: []\ne: {a: [1, {b: c}], 'd:e': \"f\"}\n",
    ],
    ['plain scalars with inner colons and hashes', 'a: https://x.example/a#b\nfile:dir: x\n'],
    ['a sequence under its key, indented or not', 'a:\n  - x\n  - y\nb:\n- z\nc: 1\n'],
    ['a key with nothing under it', 'a:\nb: 1\n'],
    ['comments and blank lines', '# head\na:\n\n  # inner\n  b: 1\n'],
    ['two documents', '---\na: 1\n---\nb: 2\n'],
    [
      'literal block scalars',
      [
        'a:',
        '  deprecated: |-',
        '    Deprecated due to a bug, see',
        '      https://example.com/issues/1. # not a comment',
        '',
        '    # not a comment either',
        '  clip: |',
        '    one',
        '',
        '',
        '  empty: |',
        '  last: 1',
        'b: |-',
        '  tail',
      ].join('\n'),
    ],
    [
      'folded block scalars',
      [
        'a:',
        '  folded: >-',
        '    This package is no longer supported',
        '    and will not get security fixes.',
        '',
        '      See the list:',
        '      - item',
        '    Thanks.',
        '  clip: >',
        '    one',
        '',
        '',
        'b: >',
        '  tail',
      ].join('\n'),
    ],
  ];
  for (const [name, text] of SAME_AS_YAML) {
    it(`reads ${name} as yaml does`, () => {
      const docs = readYamlSubset(text);
      assert.ok(docs, name);
      assert.deepEqual(plain(docs.map((d) => d.value)), viaYaml(text));
    });
  }

  // Each is valid or invalid YAML the subset does not model; `yaml` decides what it means.
  const OUTSIDE: [string, string][] = [
    ['an anchor', 'a: &x 1\nb: *x\n'],
    ['a block scalar header with a comment', 'a: | # text\n  text\n'],
    ['a keep-chomping block scalar', 'a: |+\n  text\n\n'],
    ['a block scalar with an indentation indicator', 'a: |2\n   text\n'],
    ['a space-only line in a block scalar', 'a: |\n  text\n   \n  more\n'],
    ['a mis-indented block scalar line', 'a:\n  b: |\n      x\n     y\n'],
    ['a comment after a value', 'a: 1 # one\n'],
    ['a flow collection over two lines', 'a: {b: 1,\n  c: 2}\n'],
    ['a tab in the indentation', 'a:\n\tb: 1\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a __proto__ key', '__proto__: 1\n'],
    ['a numeric key', '1: a\n'],
    ['a mapping in a sequence', 'a:\n  - b: 1\n'],
    ['a hexadecimal number', 'a: 0x1F\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a directive', '%YAML 1.2\n---\na: 1\n'],
    ['an indented root', '  a: 1\n'],
    ['a mis-indented line', 'a:\n    b: 1\n  c: 2\n'],
    ['an empty document', '---\n---\na: 1\n'],
    ['nothing', ''],
    ['a scalar document', 'just text\n'],
    ['flow nesting past 32 levels', `a: ${'['.repeat(40)}${']'.repeat(40)}\n`],
  ];
  for (const [name, text] of OUTSIDE) {
    it(`leaves ${name} to the yaml package`, () => {
      assert.equal(readYamlSubset(text), undefined);
    });
  }
});

// Forms the generated fixtures lack: block scalars, block sequences, double quotes, flow quoting.
const FORMS = [
  'packages:',
  '  a@1.0.0:',
  "    resolution: {integrity: sha512-x, tarball: 'https://x.example/a.tgz'}",
  '    deprecated: |-',
  '      Deprecated due to a bug, see',
  '        https://example.com/1. # not a comment',
  '',
  '      # nor this',
  "    cpu: [x64, '!arm']",
  '  b@1.0.0:',
  '    deprecated: >-',
  '      one',
  '      two',
  '',
  '        three',
  '',
  '    os:',
  '    - linux',
  '    - darwin',
  "  'c@1.0.0': {}",
  'snapshots:',
  '  "d": "\\u0041\\t"',
  '',
].join('\n');

describe('readYamlSubset against yaml on mutated lockfiles', () => {
  // Deterministic: the same edits every run. Whatever the subset accepts, yaml must read the same way.
  it('never accepts what yaml rejects, never reads a value differently', () => {
    let seed = 20_240_601;
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const bases = [...fixtures.map((f) => readFileSync(join(testdata, f), 'utf8')), FORMS];
    const inserts = [
      ' ',
      '\t',
      ':',
      ': ',
      ' #',
      '- ',
      '|',
      '|-',
      '>',
      "'",
      '"',
      '{',
      '}',
      '[',
      ',',
      '\n',
      '\r\n',
      '---\n',
    ];
    let accepted = 0;
    for (let round = 0; round < 600; round++) {
      let text = pick(bases);
      for (let edit = 0; edit < 2; edit++) {
        const at = Math.floor(random() * text.length);
        const kind = random();
        if (kind < 0.5) text = text.slice(0, at) + pick(inserts) + text.slice(at);
        else if (kind < 0.8) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 4));
        else text = text.slice(0, at);
      }
      const docs = readYamlSubset(text);
      if (!docs) continue;
      accepted++;
      const parsed = parseAllDocuments(text);
      const all = Array.isArray(parsed) ? parsed : [parsed];
      assert.deepEqual(
        all.flatMap((d) => d.errors.map((e) => e.message)),
        [],
        text,
      );
      assert.deepEqual(
        plain(docs.map((d) => d.value)),
        all.map((d) => d.toJS()),
      );
    }
    assert.ok(accepted > 50, `only ${accepted} mutated files stayed in the subset`);
  });
});
