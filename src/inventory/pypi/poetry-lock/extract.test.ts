import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { assertRejects, extractFixture, inputFor } from '../../testing.ts';
import { edges, rows } from '../testkit.ts';
import { extractor } from './index.ts';

const testdata = join(dirname(fileURLToPath(import.meta.url)), 'testdata');

const CASES: { fixture: string; rows: string[]; root?: { name: string; version?: string } }[] = [
  {
    // Poetry 1.8: no category or groups, scopes from what pyproject.toml's main and dev group reach.
    fixture: 'django-app/poetry.lock',
    root: { name: 'order-service', version: '1.4.0' },
    rows: [
      'amqp@5.0.6 prod indirect django-app/poetry.lock:3 registry',
      'appdirs@1.4.4 dev indirect django-app/poetry.lock:17 registry',
      'asgiref@3.3.4 prod indirect django-app/poetry.lock:28 registry',
      'atomicwrites@1.4.0 dev indirect django-app/poetry.lock:45 registry',
      'attrs@21.2.0 dev indirect django-app/poetry.lock:56 registry',
      'billiard@3.6.4.0 prod indirect django-app/poetry.lock:70 registry',
      'black@20.8b1 dev direct django-app/poetry.lock:81 registry',
      'celery@5.0.5 prod direct django-app/poetry.lock:106 registry',
      'certifi@2020.12.5 prod indirect django-app/poetry.lock:132 registry',
      'chardet@3.0.4 prod indirect django-app/poetry.lock:143 registry',
      'click-didyoumean@0.0.3 prod indirect django-app/poetry.lock:165 registry',
      'click-plugins@1.1.1 prod indirect django-app/poetry.lock:179 registry',
      'click-repl@0.1.6 prod indirect django-app/poetry.lock:196 registry',
      'click@7.1.2 prod indirect django-app/poetry.lock:154 registry',
      'colorama@0.4.4 dev indirect django-app/poetry.lock:212 registry',
      'coverage@5.5 dev direct django-app/poetry.lock:223 registry',
      'django-storages@1.11.1 prod direct django-app/poetry.lock:260 git',
      'django@3.2.0 prod direct django-app/poetry.lock:240 registry',
      'djangorestframework@3.11.0 prod direct django-app/poetry.lock:281 registry',
      'gunicorn@20.0.4 prod direct django-app/poetry.lock:295 registry',
      'idna@2.7 prod indirect django-app/poetry.lock:312 registry',
      'importlib-metadata@4.0.1 prod indirect django-app/poetry.lock:323 registry',
      'iniconfig@1.1.1 dev indirect django-app/poetry.lock:341 registry',
      'jinja2@2.10 prod direct django-app/poetry.lock:352 registry',
      'kombu@5.0.2 prod indirect django-app/poetry.lock:369 registry',
      'markupsafe@1.1.1 prod indirect django-app/poetry.lock:387 registry',
      'mypy-extensions@0.4.3 dev indirect django-app/poetry.lock:398 registry',
      'order-core@0.3.0 prod direct django-app/poetry.lock:409 path',
      'packaging@20.9 dev indirect django-app/poetry.lock:425 registry',
      'pathspec@0.8.1 dev indirect django-app/poetry.lock:439 registry',
      'pluggy@0.13.1 dev indirect django-app/poetry.lock:450 registry',
      'prompt-toolkit@3.0.18 prod indirect django-app/poetry.lock:464 registry',
      'psycopg2-binary@2.8.6 prod direct django-app/poetry.lock:478 registry',
      'py@1.10.0 dev indirect django-app/poetry.lock:489 registry',
      'pyparsing@2.4.7 dev indirect django-app/poetry.lock:500 registry',
      'pysocks@1.7.1 prod indirect django-app/poetry.lock:511 registry',
      'pytest-django@4.1.0 dev direct django-app/poetry.lock:546 registry',
      'pytest@6.2.2 dev direct django-app/poetry.lock:522 registry',
      'pytz@2021.1 prod indirect django-app/poetry.lock:564 registry',
      'pyyaml@5.3 prod direct django-app/poetry.lock:575 registry',
      'redis@3.5.3 prod indirect django-app/poetry.lock:586 registry',
      'regex@2021.4.4 dev indirect django-app/poetry.lock:600 registry',
      'requests@2.19.0 prod direct django-app/poetry.lock:611 registry',
      'sentry-sdk@1.0.0 optional direct django-app/poetry.lock:633 registry',
      'six@1.16.0 prod indirect django-app/poetry.lock:652 registry',
      'sqlparse@0.4.1 prod indirect django-app/poetry.lock:663 registry',
      'toml@0.10.2 dev indirect django-app/poetry.lock:674 registry',
      'typed-ast@1.4.3 dev indirect django-app/poetry.lock:685 registry',
      'typing-extensions@3.10.0.0 prod indirect django-app/poetry.lock:696 registry',
      'urllib3@1.23 prod indirect django-app/poetry.lock:707 registry',
      'vine@5.0.0 prod indirect django-app/poetry.lock:722 registry',
      'wcwidth@0.2.5 prod indirect django-app/poetry.lock:733 registry',
      'zipp@3.4.1 prod indirect django-app/poetry.lock:744 registry',
    ],
  },
  {
    // Poetry 1.1: category per package, hashes under [metadata.files], no pyproject.toml: nothing claimed direct.
    fixture: 'legacy-1.1/poetry.lock',
    rows: [
      'atomicwrites@1.4.0 dev indirect legacy-1.1/poetry.lock:1 registry',
      'attrs@20.3.0 dev indirect legacy-1.1/poetry.lock:9 registry',
      'certifi@2020.12.5 prod indirect legacy-1.1/poetry.lock:20 registry',
      'chardet@3.0.4 prod indirect legacy-1.1/poetry.lock:28 registry',
      'click@7.1.2 prod indirect legacy-1.1/poetry.lock:36 registry',
      'colorama@0.4.4 dev indirect legacy-1.1/poetry.lock:44 registry',
      'entrypoints@0.3 dev indirect legacy-1.1/poetry.lock:52 registry',
      'flake8@3.7.9 dev indirect legacy-1.1/poetry.lock:60 registry',
      'flask-sqlalchemy@2.3.2 prod indirect legacy-1.1/poetry.lock:92 registry',
      'flask@1.0.2 prod indirect legacy-1.1/poetry.lock:74 registry',
      'gunicorn@19.9.0 prod indirect legacy-1.1/poetry.lock:104 registry',
      'idna@2.7 prod indirect legacy-1.1/poetry.lock:117 registry',
      'itsdangerous@1.1.0 prod indirect legacy-1.1/poetry.lock:125 registry',
      'jinja2@2.10 prod indirect legacy-1.1/poetry.lock:133 registry',
      'markupsafe@1.1.1 prod indirect legacy-1.1/poetry.lock:147 registry',
      'mccabe@0.6.1 dev indirect legacy-1.1/poetry.lock:155 registry',
      'more-itertools@8.6.0 dev indirect legacy-1.1/poetry.lock:163 registry',
      'packaging@20.8 dev indirect legacy-1.1/poetry.lock:171 registry',
      'pluggy@0.13.1 dev indirect legacy-1.1/poetry.lock:182 registry',
      'py@1.10.0 dev indirect legacy-1.1/poetry.lock:193 registry',
      'pycodestyle@2.5.0 dev indirect legacy-1.1/poetry.lock:201 registry',
      'pyflakes@2.1.1 dev indirect legacy-1.1/poetry.lock:209 registry',
      'pyparsing@2.4.7 dev indirect legacy-1.1/poetry.lock:217 registry',
      'pytest@5.4.3 dev indirect legacy-1.1/poetry.lock:225 registry',
      'pyyaml@5.3 prod indirect legacy-1.1/poetry.lock:247 registry',
      'requests@2.19.0 prod indirect legacy-1.1/poetry.lock:255 registry',
      'sqlalchemy@1.3.0 prod indirect legacy-1.1/poetry.lock:273 registry',
      'urllib3@1.23 prod indirect legacy-1.1/poetry.lock:286 registry',
      'wcwidth@0.2.5 dev indirect legacy-1.1/poetry.lock:298 registry',
      'werkzeug@0.14.1 prod indirect legacy-1.1/poetry.lock:306 registry',
    ],
  },
  {
    // Poetry 2: groups per package, PEP 621 [project] in pyproject.toml, git/url/private-index sources.
    fixture: 'poetry2/poetry.lock',
    root: { name: 'inventory-api', version: '0.2.0' },
    rows: [
      'attrs@21.2.0 dev indirect poetry2/poetry.lock:3 registry',
      'click@7.1.2 prod indirect poetry2/poetry.lock:15 registry',
      'colorama@0.4.4 prod indirect poetry2/poetry.lock:27 registry',
      'fastapi@0.65.1 prod direct poetry2/poetry.lock:40 registry',
      'h11@0.12.0 prod indirect poetry2/poetry.lock:59 registry',
      'httptools@0.1.2 prod indirect poetry2/poetry.lock:71 registry',
      'iniconfig@1.1.1 dev indirect poetry2/poetry.lock:87 registry',
      'internal-auth@3.1.0 prod direct poetry2/poetry.lock:99 registry',
      'legacy-client@1.2.0 prod direct poetry2/poetry.lock:119 url',
      'packaging@20.9 dev indirect poetry2/poetry.lock:135 registry',
      'pluggy@0.13.1 dev indirect poetry2/poetry.lock:150 registry',
      'py@1.10.0 dev indirect poetry2/poetry.lock:162 registry',
      'pydantic@1.8.2 prod indirect poetry2/poetry.lock:174 registry',
      'pyjwt@1.7.1 prod direct poetry2/poetry.lock:193 registry',
      'pyparsing@2.4.7 dev indirect poetry2/poetry.lock:208 registry',
      'pytest@6.2.4 dev direct poetry2/poetry.lock:220 registry',
      'python-dotenv@0.17.1 prod indirect poetry2/poetry.lock:242 registry',
      'pyyaml@5.3.1 prod direct poetry2/poetry.lock:257 registry',
      'shared-models@2.1.0 prod direct poetry2/poetry.lock:269 git',
      'starlette@0.14.2 prod indirect poetry2/poetry.lock:287 registry',
      'toml@0.10.2 dev indirect poetry2/poetry.lock:302 registry',
      'typing-extensions@3.10.0.0 prod indirect poetry2/poetry.lock:314 registry',
      'urllib3@1.26.4 prod direct poetry2/poetry.lock:326 registry',
      'uvicorn@0.13.4 prod direct poetry2/poetry.lock:343 registry',
      'uvloop@0.15.2 prod indirect poetry2/poetry.lock:369 registry',
      'watchgod@0.7 prod indirect poetry2/poetry.lock:385 registry',
      'websockets@8.1 prod indirect poetry2/poetry.lock:397 registry',
    ],
  },
];

describe('pypi/poetry-lock', () => {
  for (const { fixture, rows: expected, root } of CASES) {
    it(`extracts ${fixture}`, () => {
      const result = extractFixture(extractor, testdata, fixture);
      assert.deepEqual(rows(result), expected);
      assert.deepEqual(result.root, root);
      assert.deepEqual(result.unresolved, []);
    });
  }

  it('draws edges from [package.dependencies] and from requested extras only', () => {
    const result = extractFixture(extractor, testdata, 'django-app/poetry.lock');
    const all = edges(result);
    assert.equal(all.length, 54);
    for (const edge of [
      'requests@2.19.0 -> pysocks@1.7.1', // requests[socks] asked for by pyproject.toml
      'celery@5.0.5 -> redis@3.5.3', // celery[redis]
      'coverage@5.5 -> toml@0.10.2', // coverage[toml]
      'asgiref@3.3.4 -> typing-extensions@3.10.0.0',
      'order-core@0.3.0 -> requests@2.19.0',
    ]) {
      assert.ok(all.includes(edge), edge);
    }
    // Extras nobody asks for are not edges: asgiref[tests] would point at pytest, sentry-sdk[django] at django.
    assert.ok(!all.includes('asgiref@3.3.4 -> pytest@6.2.2'));
    assert.ok(!all.includes('sentry-sdk@1.0.0 -> django@3.2.0'));
    assert.ok(!all.includes('urllib3@1.23 -> pysocks@1.7.1'));
  });

  it('records git, directory, url and private-index sources', () => {
    const byName = (fixture: string) =>
      new Map(extractFixture(extractor, testdata, fixture).components.map((c) => [c.name, c]));
    const django = byName('django-app/poetry.lock');
    assert.deepEqual(django.get('django-storages')?.source, {
      type: 'git',
      url: 'https://github.com/jschneier/django-storages.git',
      ref: '6f6b8f2d0b2b1f9d4e6e7b0b5c2c0b7a9f3c1e2d',
    });
    assert.deepEqual(django.get('order-core')?.source, {
      type: 'path',
      path: '../libs/order-core',
      link: true,
    });
    const poetry2 = byName('poetry2/poetry.lock');
    assert.deepEqual(poetry2.get('legacy-client')?.source, {
      type: 'url',
      url: 'https://files.example.com/legacy_client-1.2.0-py3-none-any.whl',
    });
    assert.deepEqual(poetry2.get('internal-auth')?.source, { type: 'registry' });
    assert.equal(poetry2.get('internal-auth')?.purl, 'pkg:pypi/internal-auth@3.1.0');
  });

  it('without pyproject.toml, takes scopes from groups and claims nothing direct', () => {
    const text = extractFixture(extractor, testdata, 'poetry2/poetry.lock').components.length;
    const alone = extractor.extract(inputFor('poetry.lock', readFixture('poetry2/poetry.lock')));
    assert.equal(alone.components.length, text);
    assert.ok(alone.components.every((c) => !c.direct));
    assert.equal(alone.root, undefined);
    assert.deepEqual(
      alone.components.filter((c) => c.scope === 'dev').map((c) => c.name),
      ['attrs', 'iniconfig', 'packaging', 'pluggy', 'py', 'pyparsing', 'pytest', 'toml'],
    );
  });

  it('reports a pyproject.toml it cannot read and goes on', () => {
    const lock = readFixture('poetry2/poetry.lock');
    const result = extractor.extract(
      inputFor('svc/poetry.lock', lock, (p) =>
        p === 'svc/pyproject.toml' ? '[project\nname = 1' : undefined,
      ),
    );
    assert.equal(result.components.length, 27);
    assert.deepEqual(result.unresolved, [
      {
        name: 'pyproject.toml',
        line: 1,
        reason:
          'svc/pyproject.toml:1: invalid TOML (illegal character in key); direct dependencies are unknown',
      },
    ]);
  });

  it('rejects malformed and truncated lockfiles with one-line errors at the line', () => {
    const lock = readFixture('django-app/poetry.lock');
    const cases: [string, string][] = [
      [
        lock.slice(0, lock.indexOf('[metadata]')),
        'poetry.lock:757: no [metadata] table, the file is incomplete; regenerate it with `poetry lock`',
      ],
      [
        lock.slice(0, 2000),
        'poetry.lock:58: invalid TOML (unfinished string); regenerate it with `poetry lock`',
      ],
      [
        '[[package]]\nname = "django"\ndescription = "x"\n\n[metadata]\n',
        'poetry.lock:1: package[0].version: Invalid input: expected string, received undefined; regenerate it with `poetry lock`',
      ],
      [
        lock.replace('version = "3.2.0"', 'version = 3.2'),
        'poetry.lock:240: package[16].version: Invalid input: expected string, received number; regenerate it with `poetry lock`',
      ],
      [
        'package = "x"\n[metadata]\n',
        'poetry.lock:1: package: Invalid input: expected array, received string; regenerate it with `poetry lock`',
      ],
    ];
    for (const [text, message] of cases) {
      assert.equal(assertRejects(extractor, 'poetry.lock', text).message, message);
    }
  });

  it('extracts an empty lock of a project without dependencies', () => {
    const result = extractor.extract(
      inputFor('poetry.lock', 'package = []\n\n[metadata]\nlock-version = "2.0"\n'),
    );
    assert.deepEqual(result.components, []);
  });
});

function readFixture(name: string): string {
  return readFileSync(join(testdata, name), 'utf8');
}
