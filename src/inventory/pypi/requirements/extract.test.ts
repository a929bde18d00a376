import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { assertRejects, extractFixture, inputFor } from '../../testing.ts';
import { rows } from '../testkit.ts';
import { scopeOf } from './extract.ts';
import { extractor } from './index.ts';
import { parseRequirementsFile } from './parse.ts';

const testdata = join(dirname(fileURLToPath(import.meta.url)), 'testdata');

const APP = [
  'Django@3.2.0 prod direct requirements.txt:11 registry',
  'Jinja2@2.10 prod direct requirements.txt:16 registry',
  'MarkupSafe@1.1.1 prod direct requirements.txt:17 registry',
  'Pillow@8.1.0 prod direct requirements.txt:26 registry',
  'PyYAML@5.3 prod direct requirements.txt:15 registry',
  'asgiref@3.3.1 prod direct requirements/base.txt:3 registry',
  'backports.zoneinfo@0.2.1 prod direct requirements.txt:24 registry',
  'celery@5.0.5 prod direct constraints.txt:4 registry',
  'certifi@2020.12.5 prod direct requirements/base.txt:7 registry',
  'chardet@3.0.4 prod direct requirements/base.txt:9 registry',
  'cryptography@3.3.1 prod direct requirements.txt:27 registry',
  'django-storages@ prod direct requirements.txt:31 git',
  'django-tenant-utils@ prod direct requirements.txt:30 git',
  'djangorestframework@3.11.0 prod direct requirements.txt:12 registry',
  'flask@1.0.2 prod direct constraints.txt:3 registry',
  'gunicorn@20.0.4 prod direct requirements.txt:18 registry',
  'idna@2.7 prod direct requirements/base.txt:8 registry',
  'importlib-metadata@4.0.1 prod direct requirements.txt:23 registry',
  'internal_auth@2.3.0 prod direct requirements.txt:33 path',
  'legacy-lib@0.9.1 prod direct requirements.txt:34 url',
  'psycopg2-binary@2.8.6 prod direct requirements.txt:19 registry',
  'python-dateutil@2.8.1 prod direct requirements/base.txt:5 registry',
  'pytz@2021.1 prod direct requirements/base.txt:4 registry',
  'pywin32@300 prod direct requirements.txt:25 registry',
  'redis@ prod direct requirements.txt:22 registry',
  'requests@2.19.0 prod direct requirements.txt:13 registry',
  'simplejson@3.17.2 prod direct requirements.txt:32 url',
  'six@1.15.0 prod direct requirements/base.txt:6 registry',
  'sqlparse@0.4.1 prod direct requirements/base.txt:2 registry',
  'urllib3@1.23 prod direct requirements.txt:14 registry',
];

const DEV_ONLY = [
  'black@20.8b1 dev direct requirements-dev.txt:8 registry',
  'coverage@5.5 dev direct requirements-dev.txt:5 registry',
  'django-debug-toolbar@3.2 dev direct requirements-dev.txt:10 registry',
  'factory-boy@3.2.0 dev direct requirements-dev.txt:6 registry',
  'flake8@3.8.4 dev direct requirements-dev.txt:7 registry',
  'mypy@0.812 dev direct requirements-dev.txt:9 registry',
  'pytest-django@4.1.0 dev direct requirements-dev.txt:4 registry',
  'pytest@6.2.2 dev direct requirements-dev.txt:3 registry',
];

const HASHED = [
  ['aiohttp@3.7.3', 7],
  ['async-timeout@3.0.1', 11],
  ['attrs@20.3.0', 15],
  ['certifi@2020.12.5', 19],
  ['cffi@1.14.4', 23],
  ['chardet@3.0.4', 28],
  ['click@7.1.2', 34],
  ['cryptography@3.3.1', 38],
  ['flask@1.1.2', 44],
  ['idna@2.7', 48],
  ['itsdangerous@1.1.0', 54],
  ['jinja2@2.10', 58],
  ['markupsafe@1.1.1', 62],
  ['multidict@5.1.0', 67],
  ['pycparser@2.20', 74],
  ['pyjwt@1.7.1', 78],
  ['pyyaml@5.3', 82],
  ['requests@2.19.0', 87],
  ['six@1.15.0', 91],
  ['typing-extensions@3.7.4.3', 95],
  ['urllib3@1.23', 99],
  ['werkzeug@0.15.3', 103],
  ['yarl@1.6.3', 107],
].map(([nv, line]) => `${nv} prod direct requirements-hashes.txt:${line} registry`);

describe('pypi/requirements', () => {
  const cases: { fixture: string; expected: string[]; unresolved: string[] }[] = [
    {
      fixture: 'requirements.txt',
      expected: APP,
      unresolved: [
        '35 ./libs/order-core: "./libs/order-core" names no package; add "#egg=<name>" or use "<name> @ <url>"',
      ],
    },
    {
      fixture: 'requirements-dev.txt',
      expected: [...APP, ...DEV_ONLY].sort(),
      unresolved: [
        '1 ./libs/order-core: requirements.txt:35: "./libs/order-core" names no package; add "#egg=<name>" or use "<name> @ <url>"',
      ],
    },
    { fixture: 'requirements-hashes.txt', expected: HASHED, unresolved: [] },
    {
      fixture: 'cycle-a-requirements.txt',
      expected: [
        'attrs@20.3.0 prod direct cycle-a-requirements.txt:2 registry',
        'pluggy@0.13.1 prod direct cycle-b-requirements.txt:2 registry',
      ],
      unresolved: [],
    },
    {
      fixture: 'broken-requirements.txt',
      expected: [
        'PyYAML@5.3 prod direct broken-requirements.txt:9 registry',
        'requests@2.19.0 prod direct broken-requirements.txt:2 registry',
      ],
      unresolved: [
        '3 missing.txt: included file missing.txt not found in the scanned tree',
        '4 https://example.com/remote-requirements.txt: remote include https://example.com/remote-requirements.txt is not fetched; vendor the file',
        '5 Django=3.2: invalid version specifier "=3.2" for Django',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: pip's environment variable syntax, verbatim
        '6 simplejson==${SIMPLEJSON_VERSION}: invalid version specifier "==${SIMPLEJSON_VERSION}" for simplejson',
        '7 https://example.com/downloads/archive: "https://example.com/downloads/archive" names no package; add "#egg=<name>" or use "<name> @ <url>"',
        '8 flask[async==2.0.1: unclosed "[" in the extras of flask',
      ],
    },
  ];
  for (const { fixture, expected, unresolved } of cases) {
    it(`extracts ${fixture}`, () => {
      const result = extractFixture(extractor, testdata, fixture);
      assert.deepEqual(rows(result), expected);
      assert.deepEqual(
        result.unresolved.map((u) => `${u.line} ${u.name}: ${u.reason}`),
        unresolved,
      );
      assert.ok(result.components.every((c) => c.dependencies.length === 0));
    });
  }

  it('records VCS, URL and path sources with their purl qualifiers', () => {
    const result = extractFixture(extractor, testdata, 'requirements.txt');
    const byName = new Map(result.components.map((c) => [c.name, c]));
    assert.deepEqual(byName.get('django-tenant-utils')?.source, {
      type: 'git',
      url: 'https://github.com/example-org/django-tenant-utils.git',
      ref: 'v0.4.2',
    });
    assert.equal(
      byName.get('django-storages')?.purl,
      'pkg:pypi/django-storages?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fjschneier%2Fdjango-storages.git%401.11.1',
    );
    assert.deepEqual(byName.get('internal_auth')?.source, {
      type: 'path',
      path: './vendor/internal_auth-2.3.0-py3-none-any.whl',
      link: false,
    });
    assert.deepEqual(byName.get('legacy-lib')?.source, {
      type: 'url',
      url: 'https://downloads.example.com/dist/legacy-lib-0.9.1.tar.gz',
    });
    assert.equal(byName.get('Django')?.purl, 'pkg:pypi/django@3.2.0');
  });

  it('parses pip line syntax: continuations, hashes, extras, markers, options, editables', () => {
    const text = [
      '--index-url https://pypi.org/simple',
      '-i https://mirror.example.com/simple',
      'requests[socks, security]==2.19.0 \\',
      '    --hash=sha256:aaaa \\',
      '    --hash sha256:bbbb',
      '    # via -r requirements.in',
      'pyyaml==5.3 ; python_version < "3.8"  # pinned for CVE triage',
      '# a comment \\',
      'Jinja2 (==2.10)',
      '-e ../shared-lib[tests]',
      '--editable=git+ssh://git@github.com/org/tool.git@0a1b2c3#egg=tool&subdirectory=cli',
      'six===1.15.0 \\',
    ].join('\n');
    const parsed = parseRequirementsFile(text).map((l) =>
      l.kind === 'requirement'
        ? {
            line: l.line,
            name: l.entry.name,
            version: l.entry.version,
            extras: l.entry.extras,
            marker: l.entry.marker,
            hashes: l.entry.hashes,
            editable: l.entry.editable,
            source: l.entry.source.source,
          }
        : l,
    );
    assert.deepEqual(parsed, [
      {
        line: 3,
        name: 'requests',
        version: '2.19.0',
        extras: ['socks', 'security'],
        marker: undefined,
        hashes: ['sha256:aaaa', 'sha256:bbbb'],
        editable: false,
        source: { type: 'registry' },
      },
      {
        line: 7,
        name: 'pyyaml',
        version: '5.3',
        extras: [],
        marker: 'python_version < "3.8"',
        hashes: [],
        editable: false,
        source: { type: 'registry' },
      },
      {
        line: 9,
        name: 'Jinja2',
        version: '2.10',
        extras: [],
        marker: undefined,
        hashes: [],
        editable: false,
        source: { type: 'registry' },
      },
      {
        kind: 'invalid',
        line: 10,
        text: '../shared-lib[tests]',
        reason: '"../shared-lib" names no package; add "#egg=<name>" or use "<name> @ <url>"',
      },
      {
        line: 11,
        name: 'tool',
        version: undefined,
        extras: [],
        marker: undefined,
        hashes: [],
        editable: true,
        source: { type: 'git', url: 'ssh://git@github.com/org/tool.git', ref: '0a1b2c3' },
      },
      {
        line: 12,
        name: 'six',
        version: '1.15.0',
        extras: [],
        marker: undefined,
        hashes: [],
        editable: false,
        source: { type: 'registry' },
      },
    ]);
  });

  it('keeps unpinned and wildcard requirements without a version', () => {
    const text = 'flask\nrequests>=2.0\ndjango==3.2.*\nredis~=3.5\ncelery!=5.0.0,>=4\n';
    const result = extractor.extract(inputFor('requirements.txt', text));
    assert.deepEqual(rows(result), [
      'celery@ prod direct requirements.txt:5 registry',
      'django@ prod direct requirements.txt:3 registry',
      'flask@ prod direct requirements.txt:1 registry',
      'redis@ prod direct requirements.txt:4 registry',
      'requests@ prod direct requirements.txt:2 registry',
    ]);
  });

  it('derives the scope from the words of the file name', () => {
    const table: [string, string][] = [
      ['requirements.txt', 'prod'],
      ['requirements-dev.txt', 'dev'],
      ['requirements_test.txt', 'dev'],
      ['test-requirements.txt', 'dev'],
      ['requirements/tests.txt', 'dev'],
      ['requirements/development.txt', 'dev'],
      ['requirements/production.txt', 'prod'],
      ['requirements-latest.txt', 'prod'],
      ['requirements-devices.txt', 'prod'],
    ];
    for (const [path, scope] of table) assert.equal(scopeOf(path), scope, path);
  });

  it('matches requirements file names only', () => {
    const table: [string, boolean][] = [
      ['requirements.txt', true],
      ['api/requirements-dev.txt', true],
      ['requirements_test.txt', true],
      ['requirements.prod.txt', true],
      ['requirements/base.txt', true],
      ['svc/requirements/docs.txt', true],
      ['dev-requirements.txt', true],
      ['constraints.txt', true],
      ['constraints-py38.txt', true],
      ['requirements.in', false],
      ['notes.txt', false],
      ['docs/requirements.md', false],
      ['myrequirements.txt', false],
    ];
    for (const [path, expected] of table) assert.equal(extractor.matches(path), expected, path);
  });

  it('rejects binary content with a one-line error at the line', () => {
    const error = assertRejects(extractor, 'api/requirements.txt', 'flask==1.0\nrequests==2.0\u0000\u0001\n');
    assert.equal(
      error.message,
      'api/requirements.txt:2: binary content (NUL byte); a requirements file is text',
    );
  });

  it('reports includes outside the scanned tree instead of reading a file of the same name inside it', () => {
    const files: Record<string, string> = { 'shared/requirements.txt': 'django==3.2.0\n' };
    const text =
      '-r ../../shared/requirements.txt\n-c /etc/pip/constraints.txt\n-r ../shared/requirements.txt\n';
    const result = extractor.extract(inputFor('api/requirements.txt', text, (p) => files[p]));
    assert.deepEqual(rows(result), ['django@3.2.0 prod direct shared/requirements.txt:1 registry']);
    assert.deepEqual(result.unresolved, [
      {
        name: '../../shared/requirements.txt',
        line: 1,
        reason: 'included file ../../shared/requirements.txt is outside the scanned tree',
      },
      {
        name: '/etc/pip/constraints.txt',
        line: 2,
        reason: 'included file /etc/pip/constraints.txt is outside the scanned tree',
      },
    ]);
  });

  it('reads option values in every spelling, in linear time', () => {
    const files: Record<string, string> = { 'base.txt': 'six==1.15.0\n', 'pins.txt': 'flask==1.0.2\n' };
    const text = [
      '-rbase.txt',
      '--constraint=pins.txt',
      'flask',
      `--requirement ${' '.repeat(200_000)}\r x`,
    ].join('\n');
    const result = extractor.extract(inputFor('requirements.txt', text, (p) => files[p]));
    assert.deepEqual(rows(result), [
      'flask@1.0.2 prod direct pins.txt:1 registry',
      'six@1.15.0 prod direct base.txt:1 registry',
    ]);
    assert.equal(result.unresolved.length, 1);
  });

  it('handles a truncated file: a dangling continuation still yields its entry', () => {
    const result = extractor.extract(inputFor('requirements.txt', 'django==3.2.0 \\\n    --hash=sha256:ab'));
    assert.deepEqual(rows(result), ['django@3.2.0 prod direct requirements.txt:1 registry']);
  });
});
