import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { assertRejects, extractFixture, inputFor } from '../../testing.ts';
import { component, edges, rows } from '../js-testing.ts';
import { extractor } from './index.ts';

const testdata = join(dirname(fileURLToPath(import.meta.url)), 'testdata');

const CASES = [
  {
    // bun 1.3 (lockfileVersion 2): the app of the yarn fixtures plus a root peer dependency (react),
    // with versions nested under a package (strip-ansi/ansi-regex) and private to a workspace
    // (@acme/util/semver).
    name: 'bun install --lockfile-only of a workspace app',
    fixture: 'app/bun.lock',
    rows: [
      '@types/debug@4.1.13 dev direct L49',
      '@types/ms@2.1.0 dev L51',
      'ansi-regex@5.0.1 prod L151',
      'ansi-regex@6.6.0 prod direct L53',
      'ansi-styles@4.3.0 prod L55',
      'balanced-match@1.0.2 dev L57',
      'brace-expansion@1.1.22 dev L59',
      'chalk@4.1.2 prod direct L61',
      'cliui@8.0.1 prod L63',
      'color-convert@2.0.1 prod L65',
      'color-name@1.1.4 prod L67',
      'concat-map@0.0.1 dev L69',
      'debug@4.4.3 prod direct L71',
      'emoji-regex@8.0.0 prod L73',
      'encoding@0.1.14 optional direct L75',
      'escalade@3.2.0 prod L77',
      'fs.realpath@1.0.0 dev L79',
      'get-caller-file@2.0.5 prod L81',
      'glob@7.2.3 dev L83',
      'has-flag@4.0.0 prod L85',
      'iconv-lite@0.7.3 optional L87',
      'inflight@1.0.6 dev L89',
      'inherits@2.0.4 dev L91',
      'is-fullwidth-code-point@3.0.0 prod L93',
      'is-number@6.0.0 optional L149',
      'is-number@7.0.0 dev direct L95',
      'is-odd@3.0.1 optional direct L97',
      'js-tokens@4.0.0 prod L99',
      'left-pad@ prod direct L101 url',
      'local-lib@ prod direct L103 path',
      'loose-envify@1.4.0 prod L105',
      'minimatch@3.1.5 dev L107',
      'ms@2.1.3 prod direct L109',
      'once@1.4.0 dev L111',
      'path-is-absolute@1.0.1 dev L113',
      'picocolors@1.1.1 prod direct L115',
      'react@18.3.1 prod direct L117',
      'require-directory@2.1.1 prod L119',
      'rimraf@3.0.2 dev direct L121',
      'safer-buffer@2.1.2 optional L123',
      'semver@6.3.2 prod direct L147',
      'semver@7.8.6 prod direct L125',
      'string-width@4.2.3 prod direct L127',
      'strip-ansi@6.0.1 prod L131',
      'supports-color@7.2.0 prod L133',
      'typescript@5.4.5 dev direct L135',
      'wrap-ansi@7.0.0 prod L137',
      'wrappy@1.0.2 dev L139',
      'y18n@5.0.8 prod L141',
      'yargs-parser@21.1.1 prod L145',
      'yargs@17.7.3 prod direct L143',
    ],
    edges: [
      '@types/debug@4.1.13 -> @types/ms@2.1.0',
      'ansi-styles@4.3.0 -> color-convert@2.0.1',
      'brace-expansion@1.1.22 -> balanced-match@1.0.2',
      'brace-expansion@1.1.22 -> concat-map@0.0.1',
      'chalk@4.1.2 -> ansi-styles@4.3.0',
      'chalk@4.1.2 -> supports-color@7.2.0',
      'cliui@8.0.1 -> string-width@4.2.3',
      'cliui@8.0.1 -> strip-ansi@6.0.1',
      'cliui@8.0.1 -> wrap-ansi@7.0.0',
      'color-convert@2.0.1 -> color-name@1.1.4',
      'debug@4.4.3 -> ms@2.1.3',
      'debug@4.4.3 -> supports-color@7.2.0',
      'encoding@0.1.14 -> iconv-lite@0.7.3',
      'glob@7.2.3 -> fs.realpath@1.0.0',
      'glob@7.2.3 -> inflight@1.0.6',
      'glob@7.2.3 -> inherits@2.0.4',
      'glob@7.2.3 -> minimatch@3.1.5',
      'glob@7.2.3 -> once@1.4.0',
      'glob@7.2.3 -> path-is-absolute@1.0.1',
      'iconv-lite@0.7.3 -> safer-buffer@2.1.2',
      'inflight@1.0.6 -> once@1.4.0',
      'inflight@1.0.6 -> wrappy@1.0.2',
      'is-odd@3.0.1 -> is-number@6.0.0',
      'local-lib@ -> ms@2.1.3',
      'loose-envify@1.4.0 -> js-tokens@4.0.0',
      'minimatch@3.1.5 -> brace-expansion@1.1.22',
      'once@1.4.0 -> wrappy@1.0.2',
      'react@18.3.1 -> loose-envify@1.4.0',
      'rimraf@3.0.2 -> glob@7.2.3',
      'string-width@4.2.3 -> emoji-regex@8.0.0',
      'string-width@4.2.3 -> is-fullwidth-code-point@3.0.0',
      'string-width@4.2.3 -> strip-ansi@6.0.1',
      'strip-ansi@6.0.1 -> ansi-regex@5.0.1',
      'supports-color@7.2.0 -> has-flag@4.0.0',
      'wrap-ansi@7.0.0 -> ansi-styles@4.3.0',
      'wrap-ansi@7.0.0 -> string-width@4.2.3',
      'wrap-ansi@7.0.0 -> strip-ansi@6.0.1',
      'yargs@17.7.3 -> cliui@8.0.1',
      'yargs@17.7.3 -> escalade@3.2.0',
      'yargs@17.7.3 -> get-caller-file@2.0.5',
      'yargs@17.7.3 -> require-directory@2.1.1',
      'yargs@17.7.3 -> string-width@4.2.3',
      'yargs@17.7.3 -> y18n@5.0.8',
      'yargs@17.7.3 -> yargs-parser@21.1.1',
    ],
    root: { name: 'acme-web', version: '1.4.0' },
  },
  {
    name: 'git, GitHub, link: and a private registry (lockfileVersion 1)',
    fixture: 'sources/bun.lock',
    rows: [
      'forked-lib@ prod direct L21 git',
      'gh-widget@ prod direct L23 git',
      'internal-ui@3.2.1 prod direct L25',
      'linked@ prod direct L29 path',
      'ms@2.0.0 prod L27',
      'ms@2.1.3 prod L31',
    ],
    edges: ['forked-lib@ -> ms@2.1.3', 'internal-ui@3.2.1 -> ms@2.0.0'],
    root: { name: 'sources-demo' },
  },
];

describe('npm/bun-lock', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const result = extractFixture(extractor, testdata, c.fixture);
      assert.deepEqual(rows(result), c.rows);
      assert.deepEqual(edges(result), c.edges);
      assert.deepEqual(result.unresolved, []);
      assert.deepEqual(result.root, c.root);
    });
  }
});

describe('npm/bun-lock details', () => {
  it('resolves a dependency to the nearest nested copy: own key, then parents, then hoisted', () => {
    const result = extractFixture(extractor, testdata, 'app/bun.lock');
    // strip-ansi@6 needs ansi-regex@^5 (key strip-ansi/ansi-regex), the root ansi-regex@^6 (key ansi-regex).
    assert.deepEqual(component(result, 'strip-ansi', '6.0.1').dependencies, ['pkg:npm/ansi-regex@5.0.1']);
    assert.deepEqual(component(result, 'ansi-regex', '6.6.0').direct, true);
    // @acme/util's own semver@^6 is keyed @acme/util/semver; the root's semver@^7 is hoisted.
    assert.deepEqual(
      result.components.filter((c) => c.name === 'semver').map((c) => [c.version, c.direct, c.location.line]),
      [
        ['6.3.2', true, 147],
        ['7.8.6', true, 125],
      ],
    );
  });

  it('records sources without a registry version', () => {
    const result = extractFixture(extractor, testdata, 'sources/bun.lock');
    assert.deepEqual(component(result, 'forked-lib').source, {
      type: 'git',
      url: 'git+https://github.com/acme/forked-lib.git',
      ref: '3f5c2a9e1b7d4c6f8a0e2b4d6f8a1c3e5b7d9f01',
    });
    assert.deepEqual(component(result, 'gh-widget').source, {
      type: 'git',
      url: 'https://github.com/acme/gh-widget.git',
      ref: '9b8a7c6',
    });
    assert.deepEqual(component(result, 'linked').source, { type: 'path', path: 'linked', link: true });
    const app = extractFixture(extractor, testdata, 'app/bun.lock');
    assert.deepEqual(component(app, 'local-lib').source, {
      type: 'path',
      path: 'vendor/local-lib',
      link: false,
    });
    assert.equal(
      component(app, 'left-pad').purl,
      'pkg:npm/left-pad?download_url=https%3A%2F%2Fregistry.npmjs.org%2Fleft-pad%2F-%2Fleft-pad-1.3.0.tgz',
    );
  });

  it('lists package entries that are not `[name@resolution, …]` as unresolved', () => {
    const text =
      '{ "lockfileVersion": 1, "workspaces": { "": { "name": "x" } }, "packages": { "odd": [42], "flat": "flat@1.0.0", "ms": ["ms@2.1.3", "", {}, "sha512-x"] } }';
    const result = extractor.extract(inputFor('bun.lock', text));
    assert.deepEqual(rows(result), ['ms@2.1.3 prod L1']);
    assert.deepEqual(result.unresolved, [
      { name: 'odd', line: 1, reason: 'entry does not start with `name@resolution`' },
      { name: 'flat', line: 1, reason: 'entry does not start with `name@resolution`' },
    ]);
  });

  const MALFORMED: [string, string, string][] = [
    [
      'truncated JSON',
      '{"lockfileVersion": 1, "packages": {"a": ["a@1.0.0"',
      'bun.lock:1: invalid JSON (CloseBracketExpected); fix or regenerate the file',
    ],
    [
      'no lockfileVersion',
      '{"packages": {}}',
      'bun.lock:1: not a bun.lock (expected an object with `lockfileVersion` and `packages`); regenerate it with `bun install --save-text-lockfile`',
    ],
  ];
  for (const [name, text, message] of MALFORMED) {
    it(`rejects ${name} with a one-line error`, () => {
      assert.equal(assertRejects(extractor, 'bun.lock', text).message, message);
    });
  }

  it('rejects a truncated fixture at the line where it breaks', () => {
    const text = readFileSync(join(testdata, 'app/bun.lock'), 'utf8');
    const cut = text.slice(0, text.indexOf('"sha512-quJQ'));
    assert.equal(
      assertRejects(extractor, 'bun.lock', cut).message,
      'bun.lock:151: invalid JSON (ValueExpected); fix or regenerate the file',
    );
  });
});
