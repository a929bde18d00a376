import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { assertRejects, extractFixture, inputFor } from '../../testing.ts';
import { component, edges, rows } from '../js-testing.ts';
import { extractor } from './index.ts';

const testdata = join(dirname(fileURLToPath(import.meta.url)), 'testdata');

// One project (deno.json imports, a package.json with dev dependencies, a workspace member
// packages/util) locked by Deno 1.46 (v3), 2.1 (v4) and 2.9 (v5). Deno 1.46's `deno cache` only
// locks what the code imports, so its v3 lockfile lacks the package.json dependencies.
const APP_EDGES = [
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
  'glob@7.2.3 -> fs.realpath@1.0.0',
  'glob@7.2.3 -> inflight@1.0.6',
  'glob@7.2.3 -> inherits@2.0.4',
  'glob@7.2.3 -> minimatch@3.1.5',
  'glob@7.2.3 -> once@1.4.0',
  'glob@7.2.3 -> path-is-absolute@1.0.1',
  'inflight@1.0.6 -> once@1.4.0',
  'inflight@1.0.6 -> wrappy@1.0.2',
  'minimatch@3.1.5 -> brace-expansion@1.1.22',
  'once@1.4.0 -> wrappy@1.0.2',
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
];

const UNLOCKED = 'declared by the workspace but not in the lockfile; run `deno install`';
const JSR = 'JSR package: no advisory database covers the JSR registry, so it is not inventoried';
const REMOTE = 'remote module (URL import): not a registry package, so it is not inventoried';
const ROOT = { name: 'acme-deno', version: '1.0.0' };

const CASES = [
  {
    name: 'version 3 (Deno 1.46)',
    fixture: 'v3/deno.lock',
    rows: [
      'ansi-regex@5.0.1 prod L13',
      'ansi-regex@6.6.0 prod direct L17',
      'ansi-styles@4.3.0 prod L21',
      'chalk@4.1.2 prod direct L27',
      'cliui@8.0.1 prod L34',
      'color-convert@2.0.1 prod L42',
      'color-name@1.1.4 prod L48',
      'debug@4.4.3 prod direct L52',
      'emoji-regex@8.0.0 prod L58',
      'escalade@3.2.0 prod L62',
      'get-caller-file@2.0.5 prod L66',
      'has-flag@4.0.0 prod L70',
      'is-fullwidth-code-point@3.0.0 prod L74',
      'ms@2.1.3 prod direct L78',
      'picocolors@1.1.1 prod direct L82',
      'require-directory@2.1.1 prod L86',
      'string-width@4.2.3 prod L90',
      'strip-ansi@6.0.1 prod L98',
      'supports-color@7.2.0 prod L104',
      'wrap-ansi@7.0.0 prod L110',
      'y18n@5.0.8 prod L118',
      'yargs-parser@21.1.1 prod L122',
      'yargs@17.7.3 prod direct L126',
    ],
    edges: [
      'ansi-styles@4.3.0 -> color-convert@2.0.1',
      'chalk@4.1.2 -> ansi-styles@4.3.0',
      'chalk@4.1.2 -> supports-color@7.2.0',
      'cliui@8.0.1 -> string-width@4.2.3',
      'cliui@8.0.1 -> strip-ansi@6.0.1',
      'cliui@8.0.1 -> wrap-ansi@7.0.0',
      'color-convert@2.0.1 -> color-name@1.1.4',
      'debug@4.4.3 -> ms@2.1.3',
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
    unresolved: [
      { name: 'npm:@types/debug@^4.1.12', line: 141, reason: UNLOCKED },
      { name: 'npm:rimraf@^3.0.2', line: 141, reason: UNLOCKED },
      { name: 'npm:semver@^7.5.4', line: 141, reason: UNLOCKED },
    ],
    root: ROOT,
  },
  {
    name: 'version 4 (Deno 2.1)',
    fixture: 'v4/deno.lock',
    rows: [
      '@types/debug@4.1.13 dev direct L15',
      '@types/ms@2.1.0 dev L21',
      'ansi-regex@5.0.1 prod L24',
      'ansi-regex@6.6.0 prod direct L27',
      'ansi-styles@4.3.0 prod L30',
      'balanced-match@1.0.2 dev L36',
      'brace-expansion@1.1.22 dev L39',
      'chalk@4.1.2 prod direct L46',
      'cliui@8.0.1 prod L53',
      'color-convert@2.0.1 prod L61',
      'color-name@1.1.4 prod L67',
      'concat-map@0.0.1 dev L70',
      'debug@4.4.3 prod direct L73',
      'emoji-regex@8.0.0 prod L79',
      'escalade@3.2.0 prod L82',
      'fs.realpath@1.0.0 dev L85',
      'get-caller-file@2.0.5 prod L88',
      'glob@7.2.3 dev L91',
      'has-flag@4.0.0 prod L102',
      'inflight@1.0.6 dev L105',
      'inherits@2.0.4 dev L112',
      'is-fullwidth-code-point@3.0.0 prod L115',
      'minimatch@3.1.5 dev L118',
      'ms@2.1.3 prod direct L124',
      'once@1.4.0 dev L127',
      'path-is-absolute@1.0.1 dev L133',
      'picocolors@1.1.1 prod direct L136',
      'require-directory@2.1.1 prod L139',
      'rimraf@3.0.2 dev direct L142',
      'semver@7.8.6 prod direct L148',
      'string-width@4.2.3 prod L151',
      'strip-ansi@6.0.1 prod L159',
      'supports-color@7.2.0 prod L165',
      'wrap-ansi@7.0.0 prod L171',
      'wrappy@1.0.2 dev L179',
      'y18n@5.0.8 prod L182',
      'yargs-parser@21.1.1 prod L185',
      'yargs@17.7.3 prod direct L188',
    ],
    edges: APP_EDGES,
    unresolved: [],
    root: ROOT,
  },
  {
    name: 'version 5 (Deno 2.9)',
    fixture: 'v5/deno.lock',
    rows: [
      '@types/debug@4.1.13 dev direct L15',
      '@types/ms@2.1.0 dev L21',
      'ansi-regex@5.0.1 prod L24',
      'ansi-regex@6.6.0 prod direct L27',
      'ansi-styles@4.3.0 prod L30',
      'balanced-match@1.0.2 dev L36',
      'brace-expansion@1.1.22 dev L39',
      'chalk@4.1.2 prod direct L46',
      'cliui@8.0.1 prod L53',
      'color-convert@2.0.1 prod L61',
      'color-name@1.1.4 prod L67',
      'concat-map@0.0.1 dev L70',
      'debug@4.4.3 prod direct L73',
      'emoji-regex@8.0.0 prod L79',
      'escalade@3.2.0 prod L82',
      'fs.realpath@1.0.0 dev L85',
      'get-caller-file@2.0.5 prod L88',
      'glob@7.2.3 dev L91',
      'has-flag@4.0.0 prod L102',
      'inflight@1.0.6 dev L105',
      'inherits@2.0.4 dev L112',
      'is-fullwidth-code-point@3.0.0 prod L115',
      'minimatch@3.1.5 dev L118',
      'ms@2.1.3 prod direct L124',
      'once@1.4.0 dev L127',
      'path-is-absolute@1.0.1 dev L133',
      'picocolors@1.1.1 prod direct L136',
      'require-directory@2.1.1 prod L139',
      'rimraf@3.0.2 dev direct L142',
      'semver@7.8.6 prod direct L149',
      'string-width@4.2.3 prod L153',
      'strip-ansi@6.0.1 prod L161',
      'supports-color@7.2.0 prod L167',
      'wrap-ansi@7.0.0 prod L173',
      'wrappy@1.0.2 dev L181',
      'y18n@5.0.8 prod L184',
      'yargs-parser@21.1.1 prod L187',
      'yargs@17.7.3 prod direct L190',
    ],
    edges: APP_EDGES,
    unresolved: [],
    root: ROOT,
  },
  {
    // Real Deno 2.9 output: peer-suffixed keys (react-dom@18.3.1_react@18.3.1), npm: aliases in
    // dependency lists (string-width-cjs@npm:string-width@4.2.3), optionalDependencies (esbuild).
    name: 'version 5 with peer variants, aliases and optional platform packages',
    fixture: 'v5-peers/deno.lock',
    rows: [
      '@esbuild/aix-ppc64@0.20.2 optional L10',
      '@esbuild/android-arm64@0.20.2 optional L15',
      '@esbuild/android-arm@0.20.2 optional L20',
      '@esbuild/android-x64@0.20.2 optional L25',
      '@esbuild/darwin-arm64@0.20.2 optional L30',
      '@esbuild/darwin-x64@0.20.2 optional L35',
      '@esbuild/freebsd-arm64@0.20.2 optional L40',
      '@esbuild/freebsd-x64@0.20.2 optional L45',
      '@esbuild/linux-arm64@0.20.2 optional L50',
      '@esbuild/linux-arm@0.20.2 optional L55',
      '@esbuild/linux-ia32@0.20.2 optional L60',
      '@esbuild/linux-loong64@0.20.2 optional L65',
      '@esbuild/linux-mips64el@0.20.2 optional L70',
      '@esbuild/linux-ppc64@0.20.2 optional L75',
      '@esbuild/linux-riscv64@0.20.2 optional L80',
      '@esbuild/linux-s390x@0.20.2 optional L85',
      '@esbuild/linux-x64@0.20.2 optional L90',
      '@esbuild/netbsd-x64@0.20.2 optional L95',
      '@esbuild/openbsd-x64@0.20.2 optional L100',
      '@esbuild/sunos-x64@0.20.2 optional L105',
      '@esbuild/win32-arm64@0.20.2 optional L110',
      '@esbuild/win32-ia32@0.20.2 optional L115',
      '@esbuild/win32-x64@0.20.2 optional L120',
      '@isaacs/cliui@8.0.2 prod direct L125',
      'ansi-regex@5.0.1 prod L136',
      'ansi-regex@6.6.0 prod L139',
      'ansi-styles@4.3.0 prod L142',
      'ansi-styles@6.2.3 prod L148',
      'color-convert@2.0.1 prod L151',
      'color-name@1.1.4 prod L157',
      'eastasianwidth@0.2.0 prod L160',
      'emoji-regex@8.0.0 prod L163',
      'emoji-regex@9.2.2 prod L166',
      'esbuild@0.20.2 prod direct L169',
      'is-fullwidth-code-point@3.0.0 prod L199',
      'js-tokens@4.0.0 prod L202',
      'loose-envify@1.4.0 prod L205',
      'react-dom@18.3.1 prod direct L212',
      'react@18.3.1 prod direct L220',
      'scheduler@0.23.2 prod L226',
      'string-width@4.2.3 prod L232',
      'string-width@5.1.2 prod L240',
      'strip-ansi@6.0.1 prod L248',
      'strip-ansi@7.2.0 prod L254',
      'wrap-ansi@7.0.0 prod L260',
      'wrap-ansi@8.1.0 prod L268',
    ],
    edges: [
      '@isaacs/cliui@8.0.2 -> string-width@4.2.3',
      '@isaacs/cliui@8.0.2 -> string-width@5.1.2',
      '@isaacs/cliui@8.0.2 -> strip-ansi@6.0.1',
      '@isaacs/cliui@8.0.2 -> strip-ansi@7.2.0',
      '@isaacs/cliui@8.0.2 -> wrap-ansi@7.0.0',
      '@isaacs/cliui@8.0.2 -> wrap-ansi@8.1.0',
      'ansi-styles@4.3.0 -> color-convert@2.0.1',
      'color-convert@2.0.1 -> color-name@1.1.4',
      'esbuild@0.20.2 -> @esbuild/aix-ppc64@0.20.2',
      'esbuild@0.20.2 -> @esbuild/android-arm64@0.20.2',
      'esbuild@0.20.2 -> @esbuild/android-arm@0.20.2',
      'esbuild@0.20.2 -> @esbuild/android-x64@0.20.2',
      'esbuild@0.20.2 -> @esbuild/darwin-arm64@0.20.2',
      'esbuild@0.20.2 -> @esbuild/darwin-x64@0.20.2',
      'esbuild@0.20.2 -> @esbuild/freebsd-arm64@0.20.2',
      'esbuild@0.20.2 -> @esbuild/freebsd-x64@0.20.2',
      'esbuild@0.20.2 -> @esbuild/linux-arm64@0.20.2',
      'esbuild@0.20.2 -> @esbuild/linux-arm@0.20.2',
      'esbuild@0.20.2 -> @esbuild/linux-ia32@0.20.2',
      'esbuild@0.20.2 -> @esbuild/linux-loong64@0.20.2',
      'esbuild@0.20.2 -> @esbuild/linux-mips64el@0.20.2',
      'esbuild@0.20.2 -> @esbuild/linux-ppc64@0.20.2',
      'esbuild@0.20.2 -> @esbuild/linux-riscv64@0.20.2',
      'esbuild@0.20.2 -> @esbuild/linux-s390x@0.20.2',
      'esbuild@0.20.2 -> @esbuild/linux-x64@0.20.2',
      'esbuild@0.20.2 -> @esbuild/netbsd-x64@0.20.2',
      'esbuild@0.20.2 -> @esbuild/openbsd-x64@0.20.2',
      'esbuild@0.20.2 -> @esbuild/sunos-x64@0.20.2',
      'esbuild@0.20.2 -> @esbuild/win32-arm64@0.20.2',
      'esbuild@0.20.2 -> @esbuild/win32-ia32@0.20.2',
      'esbuild@0.20.2 -> @esbuild/win32-x64@0.20.2',
      'loose-envify@1.4.0 -> js-tokens@4.0.0',
      'react-dom@18.3.1 -> loose-envify@1.4.0',
      'react-dom@18.3.1 -> react@18.3.1',
      'react-dom@18.3.1 -> scheduler@0.23.2',
      'react@18.3.1 -> loose-envify@1.4.0',
      'scheduler@0.23.2 -> loose-envify@1.4.0',
      'string-width@4.2.3 -> emoji-regex@8.0.0',
      'string-width@4.2.3 -> is-fullwidth-code-point@3.0.0',
      'string-width@4.2.3 -> strip-ansi@6.0.1',
      'string-width@5.1.2 -> eastasianwidth@0.2.0',
      'string-width@5.1.2 -> emoji-regex@9.2.2',
      'string-width@5.1.2 -> strip-ansi@7.2.0',
      'strip-ansi@6.0.1 -> ansi-regex@5.0.1',
      'strip-ansi@7.2.0 -> ansi-regex@6.6.0',
      'wrap-ansi@7.0.0 -> ansi-styles@4.3.0',
      'wrap-ansi@7.0.0 -> string-width@4.2.3',
      'wrap-ansi@7.0.0 -> strip-ansi@6.0.1',
      'wrap-ansi@8.1.0 -> ansi-styles@6.2.3',
      'wrap-ansi@8.1.0 -> string-width@5.1.2',
      'wrap-ansi@8.1.0 -> strip-ansi@7.2.0',
    ],
    unresolved: [],
    root: undefined,
  },
  {
    // Hand-written (JSR and deno.land are not reachable here) in the v4 layout of denoland/deno_lockfile's specs.
    name: 'version 4 with JSR packages and remote modules',
    fixture: 'v4-jsr-remote/deno.lock',
    rows: ['code-block-writer@13.0.3 prod L31', 'picocolors@1.1.1 prod direct L34'],
    edges: [],
    unresolved: [
      { name: '@deno/dnt@0.41.3', line: 12, reason: JSR },
      { name: '@std/fmt@1.0.3', line: 20, reason: JSR },
      { name: '@std/path@0.225.2', line: 23, reason: JSR },
      { name: '@std/path@1.0.8', line: 26, reason: JSR },
      { name: 'https://deno.land/std@0.208.0', line: 42, reason: REMOTE },
      { name: 'https://deno.land/x/oak@v17.1.4', line: 44, reason: REMOTE },
      { name: 'https://esm.sh/@preact/signals-core@1.8.0', line: 45, reason: REMOTE },
    ],
    root: undefined,
  },
];

describe('npm/deno-lock', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const result = extractFixture(extractor, testdata, c.fixture);
      assert.deepEqual(rows(result), c.rows);
      assert.deepEqual(edges(result), c.edges);
      assert.deepEqual(result.unresolved, c.unresolved);
      assert.deepEqual(result.root, c.root);
    });
  }
});

describe('npm/deno-lock details', () => {
  it('strips peer suffixes from versions and resolves aliases to the aliased package', () => {
    const result = extractFixture(extractor, testdata, 'v5-peers/deno.lock');
    const reactDom = component(result, 'react-dom', '18.3.1');
    assert.deepEqual([reactDom.purl, reactDom.location.line], ['pkg:npm/react-dom@18.3.1', 212]);
    assert.deepEqual(component(result, '@isaacs/cliui', '8.0.2').dependencies, [
      'pkg:npm/string-width@4.2.3',
      'pkg:npm/string-width@5.1.2',
      'pkg:npm/strip-ansi@6.0.1',
      'pkg:npm/strip-ansi@7.2.0',
      'pkg:npm/wrap-ansi@7.0.0',
      'pkg:npm/wrap-ansi@8.1.0',
    ]);
  });

  it('reads version 2 and, without a workspace section, takes what nothing depends on as direct', () => {
    const text = JSON.stringify(
      {
        version: '2',
        remote: {},
        npm: {
          specifiers: { 'chalk@5': 'chalk@5.3.0', 'debug@4': 'debug@4.3.4' },
          packages: {
            'chalk@5.3.0': { integrity: 'sha512-a', dependencies: {} },
            'debug@4.3.4': { integrity: 'sha512-b', dependencies: { ms: 'ms@2.1.2' } },
            'ms@2.1.2': { integrity: 'sha512-c', dependencies: {} },
          },
        },
      },
      null,
      2,
    );
    const result = extractor.extract(inputFor('deno.lock', text));
    assert.deepEqual(rows(result), [
      'chalk@5.3.0 prod direct L10',
      'debug@4.3.4 prod direct L14',
      'ms@2.1.2 prod L20',
    ]);
    assert.deepEqual(edges(result), ['debug@4.3.4 -> ms@2.1.2']);
  });

  it('lists an npm key that is not name@version as unresolved', () => {
    const text = '{\n  "version": "4",\n  "npm": {\n    "nameonly": { "integrity": "x" }\n  }\n}';
    assert.deepEqual(extractor.extract(inputFor('deno.lock', text)).unresolved, [
      { name: 'nameonly', line: 4, reason: 'npm package key is not `name@version`' },
    ]);
  });

  const UPGRADE = 'run `deno install` with a current Deno to rewrite it';
  const MALFORMED: [string, string, string][] = [
    [
      'version 1 (no version field)',
      '{ "https://deno.land/std@0.200.0/path/mod.ts": "abc" }',
      `deno.lock:1: unsupported deno.lock: no "version" field (a version 1 lockfile), Palisade reads versions 2 to 5; ${UPGRADE}`,
    ],
    [
      'an unknown version',
      '{ "version": "one" }',
      `deno.lock:1: unsupported deno.lock: version "one", Palisade reads versions 2 to 5; ${UPGRADE}`,
    ],
    [
      'a package of the wrong shape',
      '{\n  "version": "4",\n  "npm": {\n    "a@1.0.0": "oops"\n  }\n}',
      `deno.lock:4: unexpected shape at npm.a@1.0.0 (Invalid input: expected object, received string); ${UPGRADE}`,
    ],
    [
      'broken JSON',
      '{ "version": "4", ',
      'deno.lock:1: invalid JSON (PropertyNameExpected); fix or regenerate the file',
    ],
  ];
  for (const [name, text, message] of MALFORMED) {
    it(`rejects ${name} with a one-line error`, () => {
      assert.equal(assertRejects(extractor, 'deno.lock', text).message, message);
    });
  }

  it('rejects a truncated fixture at the line where it breaks', () => {
    const text = readFileSync(join(testdata, 'v5/deno.lock'), 'utf8');
    const cut = text.slice(0, text.indexOf('"dependencies": [\n        "color-convert"'));
    assert.equal(
      assertRejects(extractor, 'deno.lock', cut).message,
      'deno.lock:32: invalid JSON (PropertyNameExpected); fix or regenerate the file',
    );
  });
});
