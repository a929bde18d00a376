import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Component, Finding } from '../../model/index.ts';
import { analyzeReachability } from './analyze.ts';
import { applyReachability, PackageVerdicts } from './apply.ts';
import { fileReader, listProjectFiles } from './files.ts';
import { analyzeJsReachability } from './js-analyze.ts';
import { analyzePythonReachability } from './python.ts';
import { component, osvRecord, TESTDATA, vulnerability } from './testing.ts';
import type { ReachabilityAnalysis } from './types.ts';

function jsAnalysis(fixture: string): ReachabilityAnalysis {
  const root = join(TESTDATA, fixture);
  return analyzeJsReachability(root, fileReader(root), undefined, { root: fixture });
}

/** `name@version reachability: evidence` for each finding, in input order. */
function verdicts(findings: readonly Finding[]): string[] {
  return findings.map((f) => {
    const i = f.evidence.indexOf('; reachability: ');
    return `${f.component?.name}@${f.component?.version} ${f.ruleId} ${f.reachability}: ${f.evidence.slice(i + '; reachability: '.length).replace(/^[a-z-]+: /, '')}`;
  });
}

describe('applyReachability on an app with node_modules installed (shop-api)', () => {
  const lock = 'shop-api/package-lock.json';
  const c = (name: string, version: string, options: Parameters<typeof component>[2] = {}): Component =>
    component(name, version, { lockfile: lock, ...options });
  const components = [
    c('express', '4.17.1', {
      direct: true,
      deps: ['body-parser@1.19.0', 'cookie@0.4.0', 'path-to-regexp@0.1.7', 'qs@6.7.0'],
    }),
    c('body-parser', '1.19.0'),
    c('cookie', '0.4.0'),
    c('path-to-regexp', '0.1.7'),
    c('qs', '6.7.0'),
    c('jsonwebtoken', '8.5.1', { direct: true, deps: ['jws@3.2.2', 'lodash.once@4.1.1'] }),
    c('jws', '3.2.2'),
    c('lodash.once', '4.1.1'),
    c('lodash', '4.17.15', { direct: true }),
    c('pug', '3.0.0', { direct: true, deps: ['pug-code-gen@3.0.0'] }),
    c('pug-code-gen', '3.0.0'),
    c('request', '2.88.0', { direct: true, deps: ['tough-cookie@2.4.3'] }),
    c('tough-cookie', '2.4.3'),
    c('mocha', '8.2.1', { direct: true, scope: 'dev', deps: ['minimatch@3.0.4'] }),
    c('minimatch', '3.0.4', { scope: 'dev' }),
  ];
  const byName = (name: string): Component => components.find((x) => x.name === name)!;
  const analyses = [jsAnalysis('shop-api')];

  it('function level: a vulnerable function that is called vs. one that is not', () => {
    const findings = applyReachability(
      [
        vulnerability(byName('lodash'), osvRecord('GHSA-35jh-r3h4-6jhm')),
        vulnerability(byName('lodash'), osvRecord('GHSA-p6mc-m468-83gw')),
        vulnerability(byName('jsonwebtoken'), osvRecord('GHSA-27h2-hvpr-p74q')),
        vulnerability(byName('jsonwebtoken'), osvRecord('GHSA-8cf7-32gw-wr33')),
      ],
      analyses,
      components,
    );
    assert.deepEqual(verdicts(findings), [
      'lodash@4.17.15 GHSA-35jh-r3h4-6jhm function-reachable: template (vulnerable per the advisory and the curated table) used by reachable code (shop-api/package.json:5 > shop-api/src/server.js:5 > shop-api/src/routes/reports.js:3 > lodash > template at shop-api/src/routes/reports.js:5)',
      'lodash@4.17.15 GHSA-p6mc-m468-83gw imported: imported by production code; the vulnerable baseSet, zipObjectDeep (per the advisory and the curated table) are not used (shop-api/package.json:5 > shop-api/src/server.js:5 > shop-api/src/routes/reports.js:3 > lodash)',
      'jsonwebtoken@8.5.1 GHSA-27h2-hvpr-p74q imported: imported by production code; the vulnerable verify (per the curated table) is not used (shop-api/package.json:5 > shop-api/src/server.js:4 > shop-api/src/auth.js:3 > jsonwebtoken)',
      'jsonwebtoken@8.5.1 GHSA-8cf7-32gw-wr33 function-reachable: sign (vulnerable per the curated table) used by reachable code (shop-api/package.json:5 > shop-api/src/server.js:4 > shop-api/src/auth.js:3 > jsonwebtoken > sign at shop-api/src/auth.js:6)',
    ]);
  });

  it('transitive packages follow the installed code: called, loaded dynamically, or never required', () => {
    const findings = applyReachability(
      [
        vulnerability(byName('qs'), osvRecord('GHSA-hrpp-h998-j3pp')),
        vulnerability(byName('cookie'), osvRecord('GHSA-pxg6-pf52-xh8x')),
        vulnerability(byName('tough-cookie'), osvRecord('GHSA-72xf-g2v4-qvf3')),
        vulnerability(byName('request'), 'GHSA-p8p7-x288-28g6'),
        vulnerability(byName('minimatch'), osvRecord('GHSA-f8q6-p94x-37v3')),
      ],
      analyses,
      components,
    );
    assert.deepEqual(verdicts(findings), [
      'qs@6.7.0 GHSA-hrpp-h998-j3pp function-reachable: parse (vulnerable per the curated table) used by reachable code (shop-api/package.json:5 > shop-api/src/server.js:3 > shop-api/node_modules/express/index.js:3 > shop-api/node_modules/express/lib/express.js:4 > shop-api/node_modules/express/lib/middleware/query.js:3 > qs > parse at shop-api/node_modules/express/lib/middleware/query.js:6)',
      'cookie@0.4.0 GHSA-pxg6-pf52-xh8x unknown: may be loaded by the non-literal require at shop-api/node_modules/express/lib/view.js:9',
      'tough-cookie@2.4.3 GHSA-72xf-g2v4-qvf3 unreachable: no installed code reachable from the entry points shop-api/src/server.js requires it',
      'request@2.88.0 GHSA-p8p7-x288-28g6 unreachable: no module reachable from the entry points shop-api/src/server.js imports it',
      'minimatch@3.0.4 GHSA-f8q6-p94x-37v3 unreachable: dev-only: no production module reachable from the entry points shop-api/src/server.js imports it',
    ]);
  });

  it('package level for components without findings; behind an unknown package, unknown', () => {
    const packages = new PackageVerdicts(analyses, components);
    const of = (name: string) => packages.forComponent(byName(name))?.reachability;
    assert.equal(of('lodash.once'), 'unreachable');
    assert.equal(of('jws'), 'imported');
    assert.equal(of('pug'), 'unknown');
    assert.equal(of('pug-code-gen'), 'unknown');
    assert.match(
      packages.forComponent(byName('pug-code-gen'))!.reason,
      /a dependency of pug@3\.0\.0, whose code was not analysed/,
    );
    assert.equal(of('body-parser'), 'imported');
  });

  it('is idempotent: applying twice gives the same evidence', () => {
    const once = applyReachability(
      [vulnerability(byName('qs'), osvRecord('GHSA-hrpp-h998-j3pp'))],
      analyses,
      components,
    );
    assert.deepEqual(applyReachability(once, analyses, components), once);
  });

  it('leaves findings of components no analysis covers unchanged', () => {
    const go = component('golang.org/x/net', 'v0.7.0', { ecosystem: 'Go', lockfile: 'worker/go.mod' });
    const finding = vulnerability(go, 'GO-2023-2102');
    assert.deepEqual(applyReachability([finding], analyses, [...components, go]), [finding]);
  });
});

describe('applyReachability without node_modules (invoice-worker)', () => {
  const lock = 'invoice-worker/package-lock.json';
  const c = (name: string, version: string, options: Parameters<typeof component>[2] = {}): Component =>
    component(name, version, { lockfile: lock, ...options });
  const components = [
    c('express', '4.17.1', { direct: true, deps: ['qs@6.7.0'] }),
    c('qs', '6.7.0'),
    c('request', '2.88.0', { direct: true, deps: ['tough-cookie@2.4.3'] }),
    c('tough-cookie', '2.4.3'),
    c('dayjs', '1.10.4', { direct: true }),
    c('lodash', '4.17.15', { direct: true, scope: 'dev' }),
    c('mocha', '8.2.1', { direct: true, scope: 'dev', deps: ['debug@4.2.0'] }),
    c('debug', '4.2.0', { scope: 'dev' }),
  ];
  const byName = (name: string): Component => components.find((x) => x.name === name)!;

  it('a vulnerable package that is only a devDependency is unreachable; one production code imports is not', () => {
    const findings = applyReachability(
      [
        vulnerability(byName('debug'), osvRecord('GHSA-gxpj-cx7g-858c')),
        vulnerability(byName('lodash'), osvRecord('GHSA-35jh-r3h4-6jhm')),
      ],
      [jsAnalysis('invoice-worker')],
      components,
    );
    assert.deepEqual(verdicts(findings), [
      'debug@4.2.0 GHSA-gxpj-cx7g-858c unreachable: dev-only: no production module reachable from the entry points invoice-worker/bin/invoice-worker, invoice-worker/index.js imports it',
      'lodash@4.17.15 GHSA-35jh-r3h4-6jhm function-reachable: template (vulnerable per the advisory and the curated table) used by reachable code (invoice-worker/package.json:5 > invoice-worker/index.js:4 > invoice-worker/lib/render.js:5 > lodash > template at invoice-worker/lib/render.js:5)',
    ]);
  });

  it('transitive packages are unknown under an imported parent, unreachable under an unreachable one', () => {
    const findings = applyReachability(
      [
        vulnerability(byName('qs'), osvRecord('GHSA-hrpp-h998-j3pp')),
        vulnerability(byName('tough-cookie'), osvRecord('GHSA-72xf-g2v4-qvf3')),
      ],
      [jsAnalysis('invoice-worker')],
      components,
    );
    assert.deepEqual(verdicts(findings), [
      'qs@6.7.0 GHSA-hrpp-h998-j3pp unknown: a dependency of express@4.17.1, whose code was not analysed (not installed or loaded dynamically)',
      'tough-cookie@2.4.3 GHSA-72xf-g2v4-qvf3 unreachable: every package that depends on it is unreachable',
    ]);
  });
});

describe('applyReachability with a non-literal dynamic import (report-gateway)', () => {
  it('yields unknown, never unreachable, for what the import may load and everything below it', () => {
    const lock = 'report-gateway/package-lock.json';
    const components = [
      component('express', '4.17.1', { lockfile: lock, direct: true }),
      component('pg', '8.5.1', { lockfile: lock, direct: true, deps: ['pg-protocol@1.4.0'] }),
      component('pg-protocol', '1.4.0', { lockfile: lock }),
      component('mysql2', '2.2.5', { lockfile: lock, direct: true }),
      component('dayjs', '1.10.4', { lockfile: lock, direct: true }),
    ];
    const packages = new PackageVerdicts([jsAnalysis('report-gateway')], components);
    assert.deepEqual(
      components.map((x) => `${x.name} ${packages.forComponent(x)?.reachability}`),
      ['express imported', 'pg unknown', 'pg-protocol unknown', 'mysql2 unknown', 'dayjs imported'],
    );
    assert.equal(
      packages.forComponent(components[1]!)?.reason,
      'may be loaded by the non-literal import at report-gateway/src/index.mjs:5',
    );
  });
});

describe('applyReachability for Python (order-api)', () => {
  it('imported by production code, dev-only, or unknown (a framework may load what nothing imports)', () => {
    const root = join(TESTDATA, 'order-api');
    const analysis = analyzePythonReachability(fileReader(root), listProjectFiles(root), {
      root: 'order-api',
    });
    const prod = (name: string, version: string): Component =>
      component(name, version, { ecosystem: 'PyPI', lockfile: 'order-api/requirements.txt', direct: true });
    const dev = (name: string, version: string): Component =>
      component(name, version, {
        ecosystem: 'PyPI',
        lockfile: 'order-api/requirements-dev.txt',
        direct: true,
        scope: 'dev',
      });
    const components = [
      prod('PyYAML', '5.3'),
      prod('djangorestframework', '3.11.0'),
      prod('gunicorn', '20.0.4'),
      dev('pytest', '6.2.2'),
      dev('coverage', '5.5'),
    ];
    const findings = applyReachability(
      components.map((x) => vulnerability(x, `PYSEC-TEST-${x.name}`)),
      [analysis],
      components,
    );
    assert.deepEqual(verdicts(findings), [
      'PyYAML@5.3 PYSEC-TEST-PyYAML imported: imported as yaml by production code (order-api/orders/views.py:3 > PyYAML)',
      'djangorestframework@3.11.0 PYSEC-TEST-djangorestframework imported: imported as rest_framework.decorators by production code (order-api/orders/views.py:5 > djangorestframework)',
      "gunicorn@20.0.4 PYSEC-TEST-gunicorn unknown: not imported by the project's 6 Python files; a server, plugin or framework setting may still load it",
      'pytest@6.2.2 PYSEC-TEST-pytest unreachable: dev-only: no production Python file imports it; imported only by test code (order-api/orders/tests/test_views.py:1)',
      'coverage@5.5 PYSEC-TEST-coverage unreachable: dev-only: no production Python file imports it',
    ]);
  });
});

describe('analyzeReachability', () => {
  it('runs one analysis per npm and Python project directory, paths relative to the scan root', () => {
    const components = [
      component('express', '4.17.1', { lockfile: 'shop-api/package-lock.json', direct: true }),
      component('PyYAML', '5.3', { ecosystem: 'PyPI', lockfile: 'order-api/requirements.txt', direct: true }),
    ];
    const analyses = analyzeReachability(TESTDATA, components);
    assert.deepEqual(
      analyses.map((a) => `${a.ecosystem} ${a.root}`),
      ['npm shop-api', 'PyPI order-api'],
    );
    const findings = applyReachability(
      [vulnerability(components[0]!, osvRecord('GHSA-qw6h-vgh9-j6wx'))],
      analyses,
      components,
    );
    assert.equal(findings[0]?.reachability, 'imported');
    assert.match(
      findings[0]!.evidence,
      /\(shop-api\/package\.json:5 > shop-api\/src\/server\.js:3 > express\)$/,
    );
  });
});
