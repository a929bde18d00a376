import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { assertRejects, extractFixture, inputFor } from '../../testing.ts';
import { edges, rows } from '../testkit.ts';
import { extractor } from './index.ts';

const testdata = join(dirname(fileURLToPath(import.meta.url)), 'testdata');
const LOCK = readFileSync(join(testdata, 'uv.lock'), 'utf8');
const REMEDY = 'regenerate it with `uv lock`';

describe('pypi/uv-lock', () => {
  it('extracts a workspace lock: members are roots, their dependencies direct, scopes from the graph', () => {
    const result = extractFixture(extractor, testdata, 'uv.lock');
    assert.deepEqual(rows(result), [
      'amqp@5.0.6 prod indirect uv.lock:15 registry',
      'appdirs@1.4.4 dev indirect uv.lock:27 registry',
      'asgiref@3.3.4 prod indirect uv.lock:36 registry',
      'atomicwrites@1.4.0 dev indirect uv.lock:48 registry',
      'attrs@21.2.0 dev indirect uv.lock:57 registry',
      'billiard@3.6.4.0 prod indirect uv.lock:66 registry',
      'black@20.8b1 dev direct uv.lock:75 registry',
      'celery@5.0.5 prod direct uv.lock:94 registry',
      'certifi@2020.12.5 prod indirect uv.lock:118 registry',
      'chardet@3.0.4 prod indirect uv.lock:127 registry',
      'click-didyoumean@0.0.3 prod indirect uv.lock:145 registry',
      'click-plugins@1.1.1 prod indirect uv.lock:157 registry',
      'click-repl@0.1.6 prod indirect uv.lock:169 registry',
      'click@7.1.2 prod indirect uv.lock:136 registry',
      'colorama@0.4.4 dev indirect uv.lock:183 registry',
      'coverage@5.5 dev direct uv.lock:192 registry',
      'django-storages@1.11.1 prod direct uv.lock:220 git',
      'django@3.2.0 prod direct uv.lock:206 registry',
      'djangorestframework@3.11.0 prod direct uv.lock:228 registry',
      'gunicorn@20.0.4 prod direct uv.lock:240 registry',
      'idna@2.7 prod indirect uv.lock:249 registry',
      'importlib-metadata@4.0.1 prod indirect uv.lock:258 registry',
      'iniconfig@1.1.1 dev indirect uv.lock:271 registry',
      'jinja2@2.10 prod direct uv.lock:280 registry',
      'kombu@5.0.2 prod indirect uv.lock:292 registry',
      'markupsafe@1.1.1 prod indirect uv.lock:305 registry',
      'mypy-extensions@0.4.3 dev indirect uv.lock:314 registry',
      'numpy@1.24.4 prod direct uv.lock:323 registry',
      'numpy@2.0.2 prod direct uv.lock:335 registry',
      'packaging@20.9 dev indirect uv.lock:415 registry',
      'pathspec@0.8.1 dev indirect uv.lock:427 registry',
      'pluggy@0.13.1 dev indirect uv.lock:436 registry',
      'prompt-toolkit@3.0.18 prod indirect uv.lock:445 registry',
      'psycopg2-binary@2.8.6 prod direct uv.lock:457 registry',
      'py@1.10.0 dev indirect uv.lock:466 registry',
      'pyparsing@2.4.7 dev indirect uv.lock:475 registry',
      'pysocks@1.7.1 prod indirect uv.lock:484 registry',
      'pytest-django@4.1.0 dev direct uv.lock:512 registry',
      'pytest@6.2.2 dev direct uv.lock:493 registry',
      'pytz@2021.1 prod indirect uv.lock:524 registry',
      'pyyaml@5.3 prod direct uv.lock:533 registry',
      'redis@3.5.3 prod indirect uv.lock:542 registry',
      'regex@2021.4.4 dev indirect uv.lock:551 registry',
      'requests@2.19.0 prod direct uv.lock:560 registry',
      'sentry-sdk@1.0.0 optional direct uv.lock:580 registry',
      'six@1.16.0 prod indirect uv.lock:593 registry',
      'sqlparse@0.4.1 prod indirect uv.lock:602 registry',
      'toml@0.10.2 dev indirect uv.lock:611 registry',
      'typed-ast@1.4.3 dev indirect uv.lock:620 registry',
      'typing-extensions@3.10.0.0 prod indirect uv.lock:629 registry',
      'urllib3@1.23 prod indirect uv.lock:638 registry',
      'vine@5.0.0 prod indirect uv.lock:647 registry',
      'wcwidth@0.2.5 prod indirect uv.lock:656 registry',
      'zipp@3.4.1 prod indirect uv.lock:665 registry',
    ]);
    assert.deepEqual(result.root, { name: 'order-service', version: '1.4.0' });
    assert.deepEqual(result.unresolved, []);
  });

  it('draws edges from dependencies and requested optional dependencies', () => {
    const all = edges(extractFixture(extractor, testdata, 'uv.lock'));
    assert.equal(all.length, 53);
    for (const edge of [
      'requests@2.19.0 -> pysocks@1.7.1',
      'celery@5.0.5 -> redis@3.5.3',
      'coverage@5.5 -> toml@0.10.2',
      'django-storages@1.11.1 -> django@3.2.0',
      'pytest-django@4.1.0 -> pytest@6.2.2',
    ]) {
      assert.ok(all.includes(edge), edge);
    }
  });

  it('records the locked commit of git sources', () => {
    const result = extractFixture(extractor, testdata, 'uv.lock');
    const storages = result.components.find((c) => c.name === 'django-storages');
    assert.deepEqual(storages?.source, {
      type: 'git',
      url: 'https://github.com/jschneier/django-storages.git',
      ref: '6f6b8f2d0b2b1f9d4e6e7b0b5c2c0b7a9f3c1e2d',
    });
    assert.equal(
      storages?.purl,
      'pkg:pypi/django-storages@1.11.1?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fjschneier%2Fdjango-storages.git%406f6b8f2d0b2b1f9d4e6e7b0b5c2c0b7a9f3c1e2d',
    );
  });

  it('resolves same-named packages of resolver forks by version, and reads url, path and directory sources', () => {
    const text = [
      'version = 1',
      'revision = 3',
      '',
      '[[package]]',
      'name = "app"',
      'version = "0.1.0"',
      'source = { virtual = "." }',
      'dependencies = [',
      '    { name = "pandas" },',
      '    { name = "vendored", marker = "sys_platform == \'linux\'" },',
      '    { name = "shared" },',
      ']',
      '',
      '[[package]]',
      'name = "numpy"',
      'version = "1.24.4"',
      'source = { registry = "https://pypi.org/simple" }',
      '',
      '[[package]]',
      'name = "numpy"',
      'version = "2.0.2"',
      'source = { registry = "https://pypi.org/simple" }',
      '',
      '[[package]]',
      'name = "pandas"',
      'version = "2.2.3"',
      'source = { url = "https://files.example.com/pandas-2.2.3-cp312-cp312-manylinux_2_17_x86_64.whl" }',
      'dependencies = [',
      '    { name = "numpy", version = "2.0.2", source = { registry = "https://pypi.org/simple" } },',
      ']',
      '',
      '[[package]]',
      'name = "shared"',
      'version = "0.4.0"',
      'source = { directory = "../shared" }',
      '',
      '[[package]]',
      'name = "vendored"',
      'version = "1.0.0"',
      'source = { path = "wheels/vendored-1.0.0-py3-none-any.whl" }',
    ].join('\n');
    const result = extractor.extract(inputFor('uv.lock', text));
    assert.deepEqual(rows(result), [
      'numpy@1.24.4 prod indirect uv.lock:14 registry',
      'numpy@2.0.2 prod indirect uv.lock:19 registry',
      'pandas@2.2.3 prod direct uv.lock:24 url',
      'shared@0.4.0 prod direct uv.lock:32 path',
      'vendored@1.0.0 prod direct uv.lock:37 path',
    ]);
    assert.deepEqual(edges(result), ['pandas@2.2.3 -> numpy@2.0.2']);
    assert.deepEqual(result.root, { name: 'app', version: '0.1.0' });
  });

  it('takes the direct dependencies of a script lock from [manifest].requirements', () => {
    const text = [
      'version = 1',
      'revision = 2',
      '',
      '[manifest]',
      'requirements = [{ name = "requests", specifier = "==2.19.0" }]',
      '',
      '[[package]]',
      'name = "requests"',
      'version = "2.19.0"',
      'source = { registry = "https://pypi.org/simple" }',
      'dependencies = [{ name = "urllib3" }]',
      '',
      '[[package]]',
      'name = "urllib3"',
      'version = "1.23"',
      'source = { registry = "https://pypi.org/simple" }',
    ].join('\n');
    const result = extractor.extract(inputFor('scripts/uv.lock', text));
    assert.deepEqual(rows(result), [
      'requests@2.19.0 prod direct scripts/uv.lock:7 registry',
      'urllib3@1.23 prod indirect scripts/uv.lock:13 registry',
    ]);
    assert.equal(result.root, undefined);
  });

  it('rejects malformed and truncated lockfiles with one-line errors at the line', () => {
    const cases: [string, string][] = [
      [LOCK.slice(0, 1000), `uv.lock:30: invalid TOML (unfinished string); ${REMEDY}`],
      ['', `uv.lock:1: version: Invalid input: expected number, received undefined; ${REMEDY}`],
      [
        'version = 1\n\n[[package]]\nname = "a"\nversion = "1"\nsource = { registry = "https://pypi.org/simple" }\n\n[[package]]\nname = "b"\nversion = "2"\n',
        `uv.lock:8: package[1].source: Invalid input: expected object, received undefined; ${REMEDY}`,
      ],
      [
        LOCK.replace('[[package]]\nname = "pytz"', '[[package]]\nname = 7'),
        `uv.lock:524: package[41].name: Invalid input: expected string, received number; ${REMEDY}`,
      ],
    ];
    for (const [text, message] of cases) {
      assert.equal(assertRejects(extractor, 'uv.lock', text).message, message);
    }
  });
});
