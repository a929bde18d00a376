import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Component, makePurl, type ScanResult } from '../model/index.ts';
import {
  buildSbomGraph,
  combinedLicenseExpression,
  gitRemoteUrl,
  graphDigest,
  licenseRefs,
  rootName,
} from './sbom-graph.ts';
import { scanResult } from './testdata/scan-result.ts';

function npmComponent(name: string, version: string, extra: Partial<Component> = {}): Component {
  return {
    purl: makePurl('npm', name, version),
    ecosystem: 'npm',
    name,
    version,
    scope: 'prod',
    direct: false,
    licenses: [],
    location: { path: 'package-lock.json', line: 1 },
    source: { type: 'registry' },
    dependencies: [],
    ...extra,
  };
}

function scan(components: Component[], target = 'app'): ScanResult {
  return { ...scanResult(), target, components };
}

describe('buildSbomGraph', () => {
  it('merges one purl from several files: strongest scope, any direct, all locations, union of edges', () => {
    const ms = makePurl('npm', 'ms', '2.1.2');
    const color = makePurl('npm', 'supports-color', '7.2.0');
    const graph = buildSbomGraph(
      scan([
        npmComponent('debug', '4.3.4', {
          scope: 'dev',
          direct: true,
          licenses: ['MIT'],
          location: { path: 'b/package-lock.json', line: 9 },
          dependencies: [color, ms],
        }),
        npmComponent('ms', '2.1.2'),
        npmComponent('supports-color', '7.2.0'),
        npmComponent('debug', '4.3.4', {
          scope: 'optional',
          licenses: ['MIT', ' '],
          location: { path: 'a/package-lock.json', line: 40 },
          dependencies: [ms, makePurl('npm', 'debug', '4.3.4')],
        }),
        // The same entry reported twice (two extractors on one file) counts once.
        npmComponent('debug', '4.3.4', { scope: 'dev', location: { path: 'b/package-lock.json', line: 9 } }),
      ]),
    );
    assert.deepEqual(
      graph.packages.map((p) => p.name),
      ['debug', 'ms', 'supports-color'],
    );
    const debug = graph.packages[0];
    assert.equal(debug?.scope, 'optional');
    assert.equal(debug?.direct, true);
    assert.deepEqual(debug?.licenses, ['MIT']);
    assert.deepEqual(debug?.locations, [
      { path: 'a/package-lock.json', line: 40 },
      { path: 'b/package-lock.json', line: 9 },
    ]);
    // Deduplicated, sorted, and without the self-edge.
    assert.deepEqual(debug?.dependencies, [ms, color]);
    assert.deepEqual(graph.direct, [makePurl('npm', 'debug', '4.3.4')]);
  });

  it('keeps only edges to packages of the graph', () => {
    const graph = buildSbomGraph(
      scan([npmComponent('a', '1.0.0', { dependencies: [makePurl('npm', 'missing', '1.0.0')] })]),
    );
    assert.deepEqual(graph.packages[0]?.dependencies, []);
  });

  it('keeps the first location source and name of a package', () => {
    const graph = buildSbomGraph(scanResult());
    const leftPad = graph.packages.find((p) => p.name === 'left-pad');
    assert.deepEqual(leftPad?.source, {
      type: 'git',
      url: 'git+https://github.com/left-pad/left-pad.git',
      ref: '5c9e4b2a6f1c3d7e8b9a0f1e2d3c4b5a69788796',
    });
    assert.equal(graph.packages.find((p) => p.name === 'urllib3')?.version, undefined);
  });

  it('does not change the scan it reads', () => {
    const result = scanResult();
    const before = JSON.stringify(result);
    buildSbomGraph(result);
    assert.equal(JSON.stringify(result), before);
  });
});

describe('graphDigest', () => {
  it('changes with the content and with the extra fields, and only then', () => {
    const a = graphDigest(buildSbomGraph(scanResult()), 'x');
    assert.equal(graphDigest(buildSbomGraph(scanResult()), 'x'), a);
    assert.notEqual(graphDigest(buildSbomGraph(scanResult()), 'y'), a);
    const moved = scanResult();
    const first = moved.components[0];
    if (first) first.location = { ...first.location, line: first.location.line + 1 };
    assert.notEqual(graphDigest(buildSbomGraph(moved), 'x'), a);
  });
});

describe('rootName', () => {
  const cases: [string, string][] = [
    ['shop', 'shop'],
    ['/home/me/src/shop/', 'shop'],
    ['./services/api', 'api'],
    ['C:\\work\\shop', 'shop'],
    ['.', 'project'],
    ['', 'project'],
    ['/', 'project'],
  ];
  for (const [target, expected] of cases) {
    it(`${JSON.stringify(target)} -> ${expected}`, () => assert.equal(rootName(target), expected));
  }
});

describe('combinedLicenseExpression', () => {
  const cases: [string[], string | undefined][] = [
    [[], undefined],
    [['MIT'], 'MIT'],
    [['MIT OR Apache-2.0'], 'MIT OR Apache-2.0'],
    [['Apache-2.0', 'MIT'], 'Apache-2.0 AND MIT'],
    [['BSD-3-Clause', 'MIT OR Apache-2.0'], 'BSD-3-Clause AND (MIT OR Apache-2.0)'],
    [['(MIT OR Apache-2.0)', 'ISC'], '(MIT OR Apache-2.0) AND ISC'],
    [['(A OR B) AND (C OR D)', 'ISC'], '((A OR B) AND (C OR D)) AND ISC'],
    [
      ['GPL-2.0-only WITH Classpath-exception-2.0', 'MIT'],
      '(GPL-2.0-only WITH Classpath-exception-2.0) AND MIT',
    ],
  ];
  for (const [licenses, expected] of cases) {
    it(`${JSON.stringify(licenses)}`, () => assert.equal(combinedLicenseExpression(licenses), expected));
  }
});

describe('licenseRefs', () => {
  it('finds every LicenseRef of an expression', () => {
    assert.deepEqual(licenseRefs('(MIT OR LicenseRef-Foo.1) AND LicenseRef-bar-2'), [
      'LicenseRef-Foo.1',
      'LicenseRef-bar-2',
    ]);
    assert.deepEqual(licenseRefs('MIT'), []);
  });
});

describe('gitRemoteUrl', () => {
  const cases: [string, string][] = [
    ['git@github.com:owner/repo.git', 'ssh://git@github.com/owner/repo.git'],
    ['github.com:owner/repo.git', 'ssh://github.com/owner/repo.git'],
    ['git@gitlab.example.com:/srv/repo.git', 'ssh://git@gitlab.example.com/srv/repo.git'],
    ['https://github.com/owner/repo.git', 'https://github.com/owner/repo.git'],
    ['git+ssh://git@github.com/owner/repo.git', 'git+ssh://git@github.com/owner/repo.git'],
    ['github:owner/repo', 'github:owner/repo'],
    ['ssh://git@host:2222/repo.git', 'ssh://git@host:2222/repo.git'],
  ];
  for (const [url, expected] of cases) {
    it(url, () => assert.equal(gitRemoteUrl(url), expected));
  }
});
