import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { ExtractResult } from '../../extractor.ts';
import { assertRejects, extractFixture, inputFor, nameVersions } from '../../testing.ts';
import { elementLines } from './element-lines.ts';
import { extractor } from './index.ts';

const testdata = join(dirname(fileURLToPath(import.meta.url)), 'testdata');

function pkg(result: ExtractResult, name: string) {
  const found = result.components.find((c) => c.name === name);
  assert.ok(found, `no component ${name}`);
  return found;
}

const namesWhere = (result: ExtractResult, keep: (c: ExtractResult['components'][number]) => boolean) =>
  result.components
    .filter(keep)
    .map((c) => c.name)
    .sort();

/** Oracle independent of the extractor: each package's name, version and the line of its "name" key. */
function fixturePackages(fixture: string) {
  const text = readFileSync(join(testdata, fixture), 'utf8');
  const lock = JSON.parse(text) as Record<'packages' | 'packages-dev', { name: string; version: string }[]>;
  const nameLines = new Map(
    text.split('\n').flatMap((line, i) => {
      const m = /^ {12}"name": "(.*)",$/.exec(line);
      return m ? [[m[1], i + 1] as const] : [];
    }),
  );
  return { prod: lock.packages, dev: lock['packages-dev'], nameLines };
}

describe('php/composer-lock', () => {
  it('matches composer.lock only', () => {
    assert.equal(extractor.matches('composer.lock'), true);
    assert.equal(extractor.matches('app/composer.lock'), true);
    assert.equal(extractor.matches('composer.json'), false);
  });

  describe('Laravel 8 application with composer.json', () => {
    const fixture = 'laravel/composer.lock';
    const result = extractFixture(extractor, testdata, fixture);
    const oracle = fixturePackages(fixture);

    it('yields every package, tag versions without their v', () => {
      const expected = [...oracle.prod, ...oracle.dev]
        .map((p) => `${p.name}@${p.version.replace(/^v(?=\d)/, '')}`)
        .sort();
      assert.equal(expected.length, 107);
      assert.deepEqual(nameVersions(result), expected);
      for (const want of [
        'laravel/framework@8.0.0',
        'guzzlehttp/guzzle@7.4.0',
        'symfony/http-kernel@5.1.5',
        'acme/payments-sdk@dev-main',
      ]) {
        assert.ok(expected.includes(want), want);
      }
      assert.equal(pkg(result, 'laravel/framework').purl, 'pkg:composer/laravel/framework@8.0.0');
    });

    it('scopes packages-dev as dev', () => {
      assert.deepEqual(
        namesWhere(result, (c) => c.scope === 'dev'),
        oracle.dev.map((p) => p.name).sort(),
      );
      assert.equal(namesWhere(result, (c) => c.scope === 'prod').length, oracle.prod.length);
      assert.deepEqual([oracle.prod.length, oracle.dev.length], [68, 39]);
    });

    it('takes direct dependencies from composer.json, platform requirements aside', () => {
      assert.deepEqual(
        namesWhere(result, (c) => c.direct),
        [
          'acme/payments-sdk',
          'acme/shared-kernel',
          'facade/ignition',
          'fideloper/proxy',
          'fruitcake/laravel-cors',
          'fzaninotto/faker',
          'guzzlehttp/guzzle',
          'laravel/framework',
          'laravel/tinker',
          'mockery/mockery',
          'nunomaduro/collision',
          'phpunit/phpunit',
        ],
      );
      assert.deepEqual(result.root, { name: 'acme/storefront' });
    });

    it('resolves requirements through replace and provide', () => {
      assert.deepEqual(pkg(result, 'fideloper/proxy').dependencies, ['pkg:composer/laravel/framework@8.0.0']);
      assert.deepEqual(pkg(result, 'acme/payments-sdk').dependencies, [
        'pkg:composer/guzzlehttp/guzzle@7.4.0',
      ]);
      assert.deepEqual(pkg(result, 'guzzlehttp/guzzle').dependencies, [
        'pkg:composer/guzzlehttp/promises@1.5.1',
        'pkg:composer/guzzlehttp/psr7@2.1.0',
        'pkg:composer/psr/http-client@1.0.1',
        'pkg:composer/symfony/deprecation-contracts@2.2.0',
      ]);
      assert.equal(
        pkg(result, 'laravel/framework').dependencies.length,
        24,
        'php and ext-* are platform requirements',
      );
      assert.ok(
        pkg(result, 'facade/flare-client-php').dependencies.includes('pkg:composer/laravel/framework@8.0.0'),
      );
    });

    it('records VCS and path repository packages as such', () => {
      const sdk = pkg(result, 'acme/payments-sdk');
      assert.deepEqual(sdk.source, {
        type: 'git',
        url: 'git@github.com:acme/payments-sdk.git',
        ref: '9f2c1e7a4b3d5f6e8a0c1b2d3e4f5a6b7c8d9e0f',
      });
      assert.equal(
        sdk.purl,
        'pkg:composer/acme/payments-sdk@dev-main?vcs_url=git%2Bgit%40github.com%3Aacme%2Fpayments-sdk.git%409f2c1e7a4b3d5f6e8a0c1b2d3e4f5a6b7c8d9e0f',
      );
      assert.deepEqual(pkg(result, 'acme/shared-kernel').source, {
        type: 'path',
        path: 'packages/shared-kernel',
        link: true,
      });
      assert.deepEqual(pkg(result, 'laravel/framework').source, { type: 'registry' });
    });

    it('normalizes licenses to SPDX', () => {
      assert.deepEqual(pkg(result, 'laravel/framework').licenses, ['MIT']);
      assert.deepEqual(pkg(result, 'phpoption/phpoption').licenses, ['Apache-2.0']);
      assert.deepEqual(pkg(result, 'phpunit/phpunit').licenses, ['BSD-3-Clause']);
      assert.deepEqual(pkg(result, 'acme/payments-sdk').licenses, ['LicenseRef-proprietary']);
    });

    it('locates each package at its "name" line', () => {
      for (const c of result.components) assert.equal(c.location.line, oracle.nameLines.get(c.name), c.name);
      assert.equal(pkg(result, 'laravel/framework').location.line, 374);
      assert.equal(pkg(result, 'guzzlehttp/guzzle').location.line, 287);
    });
  });

  describe('lockfile without composer.json', () => {
    const result = extractFixture(extractor, testdata, 'lock-only/composer.lock');

    it('extracts all packages and takes the ones nothing requires as direct', () => {
      assert.deepEqual(nameVersions(result), [
        'acme/legacy-billing@2.3.1',
        'acme/tenant-context@1.4.0',
        'monolog/monolog@1.25.1',
        'psr/log@1.1.0',
        'squizlabs/php_codesniffer@3.5.1',
        'symfony/polyfill-ctype@1.12.0',
        'symfony/polyfill-mbstring@1.12.0',
        'twig/twig@2.12.1',
      ]);
      assert.deepEqual(
        namesWhere(result, (c) => c.direct),
        ['acme/legacy-billing', 'acme/tenant-context', 'squizlabs/php_codesniffer', 'twig/twig'],
      );
      assert.equal(result.root, undefined);
      assert.deepEqual(
        result.components.map((c) => [c.name, c.location.line, c.scope]),
        [
          ['acme/legacy-billing', 10, 'prod'],
          ['acme/tenant-context', 23, 'prod'],
          ['monolog/monolog', 47, 'prod'],
          ['psr/log', 75, 'prod'],
          ['squizlabs/php_codesniffer', 175, 'dev'],
          ['symfony/polyfill-ctype', 99, 'prod'],
          ['symfony/polyfill-mbstring', 123, 'prod'],
          ['twig/twig', 147, 'prod'],
        ],
      );
    });

    it('treats private Composer repositories as registries and bare dist packages as URLs', () => {
      assert.deepEqual(pkg(result, 'acme/tenant-context').source, { type: 'registry' });
      assert.deepEqual(pkg(result, 'acme/tenant-context').licenses, ['LicenseRef-proprietary']);
      assert.deepEqual(pkg(result, 'acme/legacy-billing').source, {
        type: 'url',
        url: 'https://downloads.acme.example/legacy-billing-2.3.1.zip',
      });
      assert.deepEqual(pkg(result, 'acme/legacy-billing').licenses, []);
      assert.deepEqual(pkg(result, 'acme/tenant-context').dependencies, ['pkg:composer/psr/log@1.1.0']);
    });
  });

  it('accepts Composer 1 "packages-dev": null, minified JSON and empty links', () => {
    const text =
      '{"packages":[{"name":"a/b","version":"v1.0.0","require":[]},{"name":"c/d","version":"2.0.0","require":{"a/b":"^1"}}],"packages-dev":null}';
    const result = extractor.extract(inputFor('composer.lock', text));
    assert.deepEqual(nameVersions(result), ['a/b@1.0.0', 'c/d@2.0.0']);
    assert.deepEqual(
      result.components.map((c) => [c.name, c.direct, c.location.line]),
      [
        ['a/b', false, 1],
        ['c/d', true, 1],
      ],
    );
  });

  it('finds element lines past strings with quotes, braces and comments', () => {
    const text = [
      '{',
      '  "x": "a \\" { [ tricky",',
      '  "packages": [',
      '    {"description": "} ] {", "name": "a/b"},',
      '    /* { */',
      '    {',
      '      "version": "1",',
      '      "name": "c/d"',
      '    }',
      '  ],',
      '  "packages-dev": [{}]',
      '}',
    ].join('\n');
    assert.deepEqual(Object.fromEntries(elementLines(text, ['packages', 'packages-dev'])), {
      packages: [4, 8],
      'packages-dev': [11],
    });
  });

  const malformed: { name: string; text: string; message: string }[] = [
    {
      name: 'truncated JSON',
      text: '{\n    "packages": [\n        {\n            "name": "laravel/framework",\n            "version": "v8',
      message: 'composer.lock:5: invalid JSON (UnexpectedEndOfString); fix or regenerate the file',
    },
    {
      name: 'no packages array',
      text: '{"_readme": []}',
      message:
        'composer.lock:1: packages: Invalid input: expected array, received undefined; fix it or regenerate it with `composer update`',
    },
    {
      name: 'package without version',
      text: '{\n  "packages": [\n    {"name": "a/b", "version": "1.0.0"},\n    {\n      "name": "c/d"\n    }\n  ]\n}',
      message:
        'composer.lock:5: packages[1] field "version": Invalid input: expected string, received undefined; fix it or regenerate it with `composer update`',
    },
    {
      name: 'a JSON array',
      text: '[]',
      message:
        'composer.lock:1: document: Invalid input: expected object, received array; fix it or regenerate it with `composer update`',
    },
  ];
  for (const m of malformed) {
    it(`rejects ${m.name}`, () => {
      assert.equal(assertRejects(extractor, 'composer.lock', m.text).message, m.message);
    });
  }
});
