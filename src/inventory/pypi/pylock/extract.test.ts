import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { assertRejects, extractFixture, inputFor } from '../../testing.ts';
import { edges, rows } from '../testkit.ts';
import { extractor } from './index.ts';

const testdata = join(dirname(fileURLToPath(import.meta.url)), 'testdata');
const LOCK = readFileSync(join(testdata, 'pylock.toml'), 'utf8');
const REMEDY =
  'regenerate it with the tool that wrote it (`pip lock`, `uv export --format pylock.toml`, `pdm export`)';

describe('pypi/pylock', () => {
  it('extracts packages, scopes from markers and direct dependencies from pyproject.toml', () => {
    const result = extractFixture(extractor, testdata, 'pylock.toml');
    assert.deepEqual(rows(result), [
      'amqp@5.0.6 prod indirect pylock.toml:10 registry',
      'appdirs@1.4.4 dev indirect pylock.toml:18 registry',
      'asgiref@3.3.4 prod indirect pylock.toml:26 registry',
      'atomicwrites@1.4.0 dev indirect pylock.toml:34 registry',
      'attrs@21.2.0 dev indirect pylock.toml:42 registry',
      'billiard@3.6.4.0 prod indirect pylock.toml:50 registry',
      'black@20.8b1 dev direct pylock.toml:57 registry',
      'celery@5.0.5 prod direct pylock.toml:66 registry',
      'certifi@2020.12.5 prod indirect pylock.toml:74 registry',
      'chardet@3.0.4 prod indirect pylock.toml:81 registry',
      'click-didyoumean@0.0.3 prod indirect pylock.toml:95 registry',
      'click-plugins@1.1.1 prod indirect pylock.toml:103 registry',
      'click-repl@0.1.6 prod indirect pylock.toml:111 registry',
      'click@7.1.2 prod indirect pylock.toml:88 registry',
      'colorama@0.4.4 dev indirect pylock.toml:119 registry',
      'coverage@5.5 dev direct pylock.toml:127 registry',
      'django-storages@1.11.1 prod direct pylock.toml:144 git',
      'django@3.2.0 prod direct pylock.toml:136 registry',
      'djangorestframework@3.11.0 prod direct pylock.toml:155 registry',
      'gunicorn@20.0.4 prod direct pylock.toml:163 registry',
      'idna@2.7 prod indirect pylock.toml:170 registry',
      'importlib-metadata@4.0.1 prod indirect pylock.toml:177 registry',
      'iniconfig@1.1.1 dev indirect pylock.toml:186 registry',
      'jinja2@2.10 prod direct pylock.toml:194 registry',
      'kombu@5.0.2 prod indirect pylock.toml:202 registry',
      'legacy-lib@0.9.1 prod direct pylock.toml:425 url',
      'markupsafe@1.1.1 prod indirect pylock.toml:210 registry',
      'mypy-extensions@0.4.3 dev indirect pylock.toml:217 registry',
      'order-core@0.3.0 prod direct pylock.toml:225 path',
      'packaging@20.9 dev indirect pylock.toml:231 registry',
      'pathspec@0.8.1 dev indirect pylock.toml:240 registry',
      'pluggy@0.13.1 dev indirect pylock.toml:248 registry',
      'prompt-toolkit@3.0.18 prod indirect pylock.toml:256 registry',
      'psycopg2-binary@2.8.6 prod direct pylock.toml:264 registry',
      'py@1.10.0 dev indirect pylock.toml:271 registry',
      'pyparsing@2.4.7 dev indirect pylock.toml:279 registry',
      'pysocks@1.7.1 prod indirect pylock.toml:287 registry',
      'pytest-django@4.1.0 dev direct pylock.toml:303 registry',
      'pytest@6.2.2 dev direct pylock.toml:294 registry',
      'pytz@2021.1 prod indirect pylock.toml:312 registry',
      'pyyaml@5.3 prod direct pylock.toml:319 registry',
      'redis@3.5.3 prod indirect pylock.toml:326 registry',
      'regex@2021.4.4 dev indirect pylock.toml:333 registry',
      'requests@2.19.0 prod direct pylock.toml:341 registry',
      'sentry-sdk@1.0.0 optional direct pylock.toml:349 registry',
      'six@1.16.0 prod indirect pylock.toml:358 registry',
      'sphinx@3.5.4 dev direct pylock.toml:434 registry',
      'sqlparse@0.4.1 prod indirect pylock.toml:365 registry',
      'toml@0.10.2 dev indirect pylock.toml:372 registry',
      'typed-ast@1.4.3 dev indirect pylock.toml:380 registry',
      'typing-extensions@3.10.0.0 prod indirect pylock.toml:388 registry',
      'urllib3@1.23 prod indirect pylock.toml:396 registry',
      'vine@5.0.0 prod indirect pylock.toml:403 registry',
      'wcwidth@0.2.5 prod indirect pylock.toml:410 registry',
      'zipp@3.4.1 prod indirect pylock.toml:417 registry',
    ]);
    assert.deepEqual(result.root, { name: 'order-service', version: '1.4.0' });
    assert.deepEqual(result.unresolved, []);
  });

  it('draws edges from the dependencies tables', () => {
    const all = edges(extractFixture(extractor, testdata, 'pylock.toml'));
    assert.equal(all.length, 54);
    for (const edge of [
      'requests@2.19.0 -> pysocks@1.7.1',
      'order-core@0.3.0 -> requests@2.19.0',
      'django@3.2.0 -> asgiref@3.3.4',
    ]) {
      assert.ok(all.includes(edge), edge);
    }
  });

  it('records vcs, directory and archive sources', () => {
    const byName = new Map(
      extractFixture(extractor, testdata, 'pylock.toml').components.map((c) => [c.name, c]),
    );
    assert.deepEqual(byName.get('django-storages')?.source, {
      type: 'git',
      url: 'https://github.com/jschneier/django-storages.git',
      ref: '6f6b8f2d0b2b1f9d4e6e7b0b5c2c0b7a9f3c1e2d',
    });
    assert.deepEqual(byName.get('order-core')?.source, { type: 'path', path: 'libs/order-core', link: true });
    assert.deepEqual(byName.get('legacy-lib')?.source, {
      type: 'url',
      url: 'https://downloads.example.com/dist/legacy-lib-0.9.1.tar.gz',
    });
    assert.equal(byName.has('order-service'), false);
  });

  it('matches PEP 751 file names', () => {
    const table: [string, boolean][] = [
      ['pylock.toml', true],
      ['svc/pylock.prod.toml', true],
      ['pylock.a.b.toml', false],
      ['Pylock.toml', false],
      ['pylock.json', false],
    ];
    for (const [path, expected] of table) assert.equal(extractor.matches(path), expected, path);
  });

  it('rejects malformed, truncated and future lockfiles with one-line errors at the line', () => {
    const cases: [string, string][] = [
      [
        LOCK.slice(0, 900),
        `pylock.toml:16: invalid TOML (incomplete key-value: cannot find end of key); ${REMEDY}`,
      ],
      ['', `pylock.toml:1: lock-version: Invalid input: expected string, received undefined; ${REMEDY}`],
      [
        '# next\nlock-version = "2.0"\n',
        `pylock.toml:2: lock-version "2.0" is not supported (1.x is); ${REMEDY}`,
      ],
      [
        'lock-version = "1.0"\n\n[[packages]]\nname = "a"\n\n[[packages]]\nversion = "1"\n',
        `pylock.toml:6: packages[1].name: Invalid input: expected string, received undefined; ${REMEDY}`,
      ],
    ];
    for (const [text, message] of cases) {
      assert.equal(assertRejects(extractor, 'pylock.toml', text).message, message);
    }
  });

  it('without pyproject.toml, claims nothing direct', () => {
    const result = extractor.extract(inputFor('pylock.toml', LOCK));
    assert.equal(result.components.length, 55);
    assert.ok(result.components.every((c) => !c.direct));
  });
});
