import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRequirement, pinnedVersion } from './pep508.ts';
import { artifactNameVersion, uvGitSource, vcsSource, withoutCredentials } from './sources.ts';

describe('parseRequirement', () => {
  const ok: [string, object][] = [
    ['requests', { name: 'requests', extras: [], specifiers: [] }],
    [
      'requests [ security , socks ] >= 2.19 , < 3 ; python_version < "3.8"',
      {
        name: 'requests',
        extras: ['security', 'socks'],
        specifiers: [
          { operator: '>=', version: '2.19' },
          { operator: '<', version: '3' },
        ],
        marker: 'python_version < "3.8"',
      },
    ],
    ['mypy (>=0.800)', { name: 'mypy', extras: [], specifiers: [{ operator: '>=', version: '0.800' }] }],
    [
      'zope.interface===5.4.0',
      { name: 'zope.interface', extras: [], specifiers: [{ operator: '===', version: '5.4.0' }] },
    ],
    [
      'pip @ https://example.com/pip.whl;sha256=abc ; python_version >= "3"',
      {
        name: 'pip',
        extras: [],
        specifiers: [],
        url: 'https://example.com/pip.whl;sha256=abc',
        marker: 'python_version >= "3"',
      },
    ],
    ['name@file:///tmp/x', { name: 'name', extras: [], specifiers: [], url: 'file:///tmp/x' }],
  ];
  for (const [text, value] of ok) {
    it(`parses ${text}`, () => assert.deepEqual(parseRequirement(text), { ok: true, value }));
  }

  const bad: [string, string][] = [
    ['-foo', '"-foo" does not start with a package name'],
    ['foo[bar', 'unclosed "[" in the extras of foo'],
    ['foo[b ar]', 'invalid extras in foo'],
    ['foo =1', 'invalid version specifier "=1" for foo'],
    ['foo >=', 'invalid version specifier ">=" for foo'],
    ['foo==1;', 'empty environment marker after ";" for foo'],
    ['foo @ ', 'invalid URL after "@" for foo'],
    ['foo (>=1', 'invalid version specifier "(>=1" for foo'],
  ];
  for (const [text, reason] of bad) {
    it(`rejects ${text}`, () => assert.deepEqual(parseRequirement(text), { ok: false, reason }));
  }

  it('pins only on == without wildcard and on ===', () => {
    const pin = (text: string) => {
      const parsed = parseRequirement(text);
      return parsed.ok ? pinnedVersion(parsed.value.specifiers) : 'invalid';
    };
    assert.equal(pin('a==1.2.3'), '1.2.3');
    assert.equal(pin('a===1.0-custom'), '1.0-custom');
    assert.equal(pin('a>=1,==1.5'), '1.5');
    assert.equal(pin('a==1.*'), undefined);
    assert.equal(pin('a~=1.2'), undefined);
    assert.equal(pin('a!=1.2'), undefined);
  });
});

describe('sources', () => {
  it('splits pip VCS URLs into repository and ref', () => {
    assert.deepEqual(vcsSource('git+https://github.com/org/repo.git@v1.2#egg=repo').source, {
      type: 'git',
      url: 'https://github.com/org/repo.git',
      ref: 'v1.2',
    });
    assert.deepEqual(vcsSource('git+ssh://git@github.com/org/repo.git').source, {
      type: 'git',
      url: 'ssh://git@github.com/org/repo.git',
    });
    assert.deepEqual(vcsSource('hg+https://hg.example.com/repo@tip#egg=x').source, {
      type: 'url',
      url: 'hg+https://hg.example.com/repo@tip',
    });
  });

  it('reads the locked commit of uv git sources', () => {
    assert.deepEqual(uvGitSource('https://github.com/org/repo?branch=main#0a1b2c').source, {
      type: 'git',
      url: 'https://github.com/org/repo',
      ref: '0a1b2c',
    });
    assert.deepEqual(uvGitSource('https://github.com/org/repo?tag=v1').source, {
      type: 'git',
      url: 'https://github.com/org/repo',
      ref: 'v1',
    });
  });

  it('reads name and version from distribution file names', () => {
    assert.deepEqual(artifactNameVersion('https://x/simplejson-3.17.2-cp38-cp38-manylinux2010_x86_64.whl'), {
      name: 'simplejson',
      version: '3.17.2',
    });
    assert.deepEqual(artifactNameVersion('./dist/python-dateutil-2.8.1.tar.gz'), {
      name: 'python-dateutil',
      version: '2.8.1',
    });
    assert.equal(artifactNameVersion('https://x/archive'), undefined);
    assert.equal(artifactNameVersion('bad.whl'), undefined);
  });

  it('keeps credentials out of recorded URLs', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: PEP 610's environment variable placeholders, verbatim
    const ENV_URL = 'https://${USER}:${TOKEN}@github.com/org/repo.git';
    const table: [string, string][] = [
      ['https://user:s3cret@pypi.example.com/simple/x.whl', 'https://pypi.example.com/simple/x.whl'],
      ['https://ghp_abcdef123456@github.com/org/repo.git', 'https://github.com/org/repo.git'],
      [ENV_URL, ENV_URL],
      ['ssh://git@github.com/org/repo.git', 'ssh://git@github.com/org/repo.git'],
      ['ssh://git:pw@github.com/org/repo.git', 'ssh://github.com/org/repo.git'],
      ['https://github.com/org/repo@v1', 'https://github.com/org/repo@v1'],
    ];
    for (const [url, expected] of table) assert.equal(withoutCredentials(url), expected, url);
    const source = vcsSource('git+https://deploy:glpat-XYZ@gitlab.example.com/org/lib.git@v2#egg=lib');
    assert.deepEqual(source, {
      source: { type: 'git', url: 'https://gitlab.example.com/org/lib.git', ref: 'v2' },
      qualifiers: { vcs_url: 'git+https://gitlab.example.com/org/lib.git@v2' },
    });
  });
});
