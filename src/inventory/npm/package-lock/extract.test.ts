import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { ExtractResult } from '../../extractor.ts';
import { assertRejects, extractFixture, inputFor } from '../../testing.ts';
import { extractor } from './index.ts';

const testdata = join(dirname(fileURLToPath(import.meta.url)), 'testdata');

/** `name@version scope [direct] :line source` per component, in the collector's purl order. */
function summary(result: ExtractResult): string[] {
  return result.components.map(
    (c) =>
      `${c.name}@${c.version ?? ''} ${c.scope}${c.direct ? ' direct' : ''} :${c.location.line} ${c.source.type}`,
  );
}

function edges(result: ExtractResult): Record<string, string[]> {
  return Object.fromEntries(
    result.components.filter((c) => c.dependencies.length > 0).map((c) => [c.purl, c.dependencies]),
  );
}

function component(result: ExtractResult, name: string, version?: string) {
  const found = result.components.find(
    (c) => c.name === name && (version === undefined || c.version === version),
  );
  assert.ok(found, `${name}@${version ?? '*'} not extracted`);
  return found;
}

const GIT = 'git+ssh://git@github.com/example/gitdep.git';
const SHA = 'bdadfbb97e0a5a8889d02a1371b1d4c99c48a734';
const BUNDLER_URL = 'https://files.example.org/pkgs/bundler-pkg-2.0.1.tgz';
const REMOTE_URL = 'https://files.example.org/pkgs/remote-pkg-3.1.0.tgz';

// The same project (npm 11: dev, optional, devOptional, peer, alias, nested copy, override of
// js-tokens to 3.0.2, bundled dependency, git, file: tarball, file: directory, remote tarballs)
// locked as v2 and v3: both read the `packages` map and agree line for line.
const APP_PACKAGES = [
  '@types/ms@0.7.34 dev direct :42 registry',
  'bundler-pkg@2.0.1 prod direct :49 url',
  'debug@2.6.9 prod direct :66 registry',
  'fsevents@2.3.3 optional direct :81 registry',
  'gitdep@1.4.0 prod direct :94 git',
  'inner@1.0.0 prod :61 registry',
  'is-number@7.0.0 dev direct :99 registry',
  'js-tokens@3.0.2 prod :109 registry',
  'local-lib@0.3.0 prod direct :35 path',
  'lodash@4.17.20 prod direct :150 registry',
  'loose-envify@1.4.0 prod :119 registry',
  'lru-cache@6.0.0 dev :131 registry',
  'ms@2.0.0 prod :75 registry',
  'ms@2.1.3 prod direct :144 registry',
  'react-dom@18.2.0 prod direct :170 registry',
  'react@18.3.1 prod direct :157 registry',
  'remote-pkg@3.1.0 prod direct :183 url',
  'scheduler@0.23.2 prod :189 registry',
  'semver@7.5.4 dev direct :198 registry',
  'to-regex-range@5.0.1 dev direct :214 registry',
  'vendored@1.0.0 prod direct :227 path',
  'yallist@4.0.0 dev :233 registry',
];

const APP_PACKAGES_EDGES = {
  'pkg:npm/bundler-pkg@2.0.1?download_url=https%3A%2F%2Ffiles.example.org%2Fpkgs%2Fbundler-pkg-2.0.1.tgz': [
    'pkg:npm/inner@1.0.0',
  ],
  'pkg:npm/debug@2.6.9': ['pkg:npm/ms@2.0.0'],
  'pkg:npm/loose-envify@1.4.0': ['pkg:npm/js-tokens@3.0.2'],
  'pkg:npm/lru-cache@6.0.0': ['pkg:npm/yallist@4.0.0'],
  'pkg:npm/react-dom@18.2.0': [
    'pkg:npm/loose-envify@1.4.0',
    'pkg:npm/react@18.3.1',
    'pkg:npm/scheduler@0.23.2',
  ],
  'pkg:npm/react@18.3.1': ['pkg:npm/loose-envify@1.4.0'],
  'pkg:npm/scheduler@0.23.2': ['pkg:npm/loose-envify@1.4.0'],
  'pkg:npm/semver@7.5.4': ['pkg:npm/lru-cache@6.0.0'],
  'pkg:npm/to-regex-range@5.0.1': ['pkg:npm/is-number@7.0.0'],
};

describe('npm/package-lock: one project locked as v1, v2 and v3', () => {
  for (const fixture of ['app-v2/package-lock.json', 'app-v3/package-lock.json']) {
    it(`${fixture}: components, scopes, direct flags, lines and sources`, () => {
      const result = extractFixture(extractor, testdata, fixture);
      assert.deepEqual(summary(result), APP_PACKAGES);
      assert.deepEqual(edges(result), APP_PACKAGES_EDGES);
      assert.deepEqual(result.root, { name: 'fixture-app', version: '1.2.0' });
      assert.deepEqual(result.unresolved, []);
    });

    it(`${fixture}: non-registry sources are recorded as what they are`, () => {
      const result = extractFixture(extractor, testdata, fixture);
      const git = component(result, 'gitdep');
      assert.deepEqual(git.source, { type: 'git', url: GIT, ref: SHA });
      assert.equal(git.purl, `pkg:npm/gitdep@1.4.0?vcs_url=${encodeURIComponent(`${GIT}@${SHA}`)}`);
      assert.deepEqual(component(result, 'remote-pkg').source, { type: 'url', url: REMOTE_URL });
      assert.deepEqual(component(result, 'bundler-pkg').source, { type: 'url', url: BUNDLER_URL });
      assert.deepEqual(component(result, 'vendored').source, {
        type: 'path',
        path: 'vendor/vendored-1.0.0.tgz',
        link: false,
      });
      assert.deepEqual(component(result, 'local-lib').source, {
        type: 'path',
        path: '../local-lib',
        link: true,
      });
      // Registry tarballs (and the alias `my-lodash`, whose tarball is lodash's) stay registry packages.
      assert.deepEqual(component(result, 'lodash').source, { type: 'registry' });
      assert.equal(component(result, 'lodash').purl, 'pkg:npm/lodash@4.17.20');
      assert.ok(!result.components.some((c) => c.name === 'my-lodash'));
    });

    it(`${fixture}: licenses from each entry`, () => {
      const result = extractFixture(extractor, testdata, fixture);
      assert.deepEqual(component(result, 'vendored').licenses, ['Apache-2.0']);
      assert.deepEqual(component(result, 'inner').licenses, ['BSD-3-Clause']);
      assert.deepEqual(component(result, 'local-lib').licenses, ['ISC']);
      assert.deepEqual(component(result, 'ms', '2.1.3').licenses, ['MIT']);
    });
  }

  // v1 has no licenses; git, file: and tarball URL entries carry the spec in `version`, so their
  // own version is unknown; peer dependencies are not in `requires`.
  const APP_V1 = [
    '@types/ms@0.7.34 dev direct :7 registry',
    'bundler-pkg@ prod direct :13 url',
    'debug@2.6.9 prod direct :26 registry',
    'fsevents@2.3.3 optional direct :41 registry',
    'gitdep@ prod direct :47 git',
    'inner@1.0.0 prod :20 registry',
    'is-number@7.0.0 dev direct :51 registry',
    'js-tokens@3.0.2 prod :57 registry',
    'local-lib@ prod direct :62 path',
    'lodash@4.17.20 prod direct :90 registry',
    'loose-envify@1.4.0 prod :68 registry',
    'lru-cache@6.0.0 dev :76 registry',
    'ms@2.0.0 prod :34 registry',
    'ms@2.1.3 prod direct :85 registry',
    'react-dom@18.2.0 prod direct :104 registry',
    'react@18.3.1 prod direct :95 registry',
    'remote-pkg@ prod direct :113 url',
    'scheduler@0.23.2 prod :117 registry',
    'semver@7.5.4 dev direct :125 registry',
    'to-regex-range@5.0.1 dev direct :134 registry',
    'vendored@ prod direct :143 path',
    'yallist@4.0.0 dev :147 registry',
  ];

  it('app-v1: direct from the sibling package.json, the tree nested under `dependencies`', () => {
    const result = extractFixture(extractor, testdata, 'app-v1/package-lock.json');
    assert.deepEqual(summary(result), APP_V1);
    assert.deepEqual(result.root, { name: 'fixture-app', version: '1.2.0' });
    assert.deepEqual(result.unresolved, []);
    assert.deepEqual(edges(result), {
      'pkg:npm/bundler-pkg?download_url=https%3A%2F%2Ffiles.example.org%2Fpkgs%2Fbundler-pkg-2.0.1.tgz': [
        'pkg:npm/inner@1.0.0',
      ],
      'pkg:npm/debug@2.6.9': ['pkg:npm/ms@2.0.0'],
      'pkg:npm/local-lib': ['pkg:npm/ms@2.1.3'],
      'pkg:npm/loose-envify@1.4.0': ['pkg:npm/js-tokens@3.0.2'],
      'pkg:npm/lru-cache@6.0.0': ['pkg:npm/yallist@4.0.0'],
      'pkg:npm/react-dom@18.2.0': ['pkg:npm/loose-envify@1.4.0', 'pkg:npm/scheduler@0.23.2'],
      'pkg:npm/react@18.3.1': ['pkg:npm/loose-envify@1.4.0'],
      'pkg:npm/scheduler@0.23.2': ['pkg:npm/loose-envify@1.4.0'],
      'pkg:npm/semver@7.5.4': ['pkg:npm/lru-cache@6.0.0'],
      'pkg:npm/to-regex-range@5.0.1': ['pkg:npm/is-number@7.0.0'],
    });
  });

  it('app-v1: spec versions become sources; the alias `npm:lodash@4.17.20` becomes lodash', () => {
    const result = extractFixture(extractor, testdata, 'app-v1/package-lock.json');
    assert.deepEqual(component(result, 'gitdep').source, { type: 'git', url: GIT, ref: SHA });
    assert.equal(
      component(result, 'gitdep').purl,
      `pkg:npm/gitdep?vcs_url=${encodeURIComponent(`${GIT}@${SHA}`)}`,
    );
    assert.deepEqual(component(result, 'remote-pkg').source, { type: 'url', url: REMOTE_URL });
    assert.deepEqual(component(result, 'vendored').source, {
      type: 'path',
      path: 'vendor/vendored-1.0.0.tgz',
      link: false,
    });
    assert.deepEqual(component(result, 'local-lib').source, {
      type: 'path',
      path: '../local-lib',
      link: true,
    });
    assert.equal(component(result, 'lodash').purl, 'pkg:npm/lodash@4.17.20');
  });

  it('app-v1 without its package.json: direct = top-level packages nothing requires', () => {
    const contents = readFileSync(join(testdata, 'app-v1/package-lock.json'), 'utf8');
    const result = extractor.extract(inputFor('app-v1/package-lock.json', contents));
    const direct = result.components.filter((c) => c.direct).map((c) => `${c.name}@${c.version ?? ''}`);
    // ms@2.1.3 is declared by the project but also required by local-lib: the lockfile alone cannot tell.
    assert.deepEqual(direct, [
      '@types/ms@0.7.34',
      'bundler-pkg@',
      'debug@2.6.9',
      'fsevents@2.3.3',
      'gitdep@',
      'local-lib@',
      'lodash@4.17.20',
      'react-dom@18.2.0',
      'react@18.3.1',
      'remote-pkg@',
      'semver@7.5.4',
      'to-regex-range@5.0.1',
      'vendored@',
    ]);
  });

  it('the same name@version set from all three versions, apart from the v1 spec entries', () => {
    const versions = (fixture: string) =>
      extractFixture(extractor, testdata, fixture)
        .components.filter((c) => c.source.type === 'registry')
        .map((c) => `${c.name}@${c.version}`);
    const v3 = versions('app-v3/package-lock.json');
    assert.deepEqual(versions('app-v2/package-lock.json'), v3);
    assert.deepEqual(versions('app-v1/package-lock.json'), v3);
  });
});

describe('npm/package-lock: workspaces', () => {
  const MONOREPO = (lines: number[]) => [
    `@mono/ws-a@1.0.0 prod direct :${lines[0]} path`,
    `@types/ms@0.7.34 dev direct :${lines[1]} registry`,
    `debug@2.6.9 prod direct :${lines[2]} registry`,
    `lru-cache@6.0.0 dev :${lines[3]} registry`,
    `ms@2.0.0 prod direct :${lines[4]} registry`,
    `ms@2.1.3 prod direct :${lines[5]} registry`,
    `semver@7.5.4 dev direct :${lines[6]} registry`,
    `ws-b@2.3.0 prod direct :${lines[7]} path`,
    `yallist@4.0.0 dev :${lines[8]} registry`,
  ];
  const cases = [
    { fixture: 'workspaces-v3/package-lock.json', lines: [89, 21, 28, 43, 37, 56, 62, 97, 82] },
    // `"workspaces": { "packages": [...] }`, and v2's `dependencies` section is ignored
    { fixture: 'workspaces-object-v2/package-lock.json', lines: [91, 23, 30, 45, 39, 58, 64, 99, 84] },
  ];
  for (const { fixture, lines } of cases) {
    it(`${fixture}: members are path components, their dependencies direct`, () => {
      const result = extractFixture(extractor, testdata, fixture);
      assert.deepEqual(summary(result), MONOREPO(lines));
      assert.deepEqual(result.root, { name: 'monorepo', version: '0.0.0' });
      assert.deepEqual(component(result, 'ws-b').source, { type: 'path', path: 'packages/ws-b', link: true });
      assert.deepEqual(component(result, '@mono/ws-a').source, {
        type: 'path',
        path: 'packages/ws-a',
        link: true,
      });
      assert.deepEqual(component(result, 'ws-b').licenses, ['Apache-2.0']);
      // ws-b resolves ms to its own packages/ws-b/node_modules/ms@2.0.0 and its devDependency semver.
      assert.deepEqual(edges(result), {
        'pkg:npm/%40mono/ws-a@1.0.0': ['pkg:npm/ms@2.1.3'],
        'pkg:npm/debug@2.6.9': ['pkg:npm/ms@2.0.0'],
        'pkg:npm/lru-cache@6.0.0': ['pkg:npm/yallist@4.0.0'],
        'pkg:npm/semver@7.5.4': ['pkg:npm/lru-cache@6.0.0'],
        'pkg:npm/ws-b@2.3.0': [
          'pkg:npm/%40mono/ws-a@1.0.0',
          'pkg:npm/debug@2.6.9',
          'pkg:npm/ms@2.0.0',
          'pkg:npm/semver@7.5.4',
        ],
      });
    });
  }

  it('a file: directory inside the project: its flags and its own node_modules', () => {
    const result = extractFixture(extractor, testdata, 'link-inside/package-lock.json');
    assert.deepEqual(summary(result), [
      'dev-lib@0.1.0 dev direct :17 path',
      'ms@2.0.0 dev :24 registry',
      'ms@2.1.3 prod direct :34 registry',
    ]);
    assert.deepEqual(edges(result), { 'pkg:npm/dev-lib@0.1.0': ['pkg:npm/ms@2.0.0'] });
  });
});

describe('npm/package-lock: other files', () => {
  it('npm-shrinkwrap.json, written without `resolved` (omit-lockfile-registry-resolved)', () => {
    const result = extractFixture(extractor, testdata, 'shrinkwrap/npm-shrinkwrap.json');
    assert.deepEqual(summary(result), ['debug@4.4.3 prod direct :17 registry', 'ms@2.1.3 prod :33 registry']);
    assert.deepEqual(result.root, { name: 'cli-tool', version: '0.4.2' });
  });

  it('a v1 lockfile of a project without dependencies has no `dependencies` at all', () => {
    const result = extractFixture(extractor, testdata, 'empty-v1/package-lock.json');
    assert.deepEqual(result, { components: [], unresolved: [], root: { name: 'probe', version: '1.0.0' } });
  });

  it('matches lockfiles, not those of installed packages', () => {
    const cases: [string, boolean][] = [
      ['package-lock.json', true],
      ['services/api/package-lock.json', true],
      ['npm-shrinkwrap.json', true],
      ['tools/npm-shrinkwrap.json', true],
      ['node_modules/foo/npm-shrinkwrap.json', false],
      ['web/node_modules/@scope/foo/package-lock.json', false],
      ['node_modules/.package-lock.json', false],
      ['package.json', false],
      ['package-lock.json.bak', false],
      ['yarn.lock', false],
    ];
    for (const [path, expected] of cases) assert.equal(extractor.matches(path), expected, path);
  });

  it('skips a byte order mark', () => {
    const contents = readFileSync(join(testdata, 'shrinkwrap/npm-shrinkwrap.json'), 'utf8');
    const result = extractor.extract(inputFor('npm-shrinkwrap.json', `\uFEFF${contents}`));
    assert.deepEqual(summary(result), ['debug@4.4.3 prod direct :17 registry', 'ms@2.1.3 prod :33 registry']);
  });
});

describe('npm/package-lock: malformed input', () => {
  const lock = (packages: string) =>
    `{\n  "name": "x",\n  "lockfileVersion": 3,\n  "requires": true,\n  "packages": {\n${packages}\n  }\n}\n`;

  const rejected: { name: string; contents: string; message: string }[] = [
    {
      name: 'invalid JSON: a missing comma, at its line',
      contents: lock('    "": {},\n    "node_modules/a": { "version": "1.0.0" }\n    "node_modules/b": {}'),
      message:
        'package-lock.json:8: invalid JSON (CommaExpected); fix the file or regenerate it with `npm install`',
    },
    {
      name: 'invalid JSON: a trailing comma, which npm rejects too',
      contents: lock('    "node_modules/a": { "version": "1.0.0", },'),
      message:
        'package-lock.json:6: invalid JSON (PropertyNameExpected); fix the file or regenerate it with `npm install`',
    },
    {
      name: 'truncated file',
      contents: '{\n  "lockfileVersion": 3,\n  "packages": {\n    "node_modules/a": {\n',
      message:
        'package-lock.json:5: invalid JSON (CloseBraceExpected); fix the file or regenerate it with `npm install`',
    },
    {
      name: 'neither `packages` nor `dependencies`',
      contents: '{\n  "name": "x",\n  "lockfileVersion": 3,\n  "requires": true\n}\n',
      message:
        'package-lock.json:1: neither `packages` nor `dependencies` found, so this is not an npm lockfile; regenerate it with `npm install`',
    },
    {
      name: 'no lockfileVersion and no entries',
      contents: '{}',
      message:
        'package-lock.json:1: neither `packages` nor `dependencies` found, so this is not an npm lockfile; regenerate it with `npm install`',
    },
    {
      name: 'unknown lockfileVersion',
      contents: '{\n  "name": "x",\n  "lockfileVersion": 4,\n  "packages": {}\n}\n',
      message:
        'package-lock.json:3: unsupported lockfileVersion 4 (versions 1, 2 and 3 are read); regenerate it with npm 7 or later',
    },
    {
      name: 'lockfileVersion of the wrong type',
      contents: '{\n  "name": "x",\n  "lockfileVersion": "3",\n  "packages": {}\n}\n',
      message:
        'package-lock.json:3: lockfileVersion: Invalid input: expected number, received string; regenerate it with `npm install`',
    },
    {
      name: 'a packages entry of the wrong type',
      contents: lock('    "": {},\n    "node_modules/a": {\n      "version": 1\n    }'),
      message:
        'package-lock.json:8: packages["node_modules/a"].version: Invalid input: expected string, received number; regenerate it with `npm install`',
    },
    {
      name: 'a v1 entry of the wrong type, nested',
      contents:
        '{\n  "lockfileVersion": 1,\n  "dependencies": {\n    "a": {\n      "version": "1.0.0",\n      "dependencies": {\n        "b": { "dev": "yes" }\n      }\n    }\n  }\n}\n',
      message:
        'package-lock.json:7: dependencies.a.dependencies.b.dev: Invalid input: expected boolean, received string; regenerate it with `npm install`',
    },
    {
      name: '`packages` that is not a map',
      contents: '{\n  "lockfileVersion": 3,\n  "packages": []\n}\n',
      message:
        'package-lock.json:3: packages: Invalid input: expected object; regenerate it with `npm install`',
    },
    {
      name: 'an entry that is not an object',
      contents: lock('    "": {},\n    "node_modules/a": "1.0.0"'),
      message:
        'package-lock.json:7: packages["node_modules/a"]: Invalid input: expected object, received string; regenerate it with `npm install`',
    },
    {
      name: 'workspaces of the wrong shape',
      contents: lock('    "": {\n      "workspaces": {\n        "packages": "packages/*"\n      }\n    }'),
      message:
        'package-lock.json:7: packages[""].workspaces: Invalid input: expected a list of globs or { "packages": [globs] }; regenerate it with `npm install`',
    },
    {
      name: 'not an object',
      contents: '[\n  1\n]\n',
      message:
        'package-lock.json:1: Invalid input: expected object, received array; regenerate it with `npm install`',
    },
    {
      name: 'brackets nested too deeply for a recursive parser',
      contents: '['.repeat(100_000),
      message:
        'package-lock.json:1: invalid JSON (unterminated or too deeply nested); fix the file or regenerate it with `npm install`',
    },
  ];
  for (const { name, contents, message } of rejected) {
    it(`rejects ${name}`, () => {
      assert.equal(assertRejects(extractor, 'package-lock.json', contents).message, message);
    });
  }

  it('keeps entries without a version, unversioned, and reports them', () => {
    const contents = lock(
      [
        '    "": { "dependencies": { "a": "^1.0.0", "b": "^2.0.0" } },',
        '    "node_modules/a": { "license": "MIT" },',
        '    "node_modules/b": { "version": "2.0.0", "dependencies": { "a": "^1.0.0" } }',
      ].join('\n'),
    );
    const result = extractor.extract(inputFor('package-lock.json', contents));
    assert.deepEqual(summary(result), ['a@ prod direct :7 registry', 'b@2.0.0 prod direct :8 registry']);
    assert.equal(component(result, 'a').purl, 'pkg:npm/a');
    assert.deepEqual(edges(result), { 'pkg:npm/b@2.0.0': ['pkg:npm/a'] });
    assert.deepEqual(result.unresolved, [
      {
        name: 'a',
        line: 7,
        reason: 'no version in the lockfile entry; regenerate the lockfile with `npm install`',
      },
    ]);
  });

  it('keeps v1 entries without a version, unversioned, and reports them', () => {
    const contents = '{\n  "lockfileVersion": 1,\n  "dependencies": {\n    "a": { "dev": true }\n  }\n}\n';
    const result = extractor.extract(inputFor('package-lock.json', contents));
    assert.deepEqual(summary(result), ['a@ dev direct :4 registry']);
    assert.deepEqual(result.unresolved, [
      {
        name: 'a',
        line: 4,
        reason: 'no version in the lockfile entry; regenerate the lockfile with `npm install`',
      },
    ]);
  });

  it('reports a link without a target and a link whose folder has no entry', () => {
    const contents = lock(
      [
        '    "": { "dependencies": { "a": "file:../a", "b": "file:./b" } },',
        '    "node_modules/a": { "link": true },',
        '    "node_modules/b": { "resolved": "b", "link": true }',
      ].join('\n'),
    );
    const result = extractor.extract(inputFor('package-lock.json', contents));
    assert.deepEqual(summary(result), ['b@ prod direct :8 path']);
    assert.deepEqual(result.unresolved, [
      {
        name: 'a',
        line: 7,
        reason: 'link entry without `resolved`; regenerate the lockfile with `npm install`',
      },
    ]);
  });

  it('skips keys nested deeper than any install, without walking them', () => {
    const deep = `node_modules/a${'/node_modules/a'.repeat(250)}`;
    const contents = lock(
      `    "node_modules/a": { "version": "1.0.0" },\n    "${deep}": { "version": "2.0.0" }`,
    );
    const result = extractor.extract(inputFor('package-lock.json', contents));
    assert.deepEqual(summary(result), ['a@1.0.0 prod direct :6 registry']);
    assert.deepEqual(result.unresolved, [
      { name: 'a', line: 7, reason: 'nested deeper than 400 path segments; skipped' },
    ]);
  });

  it('stops at a bounded depth in a deeply nested v1 tree, in linear time', () => {
    const levels = 20_000;
    const contents = `{"lockfileVersion":1,"dependencies":${'{"a":{"version":"1.0.0","dependencies":'.repeat(levels)}{}${'}}'.repeat(levels)}}`;
    const started = performance.now();
    const result = extractor.extract(inputFor('package-lock.json', contents));
    assert.ok(performance.now() - started < 5_000, 'quadratic in the depth');
    assert.deepEqual(summary(result), ['a@1.0.0 prod direct :1 registry']);
    assert.deepEqual(result.unresolved, [
      { name: 'a', line: 1, reason: 'nested deeper than 400 path segments; skipped' },
    ]);
  });

  it('ignores dependency maps that are not objects', () => {
    const contents = lock(
      [
        '    "": { "dependencies": ["a"] },',
        '    "node_modules/a": { "version": "1.0.0", "dependencies": "b" },',
        '    "node_modules/b": { "version": "1.0.0" }',
      ].join('\n'),
    );
    const result = extractor.extract(inputFor('package-lock.json', contents));
    assert.deepEqual(summary(result), ['a@1.0.0 prod :7 registry', 'b@1.0.0 prod :8 registry']);
    assert.deepEqual(edges(result), {});
  });
});
