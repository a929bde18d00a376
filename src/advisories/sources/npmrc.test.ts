// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} here is .npmrc syntax under test
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { PalisadeError } from '../../model/index.ts';
import {
  authorizationFor,
  DEFAULT_NPM_REGISTRY,
  type Env,
  loadNpmConfig,
  type NpmConfig,
  npmConfigFrom,
  parseNpmrc,
  registryFor,
} from './npmrc.ts';

const PROJECT = `# project settings
registry=https://npm.acme.example/repository/npm-group/
@acme:registry=https://npm.acme.example/repository/npm-private
@Legacy:registry = "https://legacy.example:8443/npm/"
//npm.acme.example/repository/npm-group/:_authToken=\${ACME_TOKEN}
//npm.acme.example/repository/npm-private/:_auth=YWNtZTpzM2NyM3Q=
//legacy.example:8443/npm/:username=ci
//legacy.example:8443/npm/:_password=aHVudGVyMg==
save-exact=true ; inline comments end unquoted values
[section]
registry=https://ignored.example/
`;

const USER = `registry=https://registry.npmjs.org/
//registry.npmjs.org/:_authToken=npm_userToken
@other:registry=https://other.example/
`;

const env = { ACME_TOKEN: 'acme-token-123', HOME: '/home/ci' };

function config(files: { path: string; text: string }[] = [], environment: Env = env): NpmConfig {
  return npmConfigFrom(files, environment);
}

describe('parseNpmrc', () => {
  it('reads keys and values as npm does, with their lines', () => {
    assert.deepEqual(parseNpmrc(PROJECT, env), [
      { key: 'registry', value: 'https://npm.acme.example/repository/npm-group/', line: 2 },
      { key: '@acme:registry', value: 'https://npm.acme.example/repository/npm-private', line: 3 },
      { key: '@Legacy:registry', value: 'https://legacy.example:8443/npm/', line: 4 },
      { key: '//npm.acme.example/repository/npm-group/:_authToken', value: 'acme-token-123', line: 5 },
      { key: '//npm.acme.example/repository/npm-private/:_auth', value: 'YWNtZTpzM2NyM3Q=', line: 6 },
      { key: '//legacy.example:8443/npm/:username', value: 'ci', line: 7 },
      { key: '//legacy.example:8443/npm/:_password', value: 'aHVudGVyMg==', line: 8 },
      { key: 'save-exact', value: 'true', line: 9 },
    ]);
  });

  const values: [string, string][] = [
    ['k=${ACME_TOKEN}', 'acme-token-123'],
    ['k=${MISSING}', '${MISSING}'],
    ['k=${MISSING?}', ''],
    ['k=pre-${ACME_TOKEN}-post', 'pre-acme-token-123-post'],
    ['k=\\${ACME_TOKEN}', '${ACME_TOKEN}'],
    ['k="quoted ; kept # too"', 'quoted ; kept # too'],
    ["k='single'", 'single'],
    ['k=a\\;b # comment', 'a;b'],
    ['k = spaced value ', 'spaced value'],
  ];
  for (const [line, value] of values) {
    it(`reads ${line} as ${JSON.stringify(value)}`, () => {
      assert.deepEqual(parseNpmrc(line, env), [{ key: 'k', value, line: 1 }]);
    });
  }

  it('skips comments, blank lines, flags without a value and arrays', () => {
    assert.deepEqual(parseNpmrc('; c\n# c\n\nflag\nca[]=x\r\nkey=v\r\n', env), [
      { key: 'key', value: 'v', line: 6 },
    ]);
  });

  it('expands variables in keys', () => {
    assert.deepEqual(parseNpmrc('//${HOST}/:_authToken=t', { HOST: 'r.example' }), [
      { key: '//r.example/:_authToken', value: 't', line: 1 },
    ]);
  });
});

describe('npmConfigFrom', () => {
  it('defaults to the public registry without credentials', () => {
    assert.deepEqual(config(), { registry: DEFAULT_NPM_REGISTRY, scopes: {}, credentials: {} });
  });

  it('lets the project .npmrc win over the user one, key by key', () => {
    const c = config([
      { path: '/work/app/.npmrc', text: PROJECT },
      { path: '/home/ci/.npmrc', text: USER },
    ]);
    assert.deepEqual(c, {
      registry: 'https://npm.acme.example/repository/npm-group/',
      scopes: {
        '@acme': 'https://npm.acme.example/repository/npm-private/',
        '@Legacy': 'https://legacy.example:8443/npm/',
        '@other': 'https://other.example/',
      },
      credentials: {
        '//registry.npmjs.org/': { token: 'npm_userToken' },
        '//npm.acme.example/repository/npm-group/': { token: 'acme-token-123' },
        '//npm.acme.example/repository/npm-private/': { auth: 'YWNtZTpzM2NyM3Q=' },
        '//legacy.example:8443/npm/': { username: 'ci', password: 'aHVudGVyMg==' },
      },
    });
  });

  it('lets npm_config_* variables win over the files', () => {
    const c = config([{ path: '/home/ci/.npmrc', text: USER }], {
      npm_config_registry: 'https://mirror.example/npm',
      'npm_config_//mirror.example/npm/:_authToken': 'from-env',
      NPM_CONFIG_EMPTY: '',
    });
    assert.equal(c.registry, 'https://mirror.example/npm/');
    assert.deepEqual(c.credentials['//mirror.example/npm/'], { token: 'from-env' });
  });

  it('rejects a registry that names an unset variable', () => {
    assert.throws(
      () => config([{ path: '/work/app/.npmrc', text: 'registry=https://${REGISTRY_HOST}/npm/' }]),
      (error: unknown) =>
        error instanceof PalisadeError &&
        error.message ===
          "/work/app/.npmrc:1: registry 'https://${REGISTRY_HOST}/npm/' names an unset environment variable; set it or fix the npm configuration",
    );
  });

  it('gives legacy top-level credentials to the default registry', () => {
    const c = config([{ path: '.npmrc', text: 'registry=https://r.example/npm/\n_auth=dXNlcjpwYXNz\n' }]);
    assert.deepEqual(c.credentials, { '//r.example/npm/': { auth: 'dXNlcjpwYXNz' } });
  });

  it('moves credentials out of a registry URL', () => {
    const c = config([{ path: '.npmrc', text: 'registry=https://bob:s%40cret@r.example/npm\n' }]);
    assert.equal(c.registry, 'https://r.example/npm/');
    assert.deepEqual(c.credentials, {
      '//r.example/npm/': { auth: Buffer.from('bob:s@cret').toString('base64') },
    });
  });

  it('rejects a registry that is not an http(s) URL, naming the file and line', () => {
    const cases: [string, string][] = [
      ['file:///srv/npm', 'file:///srv/npm'],
      ['not a url', 'not a url'],
      ['ftp://bob:s3cret@r.example/', 'ftp://***@r.example/'],
    ];
    for (const [value, shown] of cases) {
      assert.throws(
        () => config([{ path: '/work/app/.npmrc', text: `\n@acme:registry=${value}\n` }]),
        (error: unknown) =>
          error instanceof PalisadeError &&
          error.code === 'config' &&
          error.message ===
            `/work/app/.npmrc:2: registry '${shown}' is not an http(s) URL; fix the npm configuration`,
      );
    }
  });
});

describe('registryFor and authorizationFor', () => {
  const c = config([
    { path: '/work/app/.npmrc', text: PROJECT },
    { path: '/home/ci/.npmrc', text: USER },
  ]);

  it('routes scoped packages to their scope registry, others to the default', () => {
    assert.equal(registryFor(c, '@acme/ui-kit'), 'https://npm.acme.example/repository/npm-private/');
    assert.equal(registryFor(c, '@types/node'), 'https://npm.acme.example/repository/npm-group/');
    assert.equal(registryFor(c, 'lodash'), 'https://npm.acme.example/repository/npm-group/');
  });

  const cases: [string, string | undefined][] = [
    [
      'https://npm.acme.example/repository/npm-group/-/npm/v1/security/advisories/bulk',
      'Bearer acme-token-123',
    ],
    [
      'https://npm.acme.example/repository/npm-private/-/npm/v1/security/advisories/bulk',
      'Basic YWNtZTpzM2NyM3Q=',
    ],
    [
      'https://legacy.example:8443/npm/-/npm/v1/security/advisories/bulk',
      `Basic ${Buffer.from('ci:hunter2').toString('base64')}`,
    ],
    ['https://registry.npmjs.org/-/npm/v1/security/advisories/bulk', 'Bearer npm_userToken'],
    // Another path, port or host of the same name never gets these credentials.
    ['https://npm.acme.example/repository/npm-other/-/npm/v1/security/advisories/bulk', undefined],
    ['https://legacy.example/npm/-/npm/v1/security/advisories/bulk', undefined],
    ['https://evil.example/npm.acme.example/repository/npm-group/-/bulk', undefined],
  ];
  for (const [url, header] of cases) {
    it(`sends ${header ?? 'nothing'} to ${url}`, () => {
      assert.equal(authorizationFor(c, url), header);
    });
  }

  it('finds credentials written without the trailing slash', () => {
    const bare = config([{ path: '.npmrc', text: '//r.example/npm:_authToken=t\n' }]);
    assert.equal(
      authorizationFor(bare, 'https://r.example/npm/-/npm/v1/security/advisories/bulk'),
      'Bearer t',
    );
  });
});

describe('loadNpmConfig', () => {
  it('reads the files that exist, project first', () => {
    const dir = mkdtempSync(join(tmpdir(), 'palisade-npmrc-'));
    writeFileSync(join(dir, 'project.npmrc'), '@acme:registry=https://npm.acme.example/\n');
    writeFileSync(
      join(dir, 'user.npmrc'),
      '@acme:registry=https://ignored.example/\nregistry=https://r.example\n',
    );
    const c = loadNpmConfig(
      [join(dir, 'project.npmrc'), join(dir, 'missing.npmrc'), join(dir, 'user.npmrc')],
      {},
    );
    assert.deepEqual(c, {
      registry: 'https://r.example/',
      scopes: { '@acme': 'https://npm.acme.example/' },
      credentials: {},
    });
  });

  it('fails with a config error when a file cannot be read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'palisade-npmrc-'));
    assert.throws(
      () => loadNpmConfig([dir], {}),
      (error: unknown) =>
        error instanceof PalisadeError &&
        error.code === 'config' &&
        error.message.startsWith(`${dir}: cannot read the npm configuration (EISDIR`),
    );
  });
});
