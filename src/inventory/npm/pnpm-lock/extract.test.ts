// Fixtures: workspace-*, single-*, sources-* and env-v9 were written by the real pnpm
// (`npx pnpm@7|8|9|12 install --lockfile-only`; sources-* against a local tarball server and git
// repository). hosted-git-* are hand-written in the shapes pnpm 8 and 9 give GitHub dependencies,
// which could not be fetched here.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { ExtractResult } from '../../extractor.ts';
import { assertRejects, extractFixture, inputFor } from '../../testing.ts';
import { extractor } from './index.ts';

const testdata = join(dirname(fileURLToPath(import.meta.url)), 'testdata');
const read = (fixture: string): string => readFileSync(join(testdata, fixture), 'utf8');
const PATH = 'app/pnpm-lock.yaml';

/** `name@version scope [direct] source Lline` per component, in the collector's (purl) order. */
function summary(result: ExtractResult): string[] {
  return result.components.map(
    (c) =>
      `${c.name}@${c.version ?? ''} ${c.scope}${c.direct ? ' direct' : ''} ${c.source.type} L${c.location.line}`,
  );
}

/** `name@version` to the `name@version`s it depends on. */
function edges(result: ExtractResult): Record<string, string[]> {
  const label = new Map(result.components.map((c) => [c.purl, `${c.name}@${c.version ?? ''}`]));
  const out: Record<string, string[]> = {};
  for (const c of result.components) {
    if (c.dependencies.length > 0)
      out[`${c.name}@${c.version ?? ''}`] = c.dependencies.map((d) => label.get(d) ?? d);
  }
  return out;
}

function extractText(text: string, readFile?: (path: string) => string | undefined): ExtractResult {
  return extractor.extract(inputFor(PATH, text, readFile));
}

// The same two-package workspace locked by pnpm 7 (5.4), 8 (6.0) and 9 (9.0): one answer, three layouts.
const WORKSPACE = [
  '@types/node@20.12.7 dev direct registry',
  '@types/prop-types@15.7.15 dev registry',
  '@types/react@18.3.3 dev direct registry',
  'ansi-regex@5.0.1 prod registry',
  'bufferutil@4.0.8 optional direct registry',
  'csstype@3.2.4 dev registry',
  'debug@4.3.4 prod direct registry',
  'emoji-regex@8.0.0 prod registry',
  'is-fullwidth-code-point@3.0.0 prod registry',
  'is-number@7.0.0 prod direct registry',
  'js-tokens@4.0.0 prod registry',
  'local-util@0.1.0 prod direct path',
  'loose-envify@1.4.0 prod registry',
  'ms@2.1.2 prod registry',
  'ms@2.1.3 prod direct registry',
  'node-gyp-build@4.8.4 optional registry',
  'object-assign@4.1.1 prod registry',
  'react-dom@18.3.1 prod direct registry',
  'react@17.0.2 prod direct registry',
  'react@18.3.1 prod direct registry',
  'scheduler@0.23.2 prod registry',
  'string-width@4.2.3 prod direct registry',
  'strip-ansi@6.0.1 prod registry',
  'typescript@5.4.5 dev direct registry',
  'undici-types@5.26.5 dev registry',
  'use-sync-external-store@1.2.2 prod direct registry',
];

const WORKSPACE_LINES: Record<string, number[]> = {
  'workspace-v5': [
    51, 57, 61, 68, 73, 82, 86, 98, 102, 107, 112, 214, 116, 123, 127, 130, 136, 141, 151, 159, 166, 172, 181,
    188, 194, 198,
  ],
  'workspace-v6': [
    67, 73, 77, 84, 89, 98, 102, 114, 118, 123, 128, 231, 132, 139, 143, 146, 153, 158, 168, 176, 183, 189,
    198, 205, 211, 215,
  ],
  'workspace-v9': [
    67, 70, 73, 76, 80, 84, 87, 96, 99, 103, 107, 110, 113, 117, 120, 123, 127, 131, 136, 140, 144, 147, 151,
    155, 160, 163,
  ],
};

const WORKSPACE_EDGES = {
  '@types/node@20.12.7': ['undici-types@5.26.5'],
  '@types/react@18.3.3': ['@types/prop-types@15.7.15', 'csstype@3.2.4'],
  'bufferutil@4.0.8': ['node-gyp-build@4.8.4'],
  'debug@4.3.4': ['ms@2.1.2'],
  'local-util@0.1.0': ['ms@2.1.3'],
  'loose-envify@1.4.0': ['js-tokens@4.0.0'],
  'react-dom@18.3.1': ['loose-envify@1.4.0', 'react@18.3.1', 'scheduler@0.23.2'],
  'react@17.0.2': ['loose-envify@1.4.0', 'object-assign@4.1.1'],
  'react@18.3.1': ['loose-envify@1.4.0'],
  'scheduler@0.23.2': ['loose-envify@1.4.0'],
  'string-width@4.2.3': ['emoji-regex@8.0.0', 'is-fullwidth-code-point@3.0.0', 'strip-ansi@6.0.1'],
  'strip-ansi@6.0.1': ['ansi-regex@5.0.1'],
  // Two peer variants (react 17 and react 18) of one package: one component, the edges of both.
  'use-sync-external-store@1.2.2': ['react@17.0.2', 'react@18.3.1'],
};

interface Case {
  fixture: string;
  components: string[];
  edges: Record<string, string[]>;
  root?: { name: string; version?: string };
}

const CASES: Case[] = [
  ...Object.entries(WORKSPACE_LINES).map(([dir, lines]) => ({
    fixture: `${dir}/pnpm-lock.yaml`,
    components: WORKSPACE.map((c, i) => `${c} L${lines[i]}`),
    edges: WORKSPACE_EDGES,
    root: { name: 'shop', version: '1.0.0' },
  })),
  // A single project: 5.x and 6.x put its groups at the top level. The alias `colors-alias` is picocolors.
  // pnpm 7 and 8 flag supports-color `dev: false` (debug depends on it as a resolved peer), pnpm 9+ optional.
  ...[
    ['single-v5', [21, 34, 39, 44, 48, 52]],
    ['single-v6', [27, 40, 46, 51, 55, 59]],
  ].map(([dir, lines]) => ({
    fixture: `${dir}/pnpm-lock.yaml`,
    components: [
      'debug@4.4.3 prod direct registry',
      'has-flag@4.0.0 prod registry',
      'is-number@7.0.0 dev direct registry',
      'ms@2.1.3 prod registry',
      'picocolors@1.0.0 prod direct registry',
      'supports-color@7.2.0 prod direct registry',
    ].map((c, i) => `${c} L${(lines as number[])[i]}`),
    edges: {
      'debug@4.4.3': ['ms@2.1.3', 'supports-color@7.2.0'],
      'supports-color@7.2.0': ['has-flag@4.0.0'],
    },
    root: { name: 'cli-tool', version: '2.1.0' },
  })),
  {
    // pnpm 12: an env document (config dependencies) before the project's document.
    fixture: 'env-v9/pnpm-lock.yaml',
    components: [
      'debug@4.4.3 prod direct registry L49',
      'has-flag@4.0.0 optional registry L58',
      'is-number@7.0.0 dev direct registry L62',
      'left-pad@1.3.0 dev direct registry L14',
      'ms@2.1.3 prod registry L66',
      'picocolors@1.0.0 prod direct registry L69',
      'supports-color@7.2.0 optional direct registry L72',
    ],
    edges: {
      'debug@4.4.3': ['ms@2.1.3', 'supports-color@7.2.0'],
      'supports-color@7.2.0': ['has-flag@4.0.0'],
    },
    root: { name: 'cli-tool', version: '2.1.0' },
  },
  ...[
    ['sources-v5', [15, 33, 19, 27]],
    ['sources-v6', [20, 38, 24, 32]],
    ['sources-v9', [23, 26, 30, 34]],
  ].map(([dir, lines]) => ({
    fixture: `${dir}/pnpm-lock.yaml`,
    components: [
      'ms@2.1.3 prod registry',
      'my-lib@2.0.1 prod direct git',
      'remote-pkg@1.4.0 prod direct url',
      'vendored@2.0.0 prod direct path',
    ].map((c, i) => `${c} L${(lines as number[])[i]}`),
    edges: { 'my-lib@2.0.1': ['remote-pkg@1.4.0'], 'remote-pkg@1.4.0': ['ms@2.1.3'] },
    root: { name: 'sources-demo', version: '0.3.0' },
  })),
  {
    fixture: 'hosted-git-v6/pnpm-lock.yaml',
    components: [
      'ci-info@2.0.0 prod direct git L40',
      'dashboard-icons@1.0.0 prod direct git L34',
      'is-number@6.0.0 dev registry L22',
      'is-odd@3.0.1 dev direct registry L27',
    ],
    edges: { 'is-odd@3.0.1': ['is-number@6.0.0'] },
  },
  {
    fixture: 'hosted-git-v9/pnpm-lock.yaml',
    components: ['ci-info@2.0.0 prod direct git L21', 'lodash@4.17.21 dev direct git L25'],
    edges: {},
  },
];

describe('npm/pnpm-lock fixtures', () => {
  for (const c of CASES) {
    it(c.fixture, () => {
      const result = extractFixture(extractor, testdata, c.fixture);
      assert.deepEqual(summary(result), c.components);
      assert.deepEqual(edges(result), c.edges);
      assert.deepEqual(result.unresolved, []);
      assert.deepEqual(result.root, c.root);
    });
  }

  it('points every component at its packages key line', () => {
    for (const c of CASES) {
      const lines = read(c.fixture).split('\n');
      for (const component of extractFixture(extractor, testdata, c.fixture).components) {
        const line = lines[component.location.line - 1] ?? '';
        assert.match(line, /^ {2}\S.*:( \{\})?$/, `${c.fixture}:${component.location.line}`);
        assert.equal(component.location.path, c.fixture);
      }
    }
  });

  it('leaves workspace links out: they are the project, not third-party components', () => {
    for (const dir of Object.keys(WORKSPACE_LINES)) {
      const names = extractFixture(extractor, testdata, `${dir}/pnpm-lock.yaml`).components.map(
        (c) => c.name,
      );
      assert.ok(!names.includes('@shop/web') && !names.includes('@shop/api'), dir);
    }
  });

  it('merges peer variants by purl and encodes scoped names', () => {
    const purls = extractFixture(extractor, testdata, 'workspace-v6/pnpm-lock.yaml').components.map(
      (c) => c.purl,
    );
    assert.equal(purls.filter((p) => p.startsWith('pkg:npm/use-sync-external-store@')).length, 1);
    assert.ok(purls.includes('pkg:npm/react-dom@18.3.1'));
    assert.ok(purls.includes('pkg:npm/%40types/node@20.12.7'));
  });

  it('records where non-registry packages come from, and keeps them apart by purl', () => {
    for (const dir of ['sources-v5', 'sources-v6', 'sources-v9']) {
      const byName = new Map(
        extractFixture(extractor, testdata, `${dir}/pnpm-lock.yaml`).components.map((c) => [c.name, c]),
      );
      const sha = 'fc7c4b631b672ef7c8a4ebc9cbe209827ada1858';
      assert.deepEqual(byName.get('my-lib')?.source, {
        type: 'git',
        url: 'file://localhost/tmp/pnpmgen/my-lib.git',
        ref: sha,
      });
      assert.equal(
        byName.get('my-lib')?.purl,
        `pkg:npm/my-lib@2.0.1?vcs_url=git%2Bfile%3A%2F%2Flocalhost%2Ftmp%2Fpnpmgen%2Fmy-lib.git%40${sha}`,
      );
      assert.deepEqual(byName.get('remote-pkg')?.source, {
        type: 'url',
        url: 'http://127.0.0.1:18431/remote-pkg-1.4.0.tgz',
      });
      assert.equal(
        byName.get('remote-pkg')?.purl,
        'pkg:npm/remote-pkg@1.4.0?download_url=http%3A%2F%2F127.0.0.1%3A18431%2Fremote-pkg-1.4.0.tgz',
      );
      assert.deepEqual(byName.get('vendored')?.source, {
        type: 'path',
        path: 'vendor/vendored-2.0.0.tgz',
        link: false,
      });
      assert.deepEqual(byName.get('ms')?.source, { type: 'registry' });
    }
    for (const dir of ['hosted-git-v6', 'hosted-git-v9']) {
      const ciInfo = extractFixture(extractor, testdata, `${dir}/pnpm-lock.yaml`).components.find(
        (c) => c.name === 'ci-info',
      );
      assert.deepEqual(ciInfo?.source, {
        type: 'git',
        url: 'https://github.com/watson/ci-info',
        ref: 'f43f6a1cefff47fb361c88cf4b943fdbcaafe540',
      });
    }
  });

  it('reads a `file:` directory version from its package.json when 9.x does not record it', () => {
    const localUtil = (readFile?: (path: string) => string | undefined) =>
      extractText(read('workspace-v9/pnpm-lock.yaml'), readFile).components.find(
        (c) => c.name === 'local-util',
      );
    assert.equal(
      localUtil((p) => (p === 'app/vendor/local-util/package.json' ? '{"version":"0.1.0"}' : undefined))
        ?.version,
      '0.1.0',
    );
    const unversioned = localUtil();
    assert.equal(unversioned?.version, undefined);
    assert.deepEqual(unversioned?.source, { type: 'path', path: 'vendor/local-util', link: false });
  });
});

describe('npm/pnpm-lock edge cases', () => {
  it('reads 5.3 (pnpm 6) like 5.4', () => {
    const v54 = read('single-v5/pnpm-lock.yaml');
    assert.deepEqual(
      summary(extractText(v54.replace('lockfileVersion: 5.4', 'lockfileVersion: 5.3'))),
      summary(extractText(v54)),
    );
  });

  it('names a 5.x entry whose key and fields do not from the dependency pointing at it', () => {
    // pnpm 7's own output for `"my-lib": "git+file:///tmp/pnpmgen/my-lib.git#v2.0.1"`.
    const text = [
      'lockfileVersion: 5.4',
      '',
      'specifiers:',
      '  my-lib: git+file:///tmp/pnpmgen/my-lib.git#v2.0.1',
      '',
      'dependencies:',
      '  my-lib: /tmp/pnpmgen/my-lib/fc7c4b631b672ef7c8a4ebc9cbe209827ada1858',
      '',
      'packages:',
      '',
      '  /tmp/pnpmgen/my-lib/fc7c4b631b672ef7c8a4ebc9cbe209827ada1858:',
      '    resolution: {commit: fc7c4b631b672ef7c8a4ebc9cbe209827ada1858, repo: file:///tmp/pnpmgen/my-lib.git, type: git}',
      '    dev: false',
      '',
    ].join('\n');
    const result = extractText(text);
    assert.deepEqual(summary(result), ['my-lib@ prod direct git L11']);
    assert.deepEqual(result.components[0]?.source, {
      type: 'git',
      url: 'file:///tmp/pnpmgen/my-lib.git',
      ref: 'fc7c4b631b672ef7c8a4ebc9cbe209827ada1858',
    });
  });

  it('follows aliased dependencies of packages in every format', () => {
    // `cliui` depends on `string-width-cjs`, an alias of string-width 4.2.3 (as in @isaacs/cliui).
    const V5 = [
      'lockfileVersion: 5.4',
      'dependencies:',
      '  cliui: 8.0.2',
      'packages:',
      '  /cliui/8.0.2:',
      '    dependencies:',
      '      string-width-cjs: /string-width/4.2.3',
      '  /string-width/4.2.3:',
      '    dev: false',
    ];
    const V6 = [
      "lockfileVersion: '6.0'",
      'dependencies:',
      '  cliui: {specifier: ^8.0.0, version: 8.0.2}',
      'packages:',
      '  /cliui@8.0.2:',
      '    dependencies:',
      '      string-width-cjs: /string-width@4.2.3',
      '  /string-width@4.2.3:',
      '    dev: false',
    ];
    const V9 = [
      "lockfileVersion: '9.0'",
      'importers:',
      '  .:',
      '    dependencies:',
      '      cliui: {specifier: ^8.0.0, version: 8.0.2}',
      'packages:',
      '  cliui@8.0.2: {}',
      '  string-width@4.2.3: {}',
      'snapshots:',
      '  cliui@8.0.2:',
      '    dependencies:',
      '      string-width-cjs: string-width@4.2.3',
      '  string-width@4.2.3: {}',
    ];
    for (const [lines, cliuiLine] of [
      [V5, 5],
      [V6, 5],
      [V9, 7],
    ] as const) {
      const result = extractText(lines.join('\n'));
      assert.deepEqual(summary(result), [
        `cliui@8.0.2 prod direct registry L${cliuiLine}`,
        'string-width@4.2.3 prod registry L8',
      ]);
      assert.deepEqual(edges(result), { 'cliui@8.0.2': ['string-width@4.2.3'] });
    }
  });

  it('reports references the lockfile has no entry for', () => {
    const text = read('single-v6/pnpm-lock.yaml')
      .replace('  /has-flag@4.0.0:', '  /has-flag@9.9.9:')
      .replace('    version: 7.0.0\n', '    version: 7.0.1\n');
    const result = extractText(text);
    assert.deepEqual(result.unresolved, [
      {
        name: 'has-flag@4.0.0',
        line: 59,
        reason: 'needed by /supports-color@7.2.0 but not in the lockfile; regenerate it with `pnpm install`',
      },
      {
        name: 'is-number@7.0.1',
        line: 21,
        reason: "declared but not in the lockfile's packages; regenerate it with `pnpm install`",
      },
    ]);
    assert.ok(summary(result).includes('has-flag@9.9.9 prod registry L40'));
  });

  it('reports a 5.x entry it cannot name', () => {
    const text =
      'lockfileVersion: 5.4\n\npackages:\n\n  example.com/thing/abc:\n    resolution: {tarball: https://example.com/thing.tgz}\n';
    assert.deepEqual(extractText(text).unresolved, [
      {
        name: 'example.com/thing/abc',
        line: 5,
        reason: 'no package name in the key or the entry; regenerate it with `pnpm install`',
      },
    ]);
  });

  it('reads CRLF files, and files with a byte order mark, as plain LF files', () => {
    const text = read('workspace-v9/pnpm-lock.yaml');
    assert.deepEqual(extractText(text.replaceAll('\n', '\r\n')), extractText(text));
    assert.deepEqual(extractText(`\uFEFF${text}`), extractText(text));
  });

  it('gives the same answer when the file leaves the fast YAML subset', () => {
    // A trailing comment and an anchor push the file to the full YAML parser.
    const text = read('workspace-v9/pnpm-lock.yaml');
    const edited = text
      .replace('        version: 4.3.4\n', '        version: 4.3.4 # pinned for the api\n')
      .replace('  autoInstallPeers: true', '  autoInstallPeers: &yes true');
    assert.notEqual(edited, text);
    assert.deepEqual(extractText(edited), extractText(text));
  });

  it('accepts pnpm 12 lockfiles that open with `---` and hold one document', () => {
    const text = read('single-v6/pnpm-lock.yaml');
    assert.deepEqual(
      summary(extractText(`---\n${text}`)),
      summary(extractText(text)).map((s) => s.replace(/L(\d+)$/, (_, n) => `L${Number(n) + 1}`)),
    );
  });
});

describe('npm/pnpm-lock malformed input', () => {
  const v9 = read('workspace-v9/pnpm-lock.yaml');
  const v5 = read('single-v5/pnpm-lock.yaml');
  const REGEN = 'regenerate it with `pnpm install`';
  const INVALID = (line: number, what: string) =>
    `${PATH}:${line}: invalid YAML (${what}); fix it or regenerate it with \`pnpm install\``;
  const ERRORS: [string, string, string][] = [
    ['empty', '', `${PATH}:1: empty file; ${REGEN}`],
    ['only comments', '# nothing\n', `${PATH}:1: no YAML document in the file; ${REGEN}`],
    [
      'truncated inside a flow mapping',
      v9.slice(0, v9.indexOf('sha512-wq0') + 10),
      INVALID(68, 'Flow map in block collection must be sufficiently indented and end with a }'),
    ],
    [
      'tab indentation',
      "lockfileVersion: '9.0'\npackages:\n\tfoo: 1\n",
      INVALID(3, 'Tabs are not allowed as indentation'),
    ],
    ['unterminated quote', "lockfileVersion: '9.0\npackages: {}\n", INVALID(3, "Missing closing 'quote")],
    [
      'duplicate key',
      v9.replace(
        '  ansi-regex@5.0.1:\n',
        '  ansi-regex@5.0.1:\n    resolution: {integrity: x}\n\n  ansi-regex@5.0.1:\n',
      ),
      INVALID(79, 'Map keys must be unique'),
    ],
    [
      'merge conflict',
      v9.replace('  ms@2.1.2:\n', '<<<<<<< HEAD\n  ms@2.1.2:\n=======\n  ms@2.1.1:\n>>>>>>> feature\n'),
      `${PATH}:117: unresolved merge conflict; resolve it, or run \`pnpm install\`, which merges conflicted lockfiles`,
    ],
    [
      'JSON',
      '{"name": "x", "version": "1.0.0"}',
      `${PATH}:1: not a pnpm lockfile (no lockfileVersion); ${REGEN}`,
    ],
    ['a sequence', '- a\n- b\n', `${PATH}:1: not a pnpm lockfile (no lockfileVersion); ${REGEN}`],
    [
      '5 MB of one line',
      'x'.repeat(5_000_000),
      `${PATH}:1: not a pnpm lockfile (no lockfileVersion); ${REGEN}`,
    ],
    [
      'deep nesting',
      '['.repeat(100_000),
      `${PATH}:1: collections nested deeper than 64 levels, which no pnpm lockfile has; fix it or ${REGEN}`,
    ],
    [
      'unsupported version',
      'lockfileVersion: 4\npackages: {}\n',
      `${PATH}:1: unsupported lockfileVersion '4' (5.x, 6.x and 9.x are read); ${REGEN} using pnpm 7 or later`,
    ],
    [
      'a flag of the wrong type',
      v5.replace('    dev: true', '    dev: yes please'),
      `${PATH}:39: malformed packages entry '/is-number/7.0.0' field dev (expected boolean, received string); ${REGEN}`,
    ],
    [
      'packages as a list',
      "lockfileVersion: '9.0'\npackages:\n  - a\n",
      `${PATH}:2: malformed 'packages' (expected mapping); ${REGEN}`,
    ],
  ];
  for (const [name, text, message] of ERRORS) {
    it(name, () => {
      assert.equal(assertRejects(extractor, PATH, text).message, message);
    });
  }

  it('ends every truncation of every fixture in a result or a one-line error', () => {
    for (const c of CASES) {
      const text = read(c.fixture);
      for (let cut = 0; cut < text.length; cut += 97) {
        try {
          assert.ok(Array.isArray(extractText(text.slice(0, cut)).components));
        } catch (error) {
          assert.equal(assertRejects(extractor, PATH, text.slice(0, cut)).message, (error as Error).message);
        }
      }
    }
  });
});

describe('npm/pnpm-lock matches', () => {
  it('matches pnpm-lock.yaml anywhere in the tree, and nothing else', () => {
    assert.ok(extractor.matches('pnpm-lock.yaml'));
    assert.ok(extractor.matches('apps/web/pnpm-lock.yaml'));
    assert.ok(!extractor.matches('pnpm-workspace.yaml'));
    assert.ok(!extractor.matches('node_modules/.pnpm/lock.yaml'));
    assert.ok(!extractor.matches('pnpm-lock.yaml.bak'));
  });
});
