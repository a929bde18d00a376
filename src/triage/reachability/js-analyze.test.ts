import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileReader } from './files.ts';
import { analyzeJsReachability } from './js-analyze.ts';
import { TESTDATA } from './testing.ts';
import type { JsReachability, PackageReach } from './types.ts';

function analyze(fixture: string, entryPoints?: string[]): JsReachability {
  const root = join(TESTDATA, fixture);
  return analyzeJsReachability(root, fileReader(root), undefined, entryPoints ? { entryPoints } : {});
}

/** `name@version status followed chain | names` per package, the shape the assertions compare. */
function summary(result: JsReachability): string[] {
  return result.packages.map(describePackage);
}

function describePackage(p: PackageReach): string {
  const chain = p.chain.map((s) => `${s.path}:${s.line}`).join(' > ');
  const names = p.names.map((n) => `${n.name}@${n.path}:${n.line}`).join(',');
  const what = p.status === 'imported' ? chain : p.reason;
  return `${p.name}@${p.version ?? '?'} ${p.status}${p.followed ? ' followed' : ''} ${what}${names ? ` | ${names}` : ''}${p.opaque ? ' | opaque' : ''}`;
}

describe('analyzeJsReachability', () => {
  it('follows an Express app into its installed node_modules, with chains and used names', () => {
    const result = analyze('shop-api');
    assert.deepEqual(result.entryPoints, ['src/server.js']);
    assert.equal(result.entryPointsInferred, false);
    assert.equal(result.nodeModules, true);
    assert.deepEqual(summary(result), [
      'body-parser@1.19.0 imported followed package.json:5 > src/server.js:3 > node_modules/express/index.js:3 > node_modules/express/lib/express.js:3 | json@node_modules/express/lib/express.js:19',
      'cookie@0.4.0 unknown may be loaded by the non-literal require at node_modules/express/lib/view.js:9',
      'express@4.17.1 imported followed package.json:5 > src/server.js:3 | default@src/server.js:7,json@src/server.js:9',
      'jsonwebtoken@8.5.1 imported followed package.json:5 > src/server.js:4 > src/auth.js:3 | sign@src/auth.js:6',
      'jws@3.2.2 imported followed package.json:5 > src/server.js:4 > src/auth.js:3 > node_modules/jsonwebtoken/index.js:2 > node_modules/jsonwebtoken/decode.js:1 | decode@node_modules/jsonwebtoken/decode.js:2,sign@node_modules/jsonwebtoken/sign.js:2,verify@node_modules/jsonwebtoken/verify.js:2',
      'lodash@4.17.15 imported followed package.json:5 > src/server.js:5 > src/routes/reports.js:3 | escape@src/routes/reports.js:8,template@src/routes/reports.js:5',
      'path-to-regexp@0.1.7 imported followed package.json:5 > src/server.js:3 > node_modules/express/index.js:3 > node_modules/express/lib/express.js:5 > node_modules/express/lib/router/index.js:3 > node_modules/express/lib/router/layer.js:3 | default@node_modules/express/lib/router/layer.js:7',
      'pug@3.0.0 unknown named in a string at src/server.js:8; a framework may load it by name',
      'qs@6.7.0 imported followed package.json:5 > src/server.js:3 > node_modules/express/index.js:3 > node_modules/express/lib/express.js:4 > node_modules/express/lib/middleware/query.js:3 | parse@node_modules/express/lib/middleware/query.js:6',
    ]);
    // Never loaded: request (only scripts/seed.js and the tests use it), lodash.once (only a file
    // jsonwebtoken no longer loads requires it), mocha (tests).
    for (const absent of ['request', 'lodash.once', 'mocha']) {
      assert.ok(!result.packages.some((p) => p.name === absent), absent);
    }
    assert.deepEqual(result.dynamic, [
      { path: 'node_modules/express/lib/view.js', line: 9, kind: 'require', package: 'express' },
    ]);
    assert.ok(!result.modules.some((m) => m.path === 'node_modules/express/lib/legacy-cookies.js'));
    assert.deepEqual(result.problems, []);
  });

  it('records the import graph of the modules it reached', () => {
    const result = analyze('shop-api');
    const server = result.modules.find((m) => m.path === 'src/server.js');
    assert.deepEqual(server?.imports, [
      { specifier: 'express', line: 3, target: 'node_modules/express/index.js' },
      { specifier: './auth', line: 4, target: 'src/auth.js' },
      { specifier: './routes/reports', line: 5, target: 'src/routes/reports.js' },
    ]);
    assert.equal(result.modules.find((m) => m.path === 'node_modules/qs/lib/index.js')?.package, 'qs');
  });

  it('without node_modules: direct imports only, deep imports name the export, bin scripts are entries', () => {
    const result = analyze('invoice-worker');
    assert.deepEqual(result.entryPoints, ['bin/invoice-worker', 'index.js']);
    assert.equal(result.nodeModules, false);
    assert.deepEqual(summary(result), [
      'dayjs@? imported package.json:5 > index.js:4 > lib/render.js:3 | default@lib/render.js:9',
      'express@? imported package.json:5 > index.js:3 | default@index.js:7',
      'lodash@? imported package.json:5 > index.js:4 > lib/render.js:5 | template@lib/render.js:5',
    ]);
  });

  it('a non-literal dynamic import makes the other dependencies unknown, never absent', () => {
    const result = analyze('report-gateway');
    assert.deepEqual(summary(result), [
      'dayjs@? imported package.json:5 > src/index.mjs:8 > src/locales/fr.mjs:1 | fr@src/locales/fr.mjs:1',
      'express@? imported package.json:5 > src/index.mjs:1 | default@src/index.mjs:10',
      'mysql2@? unknown may be loaded by the non-literal import at src/index.mjs:5',
      'pg@? unknown may be loaded by the non-literal import at src/index.mjs:5',
    ]);
    // `./locales/${lang}.mjs` loads files under src/locales/: all of them are reached.
    assert.deepEqual(
      result.modules.map((m) => m.path),
      ['src/index.mjs', 'src/locales/en.mjs', 'src/locales/fr.mjs'],
    );
  });

  it('resolves workspaces, exports maps with import conditions, tsconfig paths; erases type imports', () => {
    const result = analyze('acme-monorepo');
    // The workspace's `exports` names dist/index.js, which is build output: its source is the entry.
    assert.deepEqual(result.entryPoints, ['packages/api/src/index.ts']);
    assert.deepEqual(summary(result), [
      'esm-only-dep@1.0.0 imported followed packages/api/package.json:5 > packages/api/src/index.ts:2 > node_modules/fastify-lite/esm/index.mjs:1 | default@node_modules/fastify-lite/esm/index.mjs:4',
      'fastify-lite@1.0.0 imported followed packages/api/package.json:5 > packages/api/src/index.ts:2 | createServer@packages/api/src/index.ts:2',
      'text-kit@2.0.1 imported followed packages/api/package.json:5 > packages/api/src/index.ts:4 > packages/shared/src/greet.ts:2 | capitalize@packages/shared/src/greet.ts:2,case@packages/shared/src/greet.ts:2',
    ]);
    assert.ok(
      result.modules.some((m) => m.path === 'packages/api/src/config.ts'),
      './config.js is config.ts',
    );
  });

  it('takes configured entry points (paths and globs) in addition to declared ones', () => {
    const result = analyze('shop-api', ['scripts/*.js']);
    assert.deepEqual(result.entryPoints, ['scripts/seed.js', 'src/server.js']);
    const request = result.packages.find((p) => p.name === 'request');
    assert.equal(request?.status, 'imported');
    assert.deepEqual(request?.chain, [{ path: 'scripts/seed.js', line: 2 }]);
  });

  it('without a manifest, every production-looking source file is an entry point', () => {
    const files: Record<string, string> = {
      'src/app.js': "require('express');\n",
      'src/app.test.js': "require('mocha');\n",
      'jest.config.js': "require('ts-jest');\n",
      'package.json': '{ not json',
    };
    const result = analyzeJsReachability('/nonexistent', (p) => files[p], Object.keys(files), {
      resolver: { resolve: () => undefined },
    });
    assert.equal(result.entryPointsInferred, true);
    assert.deepEqual(result.entryPoints, ['src/app.js']);
    assert.deepEqual(
      result.packages.map((p) => `${p.name} ${p.status}`),
      ['express imported'],
    );
  });

  it('reports unreadable and unparsable files and treats what they may load as unknown', () => {
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ main: 'index.js', dependencies: { pg: '8.0.0', express: '4.0.0' } }),
      'index.js': "require('./broken');\nrequire('./missing-on-disk');\nrequire('express');\n",
      'broken.js': 'function (',
      'missing-on-disk.js': '',
    };
    const resolver = {
      resolve: (_from: string, specifier: string) =>
        specifier.startsWith('./') ? `/project/${specifier.slice(2)}.js` : undefined,
    };
    const read = (p: string): string | undefined => (p === 'missing-on-disk.js' ? undefined : files[p]);
    const result = analyzeJsReachability('/project', read, Object.keys(files), { resolver });
    assert.equal(result.problems.length, 2);
    assert.match(result.problems[0]!, /^broken\.js: /);
    assert.equal(result.problems[1], 'missing-on-disk.js: cannot be read');
    assert.deepEqual(
      result.packages.map((p) => `${p.name} ${p.status}`),
      ['express imported', 'pg unknown'],
    );
  });
});
