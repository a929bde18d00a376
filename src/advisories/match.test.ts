import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type Component, type Ecosystem, makePurl, type OsvRecord } from '../model/index.ts';
import { importDatabase } from './db.ts';
import type { AdvisoryLookup } from './lookup.ts';
import { matchComponents } from './match.ts';
import { AdvisoryStore } from './store/reader.ts';

const testdata = join(dirname(fileURLToPath(import.meta.url)), 'testdata');

function component(
  ecosystem: Ecosystem,
  name: string,
  version: string,
  extra: Partial<Component> = {},
): Component {
  return {
    purl: makePurl(ecosystem, name, version),
    ecosystem,
    name,
    version,
    scope: 'prod',
    direct: true,
    licenses: [],
    location: { path: 'package-lock.json', line: 7 },
    source: { type: 'registry' },
    dependencies: [],
    ...extra,
  };
}

function summary(findings: Awaited<ReturnType<typeof matchComponents>>['findings']): string[] {
  return findings
    .map(
      (f) =>
        `${f.component?.name}@${f.component?.version} ${f.ruleId} ${f.severity} -> ${f.remediation?.fixedVersion ?? '-'}`,
    )
    .sort();
}

describe('matchComponents on real advisories', () => {
  let store: AdvisoryStore;
  before(async () => {
    const root = mkdtempSync(join(tmpdir(), 'palisade-match-'));
    await importDatabase(root, join(testdata, 'osv/npm'));
    await importDatabase(root, join(testdata, 'osv/PyPI-all.zip'));
    await importDatabase(root, join(testdata, 'osv/Go-all.zip'));
    store = AdvisoryStore.open(root)!;
  });

  it('finds every advisory on known-affected versions, merging aliases, with the smallest full fix', async () => {
    const { findings, unmatched } = await matchComponents([component('npm', 'lodash', '4.17.15')], store);
    assert.deepEqual(unmatched, []);
    assert.deepEqual(summary(findings), [
      'lodash@4.17.15 GHSA-29mw-wpgm-hmr9 medium -> 4.17.21',
      'lodash@4.17.15 GHSA-35jh-r3h4-6jhm high -> 4.17.21',
      'lodash@4.17.15 GHSA-p6mc-m468-83gw high -> 4.17.21',
    ]);
    const injection = findings.find((f) => f.ruleId === 'GHSA-35jh-r3h4-6jhm')!;
    assert.deepEqual(injection.advisory?.ids, ['CVE-2021-23337', 'GHSA-35jh-r3h4-6jhm']);
    assert.equal(injection.remediation?.text, 'upgrade lodash to 4.17.21');
    assert.equal(injection.location.line, 7);
  });

  it('gives nothing for fixed versions and unpinned or non-registry components', async () => {
    const { findings } = await matchComponents(
      [
        component('npm', 'lodash', '4.17.21'),
        component('npm', 'minimist', '1.2.8'),
        {
          ...component('npm', 'lodash', '4.17.15'),
          source: { type: 'git', url: 'https://github.com/lodash/lodash' },
        },
        (() => {
          const c = component('npm', 'lodash', '4.17.15');
          delete c.version;
          return c;
        })(),
      ],
      store,
    );
    assert.deepEqual(findings, []);
  });

  it('matches PyPI names in normal form and Go modules with v-prefixed versions', async () => {
    const { findings } = await matchComponents(
      [component('PyPI', 'PyYAML', '5.3'), component('Go', 'golang.org/x/net', 'v0.7.0')],
      store,
    );
    const ids = findings.map((f) => f.ruleId);
    assert.ok(ids.includes('PYSEC-2021-142'), `PyYAML 5.3 full_load RCE (CVE-2020-14343): ${ids.join(' ')}`);
    assert.ok(ids.includes('GO-2023-2102'), 'HTTP/2 rapid reset');
    const pyyaml = findings.find((f) => f.ruleId === 'PYSEC-2021-142')!;
    assert.deepEqual(pyyaml.advisory?.ids, ['CVE-2020-14343', 'GHSA-8q59-q68h-6hv4', 'PYSEC-2021-142']);
    assert.equal(pyyaml.remediation?.fixedVersion, '5.4');
    const xnet = findings.filter((f) => f.component?.name === 'golang.org/x/net');
    assert.ok(xnet.length >= 10);
    assert.ok(
      xnet.every((f) => f.remediation?.fixedVersion === 'v0.56.0'),
      'one upgrade fixes all, in go.mod style',
    );
  });

  it('names the path from a direct dependency for a transitive component', async () => {
    const mkdirp = component('npm', 'mkdirp', '0.5.1', {
      dependencies: [makePurl('npm', 'minimist', '0.0.8')],
    });
    const minimist = component('npm', 'minimist', '0.0.8', { direct: false });
    const { findings } = await matchComponents([mkdirp, minimist], store);
    const fix = findings.find((f) => f.component?.name === 'minimist')?.remediation;
    assert.deepEqual(fix?.path, ['mkdirp@0.5.1', 'minimist@0.0.8']);
    assert.equal(fix?.text, 'upgrade minimist to 0.2.4 (via mkdirp@0.5.1 > minimist@0.0.8)');
  });

  it('reports malicious packages as critical integrity findings and skips withdrawn records', async () => {
    const records: OsvRecord[] = [
      {
        id: 'MAL-2025-1234',
        modified: '2025-01-01T00:00:00Z',
        summary: 'Malicious code in event-stream-helper (npm)',
        affected: [{ package: { ecosystem: 'npm', name: 'event-stream-helper' }, versions: ['1.0.0'] }],
      },
      {
        id: 'GHSA-xxxx-withdrawn',
        modified: '2025-01-01T00:00:00Z',
        withdrawn: '2025-02-01T00:00:00Z',
        affected: [
          {
            package: { ecosystem: 'npm', name: 'event-stream-helper' },
            ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }] }],
          },
        ],
      },
    ];
    const lookup: AdvisoryLookup = { lookup: () => records, epss: () => undefined, kev: () => undefined };
    const { findings } = await matchComponents([component('npm', 'event-stream-helper', '1.0.0')], lookup);
    assert.equal(findings.length, 1);
    assert.equal(findings[0]?.kind, 'integrity');
    assert.equal(findings[0]?.severity, 'critical');
    assert.match(findings[0]!.remediation!.text, /^remove event-stream-helper/);
  });

  it('reports a record whose bounds cannot be ordered and still applies the others', async () => {
    const records: OsvRecord[] = [
      {
        id: 'BAD-1',
        modified: 'x',
        affected: [
          {
            package: { ecosystem: 'PyPI', name: 'demo' },
            ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2019-09-12 nonsense' }] }],
          },
        ],
      },
      {
        id: 'GOOD-1',
        modified: 'x',
        affected: [
          {
            package: { ecosystem: 'PyPI', name: 'demo' },
            ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.0' }] }],
          },
        ],
      },
    ];
    const lookup: AdvisoryLookup = { lookup: () => records, epss: () => undefined, kev: () => undefined };
    const { findings, unmatched } = await matchComponents([component('PyPI', 'demo', '1.0')], lookup);
    assert.deepEqual(
      findings.map((f) => f.ruleId),
      ['GOOD-1'],
    );
    assert.equal(unmatched.length, 1);
    assert.match(unmatched[0]!.reason, /^BAD-1: /);
  });
});
