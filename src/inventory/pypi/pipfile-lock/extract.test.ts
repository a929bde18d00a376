import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { assertRejects, extractFixture, inputFor } from '../../testing.ts';
import { rows } from '../testkit.ts';
import { extractor } from './index.ts';

const testdata = join(dirname(fileURLToPath(import.meta.url)), 'testdata');
const LOCK = readFileSync(join(testdata, 'Pipfile.lock'), 'utf8');
const REMEDY = 'regenerate it with `pipenv lock`';

describe('pypi/pipfile-lock', () => {
  it('extracts default, develop and custom categories, direct from the Pipfile', () => {
    const result = extractFixture(extractor, testdata, 'Pipfile.lock');
    assert.deepEqual(rows(result), [
      'alabaster@0.7.12 dev indirect Pipfile.lock:377 registry',
      'attrs@20.3.0 dev indirect Pipfile.lock:235 registry',
      'certifi@2020.12.5 prod indirect Pipfile.lock:19 registry',
      'cffi@1.14.4 prod indirect Pipfile.lock:27 registry',
      'chardet@3.0.4 prod indirect Pipfile.lock:41 registry',
      'click@7.1.2 prod indirect Pipfile.lock:49 registry',
      'coverage@5.5 dev direct Pipfile.lock:244 registry',
      'cryptography@3.3.1 prod indirect Pipfile.lock:58 registry',
      'docutils@0.16 dev indirect Pipfile.lock:385 registry',
      'entrypoints@0.3 dev indirect Pipfile.lock:262 registry',
      'flake8@3.7.9 dev direct Pipfile.lock:271 registry',
      'flask-login@ prod direct Pipfile.lock:79 git',
      'flask-sqlalchemy@2.3.2 prod direct Pipfile.lock:83 registry',
      'flask@1.0.2 prod direct Pipfile.lock:71 registry',
      'gunicorn@19.9.0 prod direct Pipfile.lock:91 registry',
      'idna@2.7 prod indirect Pipfile.lock:99 registry',
      'itsdangerous@1.1.0 prod indirect Pipfile.lock:107 registry',
      'jinja2@2.10 prod direct Pipfile.lock:116 registry',
      'legacy-lib@0.9.1 prod direct Pipfile.lock:124 url',
      'markupsafe@1.1.1 prod indirect Pipfile.lock:127 registry',
      'mccabe@0.6.1 dev indirect Pipfile.lock:279 registry',
      'more-itertools@8.6.0 dev indirect Pipfile.lock:287 registry',
      'packaging@20.8 dev indirect Pipfile.lock:296 registry',
      'pluggy@0.13.1 dev indirect Pipfile.lock:305 registry',
      'psycopg2-binary@2.8.6 prod direct Pipfile.lock:138 registry',
      'py@1.10.0 dev indirect Pipfile.lock:314 registry',
      'pycodestyle@2.5.0 dev indirect Pipfile.lock:323 registry',
      'pycparser@2.20 prod indirect Pipfile.lock:150 registry',
      'pyflakes@2.1.1 dev indirect Pipfile.lock:332 registry',
      'pyopenssl@20.0.1 prod indirect Pipfile.lock:159 registry',
      'pyparsing@2.4.7 dev indirect Pipfile.lock:341 registry',
      'pytest@5.4.3 dev direct Pipfile.lock:350 registry',
      'pyyaml@5.3 prod direct Pipfile.lock:168 registry',
      'requests@2.19.0 prod direct Pipfile.lock:184 registry',
      'shop-common@ prod direct Pipfile.lock:195 path',
      'six@1.15.0 prod indirect Pipfile.lock:199 registry',
      'sphinx@3.5.4 dev direct Pipfile.lock:402 registry',
      'sqlalchemy@1.3.0 prod direct Pipfile.lock:208 registry',
      'urllib3@1.23 prod indirect Pipfile.lock:216 registry',
      'wcwidth@0.2.5 dev indirect Pipfile.lock:367 registry',
      'werkzeug@0.14.1 prod indirect Pipfile.lock:225 registry',
    ]);
    assert.deepEqual(result.unresolved, []);
  });

  it('records git, editable path and file sources', () => {
    const byName = new Map(
      extractFixture(extractor, testdata, 'Pipfile.lock').components.map((c) => [c.name, c]),
    );
    assert.deepEqual(byName.get('flask-login')?.source, {
      type: 'git',
      url: 'https://github.com/maxcountryman/flask-login.git',
      ref: 'b5fb8bd2d8fe2ca76a2e5ba5bd7c3d8f3f2d9f31',
    });
    assert.deepEqual(byName.get('shop-common')?.source, {
      type: 'path',
      path: './libs/shop-common',
      link: true,
    });
    assert.deepEqual(byName.get('legacy-lib')?.source, {
      type: 'url',
      url: 'https://downloads.example.com/dist/legacy-lib-0.9.1.tar.gz',
    });
  });

  it('keeps a package listed in several categories once, at its strongest scope', () => {
    const result = extractFixture(extractor, testdata, 'Pipfile.lock');
    const six = result.components.filter((c) => c.name === 'six');
    assert.equal(six.length, 1);
    assert.equal(six[0]?.scope, 'prod');
    assert.equal(result.components.find((c) => c.name === 'jinja2')?.scope, 'prod');
  });

  it('without a Pipfile, claims nothing direct', () => {
    const result = extractor.extract(inputFor('Pipfile.lock', LOCK));
    assert.equal(result.components.length, 41);
    assert.ok(result.components.every((c) => !c.direct));
  });

  it('rejects malformed and truncated lockfiles with one-line errors at the line', () => {
    const cases: [string, string][] = [
      [
        LOCK.slice(0, 3000),
        `Pipfile.lock:68: invalid JSON (UnexpectedEndOfString); fix or regenerate the file`,
      ],
      ['', 'Pipfile.lock:1: invalid JSON (ValueExpected); fix or regenerate the file'],
      [
        '{"default": {}}',
        `Pipfile.lock:1: _meta: Invalid input: expected object, received undefined; ${REMEDY}`,
      ],
      [
        LOCK.replace('"version": "==1.0.2"', '"version": 102'),
        `Pipfile.lock:71: default.flask.version: Invalid input: expected string, received number; ${REMEDY}`,
      ],
      ['[1, 2]', `Pipfile.lock:1: Invalid input: expected object, received array; ${REMEDY}`],
      ['['.repeat(100_000), 'Pipfile.lock:1: nested more than 256 levels deep; not a lockfile'],
    ];
    for (const [text, message] of cases) {
      assert.equal(assertRejects(extractor, 'Pipfile.lock', text).message, message);
    }
  });

  it('reads the version of a non-exact entry as absent', () => {
    const text = JSON.stringify({
      _meta: {},
      default: { flask: { version: '*' }, click: { version: '==7.*' } },
    });
    assert.deepEqual(rows(extractor.extract(inputFor('Pipfile.lock', text))), [
      'click@ prod indirect Pipfile.lock:1 registry',
      'flask@ prod indirect Pipfile.lock:1 registry',
    ]);
  });
});
