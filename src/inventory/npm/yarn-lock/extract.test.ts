import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { assertRejects, extractFixture, inputFor } from '../../testing.ts';
import { component, edges, rows } from '../js-testing.ts';
import { extractor } from './index.ts';

const testdata = join(dirname(fileURLToPath(import.meta.url)), 'testdata');

// The same app (workspace packages/util, dev and optional dependencies, an npm: alias, a tarball URL
// and a file: dependency) locked by yarn 1.22 and by yarn 4: the two lockfiles agree on the graph.
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
  'local-lib@0.0.1 -> ms@2.1.3',
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

const CASES = [
  {
    name: 'yarn 1 lockfile (package.json workspaces are a glob)',
    fixture: 'classic/yarn.lock',
    // packages/util is not read (a glob): its dependencies are direct, and prod for want of a scope.
    rows: [
      '@types/debug@4.1.13 dev direct L5',
      '@types/ms@2.1.0 dev L12',
      'ansi-regex@5.0.1 prod L17',
      'ansi-regex@6.6.0 prod direct L22',
      'ansi-styles@4.3.0 prod L27',
      'balanced-match@1.0.2 dev L34',
      'brace-expansion@1.1.22 dev L39',
      'chalk@4.1.2 prod direct L47',
      'cliui@8.0.1 prod L55',
      'color-convert@2.0.1 prod L64',
      'color-name@1.1.4 prod L71',
      'concat-map@0.0.1 dev L76',
      'debug@4.4.3 prod direct L81',
      'emoji-regex@8.0.0 prod L88',
      'encoding@0.1.14 optional direct L93',
      'escalade@3.2.0 prod L100',
      'fs.realpath@1.0.0 dev L105',
      'get-caller-file@2.0.5 prod L110',
      'glob@7.2.3 dev L115',
      'has-flag@4.0.0 prod L127',
      'iconv-lite@0.7.3 optional L132',
      'inflight@1.0.6 dev L139',
      'inherits@2.0.4 dev L147',
      'is-fullwidth-code-point@3.0.0 prod L152',
      'is-number@6.0.0 prod L157',
      'is-number@7.0.0 prod direct L162',
      'is-odd@3.0.1 prod direct L167',
      'left-pad@1.3.0 prod direct L174 url',
      'local-lib@0.0.1 prod direct L178 path',
      'minimatch@3.1.5 dev L183',
      'ms@2.1.3 prod L190',
      'once@1.4.0 dev L195',
      'path-is-absolute@1.0.1 dev L202',
      'picocolors@1.1.1 prod direct L207',
      'require-directory@2.1.1 prod L212',
      'rimraf@3.0.2 dev direct L217',
      'safer-buffer@2.1.2 optional L224',
      'semver@6.3.2 prod direct L229',
      'semver@7.8.6 prod direct L234',
      'string-width@4.2.3 prod direct L239',
      'strip-ansi@6.0.1 prod L257',
      'supports-color@7.2.0 prod L264',
      'typescript@5.4.5 dev direct L271',
      'wrap-ansi@7.0.0 prod L276',
      'wrappy@1.0.2 dev L285',
      'y18n@5.0.8 prod L290',
      'yargs-parser@21.1.1 prod L295',
      'yargs@17.7.3 prod direct L300',
    ],
    edges: APP_EDGES,
    root: { name: 'acme-web', version: '1.4.0' },
  },
  {
    name: 'yarn 4 lockfile (workspaces, patch:, link:, portal:)',
    fixture: 'berry/yarn.lock',
    rows: [
      '@types/debug@4.1.13 dev direct L23',
      '@types/ms@2.1.0 dev L32',
      'ansi-regex@5.0.1 prod L64',
      'ansi-regex@6.6.0 prod direct L71',
      'ansi-styles@4.3.0 prod L78',
      'balanced-match@1.0.2 dev L87',
      'brace-expansion@1.1.22 dev L94',
      'chalk@4.1.2 prod direct L104',
      'cliui@8.0.1 prod L114',
      'color-convert@2.0.1 prod L125',
      'color-name@1.1.4 prod L134',
      'concat-map@0.0.1 dev L141',
      'debug@4.4.3 prod direct L148',
      'emoji-regex@8.0.0 prod L160',
      'encoding@0.1.14 optional direct L167',
      'escalade@3.2.0 prod L176',
      'fs.realpath@1.0.0 dev L183',
      'get-caller-file@2.0.5 prod L190',
      'glob@7.2.3 dev L197',
      'has-flag@4.0.0 prod L211',
      'iconv-lite@0.7.3 optional L218',
      'inflight@1.0.6 dev L227',
      'inherits@2.0.4 dev L237',
      'is-fullwidth-code-point@3.0.0 prod L244',
      'is-number@6.0.0 optional L251',
      'is-number@7.0.0 dev direct L258',
      'is-odd@3.0.1 optional direct L265',
      'left-pad@1.3.0 prod direct L274 url',
      'linked@ dev direct L281 path',
      'local-lib@0.0.1 prod direct L287 path',
      'minimatch@3.1.5 dev L296',
      'ms@2.1.3 prod direct L305',
      'once@1.4.0 dev L312',
      'path-is-absolute@1.0.1 dev L321',
      'picocolors@1.1.1 prod direct L328',
      'portal-lib@ prod direct L335 path',
      'require-directory@2.1.1 prod L343',
      'rimraf@3.0.2 dev direct L350',
      'safer-buffer@2.1.2 optional L361',
      'semver@6.3.2 prod direct L368',
      'semver@7.8.6 prod direct L377',
      'string-width@4.2.3 prod direct L386',
      'strip-ansi@6.0.1 prod L397',
      'supports-color@7.2.0 prod L406',
      'typescript@5.4.5 dev direct L415',
      'wrap-ansi@7.0.0 prod L435',
      'wrappy@1.0.2 dev L446',
      'y18n@5.0.8 prod L453',
      'yargs-parser@21.1.1 prod L460',
      'yargs@17.7.3 prod direct L467',
    ],
    edges: [...APP_EDGES, 'portal-lib@ -> picocolors@1.1.1'].sort(),
    root: { name: 'acme-web', version: '1.4.0' },
  },
  {
    name: 'yarn 1 git, GitHub, tarball and optional dependencies, a workspace by plain path',
    fixture: 'classic-sources/yarn.lock',
    rows: [
      '@acme/forked-lib@2.1.0 prod direct L5 git',
      'fsevents@2.3.3 optional L11',
      'gh-widget@0.4.2 prod direct L16 git',
      'ms@2.1.3 prod L20',
      'tarball-pkg@1.0.0 dev direct L25 url',
      'watcher-lite@1.0.4 prod direct L29',
    ],
    edges: [
      '@acme/forked-lib@2.1.0 -> ms@2.1.3',
      'watcher-lite@1.0.4 -> fsevents@2.3.3',
      'watcher-lite@1.0.4 -> ms@2.1.3',
    ],
    root: { name: 'sources-demo', version: '0.1.0' },
  },
  {
    name: 'yarn 4 git (https and scp-style), a user patch and exec:',
    fixture: 'berry-sources/yarn.lock',
    rows: [
      'forked-lib@2.1.0 prod direct L8 git',
      'lodash@4.17.21 prod direct L17',
      'private-tool@ dev direct L31 path',
      'ssh-lib@1.0.3 prod direct L48 git',
    ],
    edges: ['forked-lib@2.1.0 -> lodash@4.17.21'],
    root: { name: 'sources-demo', version: '0.1.0' },
  },
];

describe('npm/yarn-lock', () => {
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

function fixtureText(fixture: string): string {
  return readFileSync(join(testdata, fixture), 'utf8');
}

describe('npm/yarn-lock sources', () => {
  it('records git, GitHub and tarball dependencies with what yarn 1 pinned, apart from registry purls', () => {
    const result = extractFixture(extractor, testdata, 'classic-sources/yarn.lock');
    const forked = component(result, '@acme/forked-lib', '2.1.0');
    assert.deepEqual(forked.source, {
      type: 'git',
      url: 'git+https://github.com/acme/forked-lib.git',
      ref: '3f5c2a9e1b7d4c6f8a0e2b4d6f8a1c3e5b7d9f01',
    });
    assert.equal(
      forked.purl,
      'pkg:npm/%40acme/forked-lib@2.1.0?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Facme%2Fforked-lib.git%403f5c2a9e1b7d4c6f8a0e2b4d6f8a1c3e5b7d9f01',
    );
    // `owner/repo#main` resolved through a codeload tarball: the commit is the tarball's last segment.
    assert.deepEqual(component(result, 'gh-widget', '0.4.2').source, {
      type: 'git',
      url: 'https://github.com/acme/gh-widget.git',
      ref: '9b8a7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b',
    });
    assert.deepEqual(component(result, 'tarball-pkg', '1.0.0').source, {
      type: 'url',
      url: 'https://example.com/tarballs/tarball-pkg-1.0.0.tgz',
    });
  });

  it('records yarn 4 git, exec:, file:, link: and portal: resolutions, and a patched package as its original', () => {
    const sources = extractFixture(extractor, testdata, 'berry-sources/yarn.lock');
    assert.deepEqual(component(sources, 'ssh-lib', '1.0.3').source, {
      type: 'git',
      url: 'ssh://git@github.com/acme/ssh-lib.git',
      ref: 'c0ffee0123456789abcdef0123456789abcdef01',
    });
    assert.deepEqual(component(sources, 'private-tool').source, {
      type: 'path',
      path: './scripts/build-tool.js',
      link: false,
    });
    // The patch entry (line 24) and the original (line 17) are one registry component.
    const lodash = component(sources, 'lodash', '4.17.21');
    assert.deepEqual(
      [lodash.purl, lodash.source, lodash.location.line],
      ['pkg:npm/lodash@4.17.21', { type: 'registry' }, 17],
    );

    const app = extractFixture(extractor, testdata, 'berry/yarn.lock');
    assert.deepEqual(component(app, 'local-lib', '0.0.1').source, {
      type: 'path',
      path: './vendor/local-lib',
      link: false,
    });
    assert.deepEqual(component(app, 'linked').source, { type: 'path', path: './vendor/linked', link: true });
    assert.deepEqual(component(app, 'portal-lib').source, {
      type: 'path',
      path: './vendor/portal-lib',
      link: true,
    });
    assert.equal(component(app, 'typescript', '5.4.5').purl, 'pkg:npm/typescript@5.4.5');
  });
});

describe('npm/yarn-lock without package.json', () => {
  it('yarn 1: entries nothing depends on are direct, and everything is prod', () => {
    const result = extractor.extract(inputFor('yarn.lock', fixtureText('classic/yarn.lock')));
    const direct = result.components.filter((c) => c.direct).map((c) => `${c.name}@${c.version}`);
    assert.deepEqual(direct, [
      '@types/debug@4.1.13',
      'ansi-regex@6.6.0',
      'chalk@4.1.2',
      'debug@4.4.3',
      'encoding@0.1.14',
      'is-number@7.0.0',
      'is-odd@3.0.1',
      'left-pad@1.3.0',
      'local-lib@0.0.1',
      'picocolors@1.1.1',
      'rimraf@3.0.2',
      'semver@6.3.2',
      'semver@7.8.6',
      'string-width@4.2.3',
      'typescript@5.4.5',
      'yargs@17.7.3',
    ]);
    assert.deepEqual([...new Set(result.components.map((c) => c.scope))], ['prod']);
    assert.equal(result.root, undefined);
  });

  it('yarn 4: workspaces still name the direct dependencies; dependenciesMeta marks optional ones', () => {
    const result = extractor.extract(inputFor('yarn.lock', fixtureText('berry/yarn.lock')));
    const notProd = result.components
      .filter((c) => c.scope !== 'prod')
      .map((c) => `${c.name}@${c.version} ${c.scope}`);
    assert.deepEqual(notProd, [
      'encoding@0.1.14 optional',
      'iconv-lite@0.7.3 optional',
      'is-number@6.0.0 optional',
      'is-odd@3.0.1 optional',
      'safer-buffer@2.1.2 optional',
    ]);
    const withManifest = extractFixture(extractor, testdata, 'berry/yarn.lock');
    const direct = (r: typeof result) => r.components.filter((c) => c.direct).map((c) => c.purl);
    assert.equal(direct(result).length, 19);
    assert.deepEqual(direct(result), direct(withManifest));
    assert.deepEqual(result.root, { name: 'acme-web' });
  });
});

describe('npm/yarn-lock parsing', () => {
  it('reads quoted multi-range headers, CRLF line ends and an empty lockfile', () => {
    const text = [
      '# yarn lockfile v1',
      '',
      '"@babel/code-frame@^7.0.0", "@babel/code-frame@^7.10.4":',
      '  version "7.24.2"',
      '  dependencies:',
      '    "@babel/highlight" "^7.24.2"',
      '',
      '"@babel/highlight@^7.24.2":',
      '  version "7.24.5"',
      '',
    ].join('\r\n');
    const result = extractor.extract(inputFor('yarn.lock', text));
    assert.deepEqual(rows(result), [
      '@babel/code-frame@7.24.2 prod direct L3',
      '@babel/highlight@7.24.5 prod L8',
    ]);
    assert.deepEqual(edges(result), ['@babel/code-frame@7.24.2 -> @babel/highlight@7.24.5']);
    assert.deepEqual(extractor.extract(inputFor('yarn.lock', '# yarn lockfile v1\n')).components, []);
  });

  it('reads a yarn 4 lockfile outside the fast subset (flow maps) with the YAML parser', () => {
    const text = [
      '__metadata:',
      '  version: 8',
      '',
      '"app@workspace:.":',
      '  version: 0.0.0-use.local',
      '  resolution: "app@workspace:."',
      '  dependencies: { ms: "npm:^2.1.3" }',
      '  linkType: soft',
      '',
      "'ms@npm:^2.1.3':",
      '  version: 2.1.3',
      "  resolution: 'ms@npm:2.1.3'",
      '',
    ].join('\n');
    const result = extractor.extract(inputFor('yarn.lock', text));
    assert.deepEqual(rows(result), ['ms@2.1.3 prod direct L10']);
    assert.deepEqual(result.root, { name: 'app' });
  });

  it('lists entries it cannot turn into components as unresolved', () => {
    const classic = extractor.extract(inputFor('yarn.lock', 'a@^1:\n  resolved "https://r/a-1.tgz"\n'));
    assert.deepEqual(classic.unresolved, [{ name: 'a', line: 1, reason: 'entry has no version' }]);
    const berry = [
      '__metadata:',
      '  version: 8',
      '',
      '"std@jsr:^1.0.0":',
      '  version: 1.0.8',
      '  resolution: "std@jsr:1.0.8"',
      '',
    ].join('\n');
    assert.deepEqual(extractor.extract(inputFor('yarn.lock', berry)).unresolved, [
      { name: 'std', line: 4, reason: 'unsupported resolution protocol "jsr"' },
    ]);
  });

  const HOW = 'restore the file or regenerate it with `yarn install`';
  const MALFORMED: [string, string, string][] = [
    ['unterminated string', 'a@^1:\n  version "1.0.0\n', `yarn.lock:2: unterminated quoted string; ${HOW}`],
    ['bad indentation', 'a@^1:\n    version "1.0.0"\n', `yarn.lock:2: unexpected indentation; ${HOW}`],
    ['tab indentation', 'a@^1:\n\tversion "1.0.0"\n', `yarn.lock:2: unexpected indentation; ${HOW}`],
    ['merge conflict', 'a@^1:\n<<<<<<< HEAD\n', `yarn.lock:2: unresolved merge conflict; ${HOW}`],
    [
      'not a lockfile',
      '{"lockfileVersion": 3}\n',
      `yarn.lock:1: expected an entry header \`name@range:\`; ${HOW}`,
    ],
    [
      'header without range',
      'left-pad:\n  version "1.3.0"\n',
      `yarn.lock:1: entry header is not \`name@range\`; ${HOW}`,
    ],
    ['field without value', 'a@^1:\n  version\n', `yarn.lock:2: field \`version\` has no value; ${HOW}`],
    [
      'broken YAML',
      '__metadata:\n  version: 8\n\n"a@npm:^1":\n  version: [1\n',
      `yarn.lock:6: invalid YAML (Flow sequence in block collection must be sufficiently indented and end with a ]); ${HOW}`,
    ],
  ];
  for (const [name, text, message] of MALFORMED) {
    it(`rejects ${name} with a one-line error`, () => {
      assert.equal(assertRejects(extractor, 'yarn.lock', text).message, message);
    });
  }

  it('rejects truncated lockfiles at the line where they break', () => {
    const classic = fixtureText('classic/yarn.lock');
    const cutClassic = classic.slice(0, classic.indexOf('/@types/debug/-/'));
    assert.equal(
      assertRejects(extractor, 'yarn.lock', cutClassic).message,
      `yarn.lock:7: unterminated quoted string; ${HOW}`,
    );
    const berry = fixtureText('berry/yarn.lock');
    const cutBerry = berry.slice(0, berry.indexOf('npm:^4.1.12"'));
    assert.equal(
      assertRejects(extractor, 'yarn.lock', cutBerry).message,
      `yarn.lock:23: invalid YAML (Missing closing "quote); ${HOW}`,
    );
  });
});
