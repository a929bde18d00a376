import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { ComponentSource, Scope } from '../../../model/index.ts';
import { assertRejects, extractFixture, inputFor } from '../../testing.ts';
import { extractor } from './index.ts';
import { readAnyYaml, readPubSubset } from './yaml.ts';

const testdata = join(dirname(fileURLToPath(import.meta.url)), 'testdata');
const fix = 'regenerate it with `dart pub get` (or `flutter pub get`)';

/** purl, scope, direct, line, source when not the registry */
type Row = [string, Scope, boolean, number, ComponentSource?];

const hosted = (names: [string, number][]): Row[] =>
  names.map(([nameVersion, line]) => [`pkg:pub/${nameVersion}`, 'prod', false, line]);

const cases: {
  fixture: string;
  root: { name: string; version?: string };
  rows: Row[];
  sdk: [string, number][];
}[] = [
  {
    // Flutter 3.13 app (Dart 3 lockfile with sha256) with git, path, override and SDK packages.
    fixture: 'shop_app/pubspec.lock',
    root: { name: 'shop_app', version: '1.2.0+7' },
    rows: [
      ...hosted([
        ['async@2.11.0', 4],
        ['boolean_selector@2.1.1', 12],
        ['characters@1.3.0', 20],
        ['clock@1.1.1', 28],
        ['collection@1.17.2', 36],
      ]),
      ['pkg:pub/cupertino_icons@1.0.6', 'prod', true, 44],
      ...hosted([
        ['fake_async@1.3.1', 52],
        ['ffi@2.1.0', 60],
      ]),
      ['pkg:pub/flutter_lints@2.0.3', 'dev', true, 73],
      [
        'pkg:pub/flutter_markdown@0.6.18?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fflutter%2Fpackages.git%408e1b2a5b3c9f4d6e7a8b9c0d1e2f3a4b5c6d7e8f',
        'prod',
        true,
        81,
        {
          type: 'git',
          url: 'https://github.com/flutter/packages.git',
          ref: '8e1b2a5b3c9f4d6e7a8b9c0d1e2f3a4b5c6d7e8f',
        },
      ],
      ['pkg:pub/http@0.13.1', 'prod', true, 100],
      ...hosted([['http_parser@4.0.2', 108]]),
      // dependency_overrides: "direct overridden".
      ['pkg:pub/intl@0.18.1', 'prod', true, 116],
      ...hosted([
        ['lints@2.1.1', 124],
        ['markdown@7.1.1', 132],
        ['matcher@0.12.16', 140],
        ['material_color_utilities@0.5.0', 148],
        ['meta@1.9.1', 156],
        ['nested@1.0.0', 164],
        ['path@1.8.3', 172],
        ['path_provider_linux@2.2.1', 180],
        ['path_provider_platform_interface@2.1.1', 188],
        ['path_provider_windows@2.2.1', 196],
        ['platform@3.1.3', 204],
        ['plugin_platform_interface@2.1.6', 212],
      ]),
      ['pkg:pub/provider@6.0.5', 'prod', true, 220],
      ['pkg:pub/shared_preferences@2.2.2', 'prod', true, 228],
      ...hosted([
        ['shared_preferences_android@2.2.1', 236],
        ['shared_preferences_foundation@2.3.4', 244],
        ['shared_preferences_linux@2.3.2', 252],
        ['shared_preferences_platform_interface@2.3.1', 260],
        ['shared_preferences_web@2.2.1', 268],
        ['shared_preferences_windows@2.3.2', 276],
      ]),
      ['pkg:pub/shop_core@0.4.0', 'prod', true, 284, { type: 'path', path: '../shop_core', link: true }],
      ...hosted([
        ['source_span@1.10.0', 296],
        ['stack_trace@1.11.0', 304],
        ['stream_channel@2.1.1', 312],
        ['string_scanner@1.2.0', 320],
        ['term_glyph@1.2.1', 328],
        ['test_api@0.6.0', 336],
        ['typed_data@1.3.2', 344],
        ['vector_math@2.1.4', 352],
        ['web@0.1.4-beta', 360],
        ['win32@5.0.9', 368],
        ['xdg_directories@1.0.3', 376],
      ]),
    ],
    sdk: [
      ['flutter', 68],
      ['flutter_test', 90],
      ['flutter_web_plugins', 95],
      ['sky_engine', 291],
    ],
  },
  {
    // Dart 2 lockfile of a CLI tool: pub.dartlang.org, no sha256, one package from a private server.
    fixture: 'cli_tool/pubspec.lock',
    root: { name: 'acme_cli' },
    rows: [
      ['pkg:pub/acme_telemetry@1.4.0?repository_url=https%3A%2F%2Fdart.acme.example.com', 'prod', true, 4],
      ['pkg:pub/args@2.3.1', 'prod', true, 11],
      ['pkg:pub/collection@1.16.0', 'prod', false, 18],
      ['pkg:pub/lints@2.0.0', 'dev', true, 25],
      ['pkg:pub/meta@1.8.0', 'prod', false, 32],
      ['pkg:pub/path@1.8.2', 'prod', true, 39],
      ['pkg:pub/source_span@1.9.0', 'prod', false, 46],
      ['pkg:pub/string_scanner@1.1.1', 'prod', false, 53],
      ['pkg:pub/term_glyph@1.2.0', 'prod', false, 60],
      ['pkg:pub/yaml@3.1.1', 'prod', true, 67],
    ],
    sdk: [],
  },
];

describe('pub/pubspec-lock fixtures', () => {
  for (const { fixture, root, rows, sdk } of cases) {
    it(fixture, () => {
      assert.ok(extractor.matches(fixture));
      const result = extractFixture(extractor, testdata, fixture);
      assert.deepEqual(result.root, root);
      assert.deepEqual(
        result.components.map((c) => [c.purl, c.scope, c.direct, c.location.line, c.source]),
        rows.map(([purl, scope, direct, line, source]) => [
          purl,
          scope,
          direct,
          line,
          source ?? { type: 'registry' },
        ]),
      );
      assert.ok(result.components.every((c) => c.ecosystem === 'Pub' && c.dependencies.length === 0));
      assert.deepEqual(
        result.unresolved,
        sdk.map(([name, line]) => ({
          name,
          line,
          reason: 'SDK package: comes with the flutter SDK, not from a package repository',
        })),
      );
    });

    it(`${fixture}: the fast reader agrees with the yaml package`, () => {
      const text = readFileSync(join(testdata, fixture), 'utf8');
      const fast = readPubSubset(text);
      const full = readAnyYaml(fixture, text, fix);
      assert.ok(fast, 'the fixture is in the subset pub writes');
      assert.deepEqual(fast.value, full.value);
      for (const name of Object.keys((full.value as { packages: object }).packages)) {
        assert.equal(fast.lineOf(['packages', name]), full.lineOf(['packages', name]), name);
      }
    });
  }
});

describe('pub/pubspec-lock outside the subset pub writes', () => {
  const handEdited = [
    '# hand-edited',
    'packages:',
    '  http: {dependency: "direct main", description: {name: http, url: "https://pub.dev"}, source: hosted, version: 1.10}',
    '  meta:',
    '    dependency: transitive',
    '    description: &hosted',
    '      name: meta',
    "      url: 'https://pub.dev'",
    '    source: hosted',
    '    version: "1.9.1"',
    'sdks:',
    '  dart: ">=3.0.0 <4.0.0"',
  ].join('\n');

  it('falls back to the full YAML parser, keeping version text and lines', () => {
    assert.equal(readPubSubset(handEdited), undefined);
    const result = extractor.extract(inputFor('pubspec.lock', handEdited));
    assert.deepEqual(
      result.components.map((c) => [c.purl, c.direct, c.location.line]),
      [
        ['pkg:pub/http@1.10', true, 3],
        ['pkg:pub/meta@1.9.1', false, 4],
      ],
    );
  });

  it('reads an empty lockfile', () => {
    for (const text of [
      '',
      '# Generated by pub\npackages: {}\nsdks:\n  dart: ">=2.12.0 <3.0.0"\n',
      'packages:\n',
    ]) {
      assert.deepEqual(
        extractor.extract(inputFor('pubspec.lock', text)).components,
        [],
        JSON.stringify(text),
      );
    }
  });

  it('reads 10,000 packages', () => {
    const entries = Array.from(
      { length: 10_000 },
      (_, i) =>
        `  pkg_${i}:\n    dependency: transitive\n    description:\n      name: pkg_${i}\n      sha256: "${'a'.repeat(64)}"\n      url: "https://pub.dev"\n    source: hosted\n    version: "1.${i}.0"`,
    );
    const result = extractor.extract(
      inputFor('pubspec.lock', `packages:\n${entries.join('\n')}\nsdks:\n  dart: ">=3.0.0"\n`),
    );
    assert.equal(result.components.length, 10_000);
    assert.equal(result.components.find((c) => c.name === 'pkg_9999')?.location.line, 2 + 9999 * 8);
  });
});

describe('pub/pubspec-lock malformed and hostile input', () => {
  const aliases = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
  for (const [from, to] of ['ab', 'bc', 'cd', 'de', 'ef'])
    aliases.push(`${to}: &${to} [${`*${from},`.repeat(9)}*${from}]`);
  const rejects: [string, string, string][] = [
    [
      'a truncated entry',
      'packages:\n  http:\n    dependency: transitive\n    descr',
      `pubspec.lock:4: invalid YAML (Implicit map keys need to be followed by map values); ${fix}`,
    ],
    [
      'an entry without a version',
      'packages:\n  http:\n    dependency: transitive\n    source: hosted\n',
      `pubspec.lock:2: not a pubspec.lock ("packages.http.version": Invalid input: expected string, received undefined); ${fix}`,
    ],
    [
      'a list of packages',
      'packages: [1, 2]',
      `pubspec.lock:1: not a pubspec.lock ("packages": Invalid input: expected record, received array); ${fix}`,
    ],
    [
      'a package that is a string',
      'packages:\n  http: 1.0.0\n',
      `pubspec.lock:2: not a pubspec.lock ("packages.http": Invalid input: expected object, received string); ${fix}`,
    ],
    [
      'an alias bomb',
      aliases.join('\n'),
      `pubspec.lock:1: invalid YAML (Excessive alias count indicates a resource exhaustion attack); ${fix}`,
    ],
    [
      'deep flow nesting',
      '['.repeat(100_000),
      `pubspec.lock:1: invalid YAML (brackets nested deeper than 64); ${fix}`,
    ],
    [
      'a plain string',
      'x'.repeat(1000),
      `pubspec.lock:1: not a pubspec.lock (Invalid input: expected object, received string); ${fix}`,
    ],
  ];
  for (const [what, contents, message] of rejects) {
    it(`rejects ${what}`, () => {
      assert.equal(assertRejects(extractor, 'pubspec.lock', contents).message, message);
    });
  }
});
