import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type EntrySource, sourceOfResolved, sourceOfV1Spec } from './source.ts';

const REGISTRY: EntrySource = { source: { type: 'registry' } };

describe('sourceOfResolved (v2/v3 `resolved`)', () => {
  const cases: [string | undefined, string, string | undefined, EntrySource][] = [
    [undefined, 'ms', '2.1.3', REGISTRY],
    ['https://registry.npmjs.org/ms/-/ms-2.1.3.tgz', 'ms', '2.1.3', REGISTRY],
    ['https://registry.npmjs.org/@babel/core/-/core-7.23.0.tgz', '@babel/core', '7.23.0', REGISTRY],
    // private registries keep the layout behind their own paths
    [
      'https://acme.jfrog.io/artifactory/api/npm/npm-remote/@acme/ui/-/ui-1.0.0-beta.1.tgz',
      '@acme/ui',
      '1.0.0-beta.1',
      REGISTRY,
    ],
    ['http://verdaccio.internal:4873/left-pad/-/left-pad-1.3.0.tgz?token=x', 'left-pad', '1.3.0', REGISTRY],
    [
      'https://cdn.example.com/builds/left-pad-1.3.0.tgz',
      'left-pad',
      '1.3.0',
      {
        source: { type: 'url', url: 'https://cdn.example.com/builds/left-pad-1.3.0.tgz' },
        qualifiers: { download_url: 'https://cdn.example.com/builds/left-pad-1.3.0.tgz' },
      },
    ],
    // a registry-shaped URL of another version is not this package's registry tarball
    [
      'https://registry.npmjs.org/ms/-/ms-2.0.0.tgz',
      'ms',
      '2.1.3',
      {
        source: { type: 'url', url: 'https://registry.npmjs.org/ms/-/ms-2.0.0.tgz' },
        qualifiers: { download_url: 'https://registry.npmjs.org/ms/-/ms-2.0.0.tgz' },
      },
    ],
    [
      'git+ssh://git@github.com/acme/tool.git#0123abc',
      'tool',
      '1.0.0',
      {
        source: { type: 'git', url: 'git+ssh://git@github.com/acme/tool.git', ref: '0123abc' },
        qualifiers: { vcs_url: 'git+ssh://git@github.com/acme/tool.git@0123abc' },
      },
    ],
    [
      'git+https://gitlab.com/acme/tool.git',
      'tool',
      '1.0.0',
      {
        source: { type: 'git', url: 'git+https://gitlab.com/acme/tool.git' },
        qualifiers: { vcs_url: 'git+https://gitlab.com/acme/tool.git' },
      },
    ],
    [
      'file:vendor/x-1.0.0.tgz',
      'x',
      '1.0.0',
      { source: { type: 'path', path: 'vendor/x-1.0.0.tgz', link: false } },
    ],
  ];
  for (const [resolved, name, version, expected] of cases) {
    it(`${resolved ?? '(none)'}`, () =>
      assert.deepEqual(sourceOfResolved(resolved, name, version), expected));
  }
});

describe('sourceOfV1Spec (v1 `version`)', () => {
  const git = (url: string, ref: string): EntrySource => ({
    source: { type: 'git', url, ref },
    qualifiers: { vcs_url: `${url.startsWith('git+') ? url : `git+${url}`}@${ref}` },
  });
  const cases: [string, EntrySource | undefined][] = [
    ['4.17.21', undefined],
    ['1.0.0-rc.1', undefined],
    ['github:acme/tool#0123abc', git('https://github.com/acme/tool.git', '0123abc')],
    ['gitlab:acme/tool.git#v2', git('https://gitlab.com/acme/tool.git', 'v2')],
    ['bitbucket:acme/tool#0123abc', git('https://bitbucket.org/acme/tool.git', '0123abc')],
    ['acme/tool#0123abc', git('https://github.com/acme/tool.git', '0123abc')],
    ['git+https://github.com/acme/tool.git#0123abc', git('git+https://github.com/acme/tool.git', '0123abc')],
    ['git://github.com/acme/tool.git#v1.2.0', git('git://github.com/acme/tool.git', 'v1.2.0')],
    [
      'git+https://github.com/acme/tool.git#semver:^1.2.0',
      {
        source: { type: 'git', url: 'git+https://github.com/acme/tool.git' },
        qualifiers: { vcs_url: 'git+https://github.com/acme/tool.git' },
      },
    ],
    ['file:../lib', { source: { type: 'path', path: '../lib', link: true } }],
    ['file:vendor/x-1.0.0.tgz', { source: { type: 'path', path: 'vendor/x-1.0.0.tgz', link: false } }],
    [
      'https://cdn.example.com/x.tgz',
      {
        source: { type: 'url', url: 'https://cdn.example.com/x.tgz' },
        qualifiers: { download_url: 'https://cdn.example.com/x.tgz' },
      },
    ],
  ];
  for (const [spec, expected] of cases) {
    it(spec, () => assert.deepEqual(sourceOfV1Spec(spec), expected));
  }
});
