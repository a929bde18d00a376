import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Scope } from '../../../model/index.ts';
import { assertRejects, extractFixture, inputFor } from '../../testing.ts';
import { extractor } from './index.ts';

const testdata = join(dirname(fileURLToPath(import.meta.url)), 'testdata');

/** name@version, scope, direct, line, dependencies as name@version */
type Row = [string, Scope, boolean, number, string[]];

const storefront: Row[] = [
  ['acme_billing@2.3.0', 'prod', true, 2, ['finch@0.16.0', 'jason@1.4.1']],
  // credo's own dependencies: dev, since credo is `only: [:dev, :test]`.
  ['bunt@0.2.1', 'dev', false, 3, []],
  ['castore@1.0.5', 'prod', false, 4, []],
  ['cowboy@2.10.0', 'prod', false, 5, ['cowlib@2.12.1', 'ranch@1.8.0']],
  ['cowboy_telemetry@0.4.0', 'prod', false, 6, ['cowboy@2.10.0', 'telemetry@1.2.1']],
  ['cowlib@2.12.1', 'prod', false, 7, []],
  ['credo@1.7.1', 'dev', true, 8, ['bunt@0.2.1', 'file_system@0.2.10', 'jason@1.4.1']],
  ['db_connection@2.6.0', 'prod', false, 9, ['telemetry@1.2.1']],
  ['decimal@2.1.1', 'prod', false, 10, []],
  ['dns_cluster@0.1.1', 'prod', true, 11, []],
  ['ecto@3.11.0', 'prod', false, 12, ['decimal@2.1.1', 'jason@1.4.1', 'telemetry@1.2.1']],
  [
    'ecto_sql@3.11.0',
    'prod',
    true,
    13,
    ['db_connection@2.6.0', 'ecto@3.11.0', 'postgrex@0.17.3', 'telemetry@1.2.1'],
  ],
  // runtime: Mix.env() == :dev — a build tool that mix release leaves out.
  ['esbuild@0.8.1', 'dev', true, 14, ['castore@1.0.5', 'jason@1.4.1']],
  ['expo@0.4.1', 'prod', false, 15, []],
  ['file_system@0.2.10', 'dev', false, 16, []],
  [
    'finch@0.16.0',
    'prod',
    true,
    17,
    [
      'castore@1.0.5',
      'mime@2.0.5',
      'mint@1.5.1',
      'nimble_options@1.0.2',
      'nimble_pool@1.0.0',
      'telemetry@1.2.1',
    ],
  ],
  // only: :test, and only an optional dependency of phoenix_live_view.
  ['floki@0.35.2', 'dev', true, 18, []],
  ['gettext@0.23.1', 'prod', true, 19, ['expo@0.4.1']],
  ['heroicons@', 'prod', true, 20, []],
  ['hpax@0.1.2', 'prod', false, 21, []],
  ['jason@1.4.1', 'prod', true, 22, ['decimal@2.1.1']],
  ['mime@2.0.5', 'prod', false, 23, []],
  ['mint@1.5.1', 'prod', false, 24, ['castore@1.0.5', 'hpax@0.1.2']],
  ['nimble_options@1.0.2', 'prod', false, 25, []],
  ['nimble_pool@1.0.0', 'prod', false, 26, []],
  [
    'phoenix@1.7.10',
    'prod',
    true,
    27,
    [
      'castore@1.0.5',
      'jason@1.4.1',
      'phoenix_pubsub@2.1.3',
      'phoenix_template@1.0.3',
      'plug@1.15.2',
      'plug_cowboy@2.6.1',
      'plug_crypto@2.0.0',
      'telemetry@1.2.1',
      'websock_adapter@0.5.5',
    ],
  ],
  ['phoenix_ecto@4.4.3', 'prod', true, 28, ['ecto@3.11.0', 'phoenix_html@3.3.3', 'plug@1.15.2']],
  ['phoenix_html@3.3.3', 'prod', true, 29, ['plug@1.15.2']],
  [
    'phoenix_live_dashboard@0.8.3',
    'prod',
    true,
    30,
    ['ecto@3.11.0', 'mime@2.0.5', 'phoenix_live_view@0.20.1', 'telemetry_metrics@0.6.1'],
  ],
  ['phoenix_live_reload@1.4.1', 'dev', true, 31, ['file_system@0.2.10', 'phoenix@1.7.10']],
  [
    'phoenix_live_view@0.20.1',
    'prod',
    true,
    32,
    [
      'floki@0.35.2',
      'jason@1.4.1',
      'phoenix@1.7.10',
      'phoenix_html@3.3.3',
      'phoenix_template@1.0.3',
      'plug@1.15.2',
      'telemetry@1.2.1',
    ],
  ],
  ['phoenix_pubsub@2.1.3', 'prod', false, 33, []],
  ['phoenix_template@1.0.3', 'prod', false, 34, ['phoenix_html@3.3.3']],
  ['plug@1.15.2', 'prod', false, 35, ['mime@2.0.5', 'plug_crypto@2.0.0', 'telemetry@1.2.1']],
  ['plug_cowboy@2.6.1', 'prod', true, 36, ['cowboy@2.10.0', 'cowboy_telemetry@0.4.0', 'plug@1.15.2']],
  ['plug_crypto@2.0.0', 'prod', false, 37, []],
  ['postgrex@0.17.3', 'prod', true, 38, ['db_connection@2.6.0', 'decimal@2.1.1', 'jason@1.4.1']],
  ['ranch@1.8.0', 'prod', false, 39, []],
  [
    'swoosh@1.14.1',
    'prod',
    true,
    40,
    [
      'cowboy@2.10.0',
      'finch@0.16.0',
      'jason@1.4.1',
      'mime@2.0.5',
      'plug@1.15.2',
      'plug_cowboy@2.6.1',
      'telemetry@1.2.1',
    ],
  ],
  ['tailwind@0.2.2', 'dev', true, 41, ['castore@1.0.5']],
  ['telemetry@1.2.1', 'prod', false, 42, []],
  ['telemetry_metrics@0.6.1', 'prod', true, 43, ['telemetry@1.2.1']],
  ['telemetry_poller@1.0.0', 'prod', true, 44, ['telemetry@1.2.1']],
  ['websock@0.5.3', 'prod', false, 45, []],
  ['websock_adapter@0.5.5', 'prod', false, 46, ['plug@1.15.2', 'plug_cowboy@2.6.1', 'websock@0.5.3']],
];

function rows(result: ReturnType<typeof extractor.extract>): Row[] {
  return result.components.map((c) => [
    `${c.name}@${c.version ?? ''}`,
    c.scope,
    c.direct,
    c.location.line,
    c.dependencies.map((d) => decodeURIComponent(d.replace('pkg:hex/', ''))),
  ]);
}

describe('hex/mix-lock fixtures', () => {
  it('storefront/mix.lock (Phoenix 1.7 app with mix.exs)', () => {
    assert.ok(extractor.matches('storefront/mix.lock'));
    const result = extractFixture(extractor, testdata, 'storefront/mix.lock');
    assert.deepEqual(result.root, { name: 'storefront', version: '0.4.2' });
    assert.deepEqual(rows(result), storefront);
    assert.deepEqual(result.unresolved, []);
    const heroicons = result.components.find((c) => c.name === 'heroicons');
    assert.deepEqual(heroicons?.source, {
      type: 'git',
      url: 'https://github.com/tailwindlabs/heroicons.git',
      ref: '88ab3a0d790e6a47404cba02800a6b25d2afae50',
    });
    assert.equal(
      heroicons?.purl,
      'pkg:hex/heroicons?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Ftailwindlabs%2Fheroicons.git%4088ab3a0d790e6a47404cba02800a6b25d2afae50',
    );
    assert.equal(
      result.components.find((c) => c.name === 'acme_billing')?.purl,
      'pkg:hex/acme_billing@2.3.0?repository_url=https%3A%2F%2Frepo.hex.pm%2Frepos%2Facme',
    );
    assert.ok(
      result.components.filter((c) => c.name !== 'heroicons').every((c) => c.source.type === 'registry'),
    );
  });

  it('legacy/mix.lock (Elixir 1.4 format, no mix.exs): direct unknown, all prod', () => {
    const result = extractFixture(extractor, testdata, 'legacy/mix.lock');
    assert.equal(result.root, undefined);
    assert.deepEqual(rows(result), [
      ['cowboy@1.1.2', 'prod', false, 1, ['cowlib@1.0.2', 'ranch@1.3.2']],
      ['cowlib@1.0.2', 'prod', false, 2, []],
      ['mime@1.1.0', 'prod', false, 3, []],
      ['plug@1.3.5', 'prod', false, 4, ['cowboy@1.1.2', 'mime@1.1.0']],
      ['poison@2.2.0', 'prod', false, 5, []],
      ['ranch@1.3.2', 'prod', false, 6, []],
    ]);
  });
});

describe('hex/mix-lock term syntax', () => {
  it('reads `=>` maps, atom keys, quoted atoms, keyword lists, comments and trailing commas', () => {
    const text = [
      '%{',
      '  "plug" => {:hex, :plug, "1.0.0"},',
      '  :"odd-name" => {:git, "https://example.com/odd.git", "abc123", []},',
      '  cowboy: {:hex, :cowboy, "2.0.0", "h", [:rebar3], [{:ranch, "~> 1.0", [hex: :ranch, optional: false]}], "hexpm"}, # note',
      '  "ranch": {:hex, :ranch, "1.8.0", "h\\\\x\\"y", [:make, :rebar3], [], "hexpm", "h"},',
      '}',
    ].join('\n');
    const result = extractor.extract(inputFor('mix.lock', text));
    assert.deepEqual(rows(result), [
      ['cowboy@2.0.0', 'prod', false, 4, ['ranch@1.8.0']],
      ['odd-name@', 'prod', false, 3, []],
      ['plug@1.0.0', 'prod', false, 2, []],
      ['ranch@1.8.0', 'prod', false, 5, []],
    ]);
  });

  it('names a component after the hex package, not the app key', () => {
    const text = '%{\n  "my_json": {:hex, :jason, "1.4.1", "h", [:mix], [], "hexpm", "h"}\n}';
    assert.deepEqual(nameVersions(text), ['jason@1.4.1']);
  });

  it('reports entries it cannot use and goes on', () => {
    const text =
      '%{\n"a": {:hg, "u", "r"},\n"b": {:hex, :b},\n"c": 1,\n1 => {:hex, :d, "1"},\n"e": {:hex, :e, "2.0.0"}}';
    const result = extractor.extract(inputFor('mix.lock', text));
    assert.deepEqual(nameVersions(text), ['e@2.0.0']);
    assert.deepEqual(result.unresolved, [
      { name: 'a', line: 2, reason: 'unsupported source :hg' },
      { name: 'b', line: 3, reason: 'hex entry without package name and version' },
      { name: 'c', line: 4, reason: 'entry is not a `{:scm, …}` tuple' },
      { name: '?', line: 5, reason: 'entry whose key is not a string' },
    ]);
  });

  it('reads an empty lockfile', () => {
    assert.deepEqual(nameVersions(''), []);
    assert.deepEqual(nameVersions('%{}\n'), []);
  });

  it('reads 10,000 entries', () => {
    const entries = Array.from(
      { length: 10_000 },
      (_, i) =>
        `  "pkg_${i}": {:hex, :pkg_${i}, "1.${i}.0", "${'a'.repeat(64)}", [:mix], [{:pkg_${i + 1}, "~> 1.0", [hex: :pkg_${i + 1}, repo: "hexpm", optional: false]}], "hexpm", "${'b'.repeat(64)}"},`,
    );
    const result = extractor.extract(inputFor('mix.lock', `%{\n${entries.join('\n')}\n}\n`));
    assert.equal(result.components.length, 10_000);
    assert.equal(result.components.find((c) => c.name === 'pkg_9999')?.location.line, 10_001);
  });
});

function nameVersions(text: string): string[] {
  return extractor.extract(inputFor('mix.lock', text)).components.map((c) => `${c.name}@${c.version ?? ''}`);
}

describe('hex/mix-lock malformed input', () => {
  const fix = 'regenerate it with `mix deps.get`';
  const rejects: [string, string, string][] = [
    [
      'a truncated file',
      '%{\n  "plug": {:hex, :plug, "1.15.2", "abc", [:mix], [], "hexpm"',
      `mix.lock:2: invalid mix.lock (the file ends before the closing \`}\`); ${fix}`,
    ],
    [
      'a missing comma',
      '%{\n  "plug": {:hex, :plug, "1.15.2"}\n  "x": 1}',
      `mix.lock:3: invalid mix.lock (expected \`,\` or \`}\`); ${fix}`,
    ],
    [
      'a list at the top',
      '[1, 2]',
      `mix.lock:1: invalid mix.lock (expected a map \`%{…}\` at the top); ${fix}`,
    ],
    [
      'interpolation',
      '%{"a": "#{x}"}',
      `mix.lock:1: invalid mix.lock (string interpolation is not a literal); ${fix}`,
    ],
    ['a map entry without =>', '%{"a" {:hex}}', `mix.lock:1: invalid mix.lock (expected \`=>\`); ${fix}`],
    [
      'an unterminated string',
      '%{\n"a": {:hex, :a, "1.0',
      `mix.lock:2: invalid mix.lock (unterminated string); ${fix}`,
    ],
    ['code', '%{"a": Mix.env()}', `mix.lock:1: invalid mix.lock (unexpected \`Mix\`); ${fix}`],
    [
      'deep nesting',
      '['.repeat(100_000),
      `mix.lock:1: invalid mix.lock (terms nested deeper than 64); ${fix}`,
    ],
    ['trailing text', '%{} %{}', `mix.lock:1: invalid mix.lock (expected the end of the file); ${fix}`],
  ];
  for (const [what, contents, message] of rejects) {
    it(`rejects ${what}`, () => {
      assert.equal(assertRejects(extractor, 'mix.lock', contents).message, message);
    });
  }
});
