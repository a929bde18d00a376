import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { assertRejects, extractFixture, inputFor } from '../../testing.ts';
import { edges, rows } from '../testkit.ts';
import { extractor } from './index.ts';

const testdata = join(dirname(fileURLToPath(import.meta.url)), 'testdata');
const LOCK = readFileSync(join(testdata, 'pdm.lock'), 'utf8');
const REMEDY = 'regenerate it with `pdm lock`';

describe('pypi/pdm-lock', () => {
  it('extracts packages with scopes from groups and direct dependencies from pyproject.toml', () => {
    const result = extractFixture(extractor, testdata, 'pdm.lock');
    assert.deepEqual(rows(result), [
      'asgiref@3.3.4 prod indirect pdm.lock:13 registry',
      'attrs@21.2.0 dev indirect pdm.lock:27 registry',
      'certifi@2020.12.5 prod indirect pdm.lock:38 registry',
      'chardet@3.0.4 prod indirect pdm.lock:49 registry',
      'click@7.1.2 prod indirect pdm.lock:60 registry',
      'colorama@0.4.4 dev indirect pdm.lock:71 registry',
      'coverage@5.5 dev indirect pdm.lock:82 registry',
      'django-storages@1.11.1 prod direct pdm.lock:125 git',
      'django@3.2.0 prod indirect pdm.lock:109 registry',
      'flake8@3.8.4 dev direct pdm.lock:138 registry',
      'flask@1.0.2 prod direct pdm.lock:154 registry',
      'idna@2.7 prod indirect pdm.lock:171 registry',
      'iniconfig@1.1.1 dev indirect pdm.lock:182 registry',
      'itsdangerous@1.1.0 prod indirect pdm.lock:193 registry',
      'jinja2@2.10 prod indirect pdm.lock:204 registry',
      'markupsafe@1.1.1 prod indirect pdm.lock:218 registry',
      'mccabe@0.6.1 dev indirect pdm.lock:229 registry',
      'packaging@20.9 dev indirect pdm.lock:240 registry',
      'pluggy@0.13.1 dev indirect pdm.lock:254 registry',
      'py@1.10.0 dev indirect pdm.lock:265 registry',
      'pycodestyle@2.6.0 dev indirect pdm.lock:276 registry',
      'pyflakes@2.2.0 dev indirect pdm.lock:287 registry',
      'pyparsing@2.4.7 dev indirect pdm.lock:298 registry',
      'pysocks@1.7.1 prod indirect pdm.lock:309 registry',
      'pytest-cov@2.11.1 dev direct pdm.lock:341 registry',
      'pytest@6.2.4 dev direct pdm.lock:320 registry',
      'pytz@2021.1 prod indirect pdm.lock:356 registry',
      'pyyaml@5.3 prod direct pdm.lock:367 registry',
      'redis@3.5.3 optional direct pdm.lock:378 registry',
      'requests@2.19.0 prod direct pdm.lock:389 registry',
      'shop-common@0.8.0 prod direct pdm.lock:422 path',
      'sqlalchemy@1.3.24 prod direct pdm.lock:434 registry',
      'sqlparse@0.4.1 prod indirect pdm.lock:445 registry',
      'toml@0.10.2 dev indirect pdm.lock:456 registry',
      'typing-extensions@3.10.0.0 prod indirect pdm.lock:467 registry',
      'urllib3@1.23 prod indirect pdm.lock:478 registry',
      'werkzeug@0.14.1 prod indirect pdm.lock:489 registry',
    ]);
    assert.deepEqual(result.root, { name: 'catalog-api', version: '2.3.1' });
    assert.deepEqual(result.unresolved, []);
  });

  it('parses PEP 508 dependency strings into edges; an extras entry adds its edges to the package', () => {
    assert.deepEqual(edges(extractFixture(extractor, testdata, 'pdm.lock')), [
      'asgiref@3.3.4 -> typing-extensions@3.10.0.0',
      'coverage@5.5 -> toml@0.10.2',
      'django-storages@1.11.1 -> django@3.2.0',
      'django@3.2.0 -> asgiref@3.3.4',
      'django@3.2.0 -> pytz@2021.1',
      'django@3.2.0 -> sqlparse@0.4.1',
      'flake8@3.8.4 -> mccabe@0.6.1',
      'flake8@3.8.4 -> pycodestyle@2.6.0',
      'flake8@3.8.4 -> pyflakes@2.2.0',
      'flask@1.0.2 -> click@7.1.2',
      'flask@1.0.2 -> itsdangerous@1.1.0',
      'flask@1.0.2 -> jinja2@2.10',
      'flask@1.0.2 -> werkzeug@0.14.1',
      'jinja2@2.10 -> markupsafe@1.1.1',
      'packaging@20.9 -> pyparsing@2.4.7',
      'pytest-cov@2.11.1 -> coverage@5.5',
      'pytest-cov@2.11.1 -> pytest@6.2.4',
      'pytest@6.2.4 -> attrs@21.2.0',
      'pytest@6.2.4 -> colorama@0.4.4',
      'pytest@6.2.4 -> iniconfig@1.1.1',
      'pytest@6.2.4 -> packaging@20.9',
      'pytest@6.2.4 -> pluggy@0.13.1',
      'pytest@6.2.4 -> py@1.10.0',
      'pytest@6.2.4 -> toml@0.10.2',
      'requests@2.19.0 -> certifi@2020.12.5',
      'requests@2.19.0 -> chardet@3.0.4',
      'requests@2.19.0 -> idna@2.7',
      'requests@2.19.0 -> pysocks@1.7.1',
      'requests@2.19.0 -> urllib3@1.23',
      'shop-common@0.8.0 -> requests@2.19.0',
    ]);
  });

  it('records git and editable path sources', () => {
    const byName = new Map(
      extractFixture(extractor, testdata, 'pdm.lock').components.map((c) => [c.name, c]),
    );
    assert.deepEqual(byName.get('django-storages')?.source, {
      type: 'git',
      url: 'https://github.com/jschneier/django-storages.git',
      ref: '6f6b8f2d0b2b1f9d4e6e7b0b5c2c0b7a9f3c1e2d',
    });
    assert.deepEqual(byName.get('shop-common')?.source, {
      type: 'path',
      path: './libs/shop-common',
      link: true,
    });
  });

  it('without pyproject.toml, reads every non-default group as development and claims nothing direct', () => {
    const result = extractor.extract(inputFor('pdm.lock', LOCK));
    assert.equal(result.components.length, 37);
    assert.ok(result.components.every((c) => !c.direct));
    assert.equal(result.components.find((c) => c.name === 'redis')?.scope, 'dev');
  });

  it('leaves scope to the graph in locks without groups, and skips the project itself', () => {
    const text = [
      '[metadata]',
      'lock_version = "3.1"',
      '',
      '[[package]]',
      'name = "catalog-api"',
      'version = "2.3.1"',
      'path = "."',
      'editable = true',
      '',
      '[[package]]',
      'name = "flask"',
      'version = "1.0.2"',
      'dependencies = ["click>=5.1"]',
      '',
      '[[package]]',
      'name = "click"',
      'version = "7.1.2"',
      '',
      '[[package]]',
      'name = "pytest"',
      'version = "6.2.4"',
    ].join('\n');
    const pyproject =
      '[project]\nname = "catalog-api"\ndependencies = ["flask"]\n[dependency-groups]\ntest = ["pytest"]\n';
    const result = extractor.extract(
      inputFor('pdm.lock', text, (p) => (p === 'pyproject.toml' ? pyproject : undefined)),
    );
    assert.deepEqual(rows(result), [
      'click@7.1.2 prod indirect pdm.lock:15 registry',
      'flask@1.0.2 prod direct pdm.lock:10 registry',
      'pytest@6.2.4 dev direct pdm.lock:19 registry',
    ]);
  });

  it('rejects malformed and truncated lockfiles with one-line errors at the line', () => {
    const cases: [string, string][] = [
      [
        LOCK.slice(0, 700),
        `pdm.lock:24: invalid TOML (incomplete key-value: cannot find end of key); ${REMEDY}`,
      ],
      [
        '[[package]]\nname = "a"\nversion = "1"\n',
        `pdm.lock:1: metadata: Invalid input: expected object, received undefined; ${REMEDY}`,
      ],
      [
        LOCK.replace('"Jinja2>=2.10",', '2.10,'),
        `pdm.lock:154: package[11].dependencies[0]: Invalid input: expected string, received number; ${REMEDY}`,
      ],
    ];
    for (const [text, message] of cases) {
      assert.equal(assertRejects(extractor, 'pdm.lock', text).message, message);
    }
  });
});
