import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findEntryPoints } from './entry-points.ts';

function entries(files: Record<string, string>, extra: string[] = []) {
  const result = findEntryPoints(Object.keys(files).sort(), (p) => files[p], extra);
  return {
    entries: result.entries.map((e) =>
      e.origin ? `${e.path} <- ${e.origin.path}:${e.origin.line}` : e.path,
    ),
    inferred: result.inferred,
    commands: result.commands.map((c) => `${c.command} <- ${c.origin.path}:${c.origin.line}`),
  };
}

const manifest = (json: object): string => JSON.stringify(json, null, 2);

describe('findEntryPoints', () => {
  it('main, bin (object) and module, each with the package.json line that declares it', () => {
    const files = {
      'package.json': manifest({
        name: 'tool',
        main: './lib/index.js',
        module: 'esm/index.mjs',
        bin: { tool: 'bin/tool.js' },
      }),
      'lib/index.js': '',
      'esm/index.mjs': '',
      'bin/tool.js': '',
    };
    assert.deepEqual(entries(files).entries, [
      'bin/tool.js <- package.json:5',
      'esm/index.mjs <- package.json:4',
      'lib/index.js <- package.json:3',
    ]);
  });

  it('exports: every condition but types, subpath patterns expanded, .d.ts and JSON skipped', () => {
    const files = {
      'package.json': manifest({
        name: 'lib',
        exports: {
          '.': { types: './index.d.ts', import: './index.mjs', require: './index.cjs' },
          './features/*': './features/*.js',
          './package.json': './package.json',
        },
      }),
      'index.mjs': '',
      'index.cjs': '',
      'index.d.ts': '',
      'features/a.js': '',
      'features/b.js': '',
      'features/readme.md': '',
    };
    assert.deepEqual(entries(files).entries, [
      'features/a.js <- package.json:3',
      'features/b.js <- package.json:3',
      'index.cjs <- package.json:3',
      'index.mjs <- package.json:3',
    ]);
  });

  it('maps build output to its source: dist/x.js to src/x.ts, lib/ to src/, esm/ dropped', () => {
    const files = {
      'package.json': manifest({ main: 'dist/index.js', bin: 'dist/cli.js', module: 'dist/esm/index.mjs' }),
      'src/index.ts': '',
      'src/cli.ts': '',
      'tsconfig.json': '{}',
    };
    assert.deepEqual(entries(files).entries, [
      'src/cli.ts <- package.json:3',
      'src/index.ts <- package.json:2',
    ]);
  });

  it('a string bin, a directory main, and the files start scripts run', () => {
    const files = {
      'package.json': manifest({
        name: '@acme/server',
        main: 'app',
        bin: './cli',
        scripts: {
          start: 'NODE_ENV=production node --enable-source-maps server/boot.js && pm2-runtime worker.js',
          dev: 'nodemon dev.js',
        },
        dependencies: { 'pm2-runtime': '1.0.0' },
      }),
      'app/index.js': '',
      cli: '',
      'server/boot.js': '',
      'worker.js': '',
      'dev.js': '',
    };
    const result = entries(files);
    assert.deepEqual(result.entries, [
      'app/index.js <- package.json:3',
      'cli <- package.json:4',
      'server/boot.js <- package.json:6',
      'worker.js <- package.json:6',
    ]);
    assert.deepEqual(result.commands, ['pm2-runtime <- package.json:6']);
  });

  it('workspaces: each package of the globs contributes its entry points', () => {
    const files = {
      'package.json': manifest({ private: true, workspaces: { packages: ['apps/*', 'libs/**'] } }),
      'apps/web/package.json': manifest({ name: 'web', main: 'server.js' }),
      'apps/web/server.js': '',
      'libs/core/package.json': manifest({ name: 'core', exports: './src/index.ts' }),
      'libs/core/src/index.ts': '',
      'tools/package.json': manifest({ name: 'tools', main: 'x.js' }),
      'tools/x.js': '',
    };
    assert.deepEqual(entries(files).entries, [
      'apps/web/server.js <- apps/web/package.json:3',
      'libs/core/src/index.ts <- libs/core/package.json:3',
    ]);
  });

  it('configured entry points: exact paths (with source mapping) and globs', () => {
    const files = {
      'package.json': manifest({ main: 'index.js' }),
      'index.js': '',
      'jobs/a.ts': '',
      'jobs/b.ts': '',
      'jobs/b.test.ts': '',
    };
    assert.deepEqual(entries(files, ['jobs/*.ts', './index']).entries, [
      'index.js <- package.json:2',
      'jobs/a.ts',
      'jobs/b.test.ts',
      'jobs/b.ts',
    ]);
  });

  it('nothing declared: every source file except tests, configs, fixtures and type declarations', () => {
    const files = {
      'package.json': manifest({ name: 'next-app', scripts: { dev: 'next dev', start: 'next start' } }),
      'pages/index.tsx': '',
      'lib/db.ts': '',
      'types/env.d.ts': '',
      'next.config.js': '',
      '__tests__/db.test.ts': '',
      'lib/db.spec.ts': '',
      'cypress/e2e/home.cy.ts': '',
      '.eslintrc.js': '',
    };
    const result = entries(files);
    assert.equal(result.inferred, true);
    assert.deepEqual(result.entries, ['lib/db.ts', 'pages/index.tsx']);
    assert.deepEqual(result.commands, ['next <- package.json:5']);
  });

  it('a package.json that is not JSON, or has wrong field types, is ignored field by field', () => {
    assert.equal(entries({ 'package.json': '{"main": ', 'index.js': '' }).inferred, true);
    const odd = entries({
      'package.json': manifest({ main: 42, bin: ['x'], exports: null, scripts: 'start' }),
      'index.js': '',
    });
    assert.deepEqual(odd, { entries: ['index.js'], inferred: true, commands: [] });
  });
});
