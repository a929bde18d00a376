import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ComponentSource } from '../../../model/index.ts';
import type { Resolution } from './schema.ts';
import { sourceOf, sourceQualifiers } from './sources.ts';

const SHA = '0123456789abcdef0123456789abcdef01234567';

describe('sourceOf', () => {
  const CASES: [string, Resolution | undefined, boolean, ComponentSource][] = [
    ['no resolution', undefined, true, { type: 'registry' }],
    ['an integrity', { integrity: 'sha512-x' }, true, { type: 'registry' }],
    [
      "another registry's tarball",
      { integrity: 'sha512-x', tarball: 'https://npm.corp.example/a/-/a-1.0.0.tgz' },
      true,
      { type: 'registry' },
    ],
    [
      'a tarball URL',
      { tarball: 'https://downloads.example.com/a-1.0.0.tgz' },
      false,
      { type: 'url', url: 'https://downloads.example.com/a-1.0.0.tgz' },
    ],
    [
      'a local tarball',
      { integrity: 'sha512-x', tarball: 'file:vendor/a-1.0.0.tgz' },
      false,
      { type: 'path', path: 'vendor/a-1.0.0.tgz', link: false },
    ],
    [
      'a directory',
      { directory: '../shared', type: 'directory' },
      false,
      { type: 'path', path: '../shared', link: false },
    ],
    [
      'a git repository',
      { commit: SHA, repo: 'git@github.com:o/r.git', type: 'git' },
      false,
      { type: 'git', url: 'git@github.com:o/r.git', ref: SHA },
    ],
    [
      'a GitHub archive',
      { tarball: `https://codeload.github.com/o/r/tar.gz/${SHA}` },
      false,
      { type: 'git', url: 'https://github.com/o/r', ref: SHA },
    ],
    [
      "pnpm 12's gitHosted GitHub archive",
      { gitHosted: true, integrity: 'sha512-x', tarball: `https://codeload.github.com/o/r/tar.gz/${SHA}` },
      false,
      { type: 'git', url: 'https://github.com/o/r', ref: SHA },
    ],
    [
      'a Bitbucket archive',
      { tarball: `https://bitbucket.org/o/r/get/${SHA}.tar.gz` },
      false,
      { type: 'git', url: 'https://bitbucket.org/o/r', ref: SHA },
    ],
    [
      'a GitLab archive',
      { tarball: `https://gitlab.com/api/v4/projects/o%2Fr/repository/archive.tar.gz?sha=${SHA}` },
      false,
      { type: 'git', url: 'https://gitlab.com/o/r', ref: SHA },
    ],
    [
      'another gitHosted archive',
      { gitHosted: true, tarball: 'https://git.example.com/o/r/archive.tgz' },
      false,
      { type: 'git', url: 'https://git.example.com/o/r/archive.tgz' },
    ],
  ];
  for (const [name, resolution, registryKey, source] of CASES) {
    it(name, () => {
      assert.deepEqual(sourceOf(resolution, registryKey), source);
    });
  }
});

describe('sourceQualifiers', () => {
  it('gives git and URL packages a qualifier and registry and path packages none', () => {
    assert.deepEqual(sourceQualifiers({ type: 'git', url: 'https://github.com/o/r', ref: SHA }), {
      vcs_url: `git+https://github.com/o/r@${SHA}`,
    });
    assert.deepEqual(sourceQualifiers({ type: 'git', url: 'git+ssh://git@host/o/r.git' }), {
      vcs_url: 'git+ssh://git@host/o/r.git',
    });
    assert.deepEqual(sourceQualifiers({ type: 'url', url: 'https://x.example/a.tgz' }), {
      download_url: 'https://x.example/a.tgz',
    });
    assert.equal(sourceQualifiers({ type: 'registry' }), undefined);
    assert.equal(sourceQualifiers({ type: 'path', path: 'vendor/a', link: false }), undefined);
  });
});
