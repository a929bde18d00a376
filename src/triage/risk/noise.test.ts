// The alert-noise reduction, measured end to end: the real CLI scans the bundled example and a real
// application (json-server 0.15.0, see testdata/json-server-0.15.0/PROVENANCE.md) offline against the
// demo shop's advisory bundle; reachability and risk triage then rank the findings.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { ScanResult } from '../../model/index.ts';
import { palisadeOutput, REPO } from '../../testing/cli.ts';
import { triageFindings } from './pipeline.ts';

const repo = REPO;
const cache = mkdtempSync(join(tmpdir(), 'palisade-noise-'));
const palisade = (args: string[]) => palisadeOutput(args, cache);

function triage(dir: string) {
  const result = JSON.parse(palisade(['scan', dir, '--offline', '--format', 'json'])) as ScanResult;
  return triageFindings(dir, result.findings, result.components);
}

describe('alert-noise reduction', () => {
  before(() => palisade(['db', 'import', join(repo, 'examples/demo-shop/advisories')]));

  it('on the bundled example (demo-shop: npm, PyPI and Go)', () => {
    const { findings, summary, upgrades, exposure } = triage(join(repo, 'examples/demo-shop'));
    // deploy/web.yaml puts the storefront behind a LoadBalancer Service: internet-facing.
    assert.equal(exposure.exposure, 'internet');
    assert.equal(
      upgrades.find((u) => u.component === 'express')?.text,
      'upgrade express 4.17.1 -> 4.20.0 with dependencies at body-parser >= 1.20.3, cookie >= 0.7.0, path-to-regexp >= 0.1.12, qs >= 6.7.3, send >= 0.19.0, serve-static >= 1.16.0 removes 9 findings, risk 277 -> 0',
    );
    assert.equal(
      summary.line,
      // 108 vulnerabilities, 1 secret and 5 Dockerfile/Terraform misconfigurations (default audit sets).
      '114 findings, 4 deprioritized (4%) as unreachable (0) / dev-only (3) / unlikely to be exploited (1); 2 fix now, 14 fix soon, 94 backlog on impact alone',
    );
    // The web app imports lodash, jsonwebtoken and moment; its transitive packages are unknown
    // without node_modules; mocha's tree is dev-only.
    const web = findings.filter((f) => f.location.path === 'web/package-lock.json');
    assert.deepEqual([...new Set(web.map((f) => `${f.component?.name} ${f.reachability}`))].sort(), [
      'axios imported',
      'body-parser unknown',
      'cookie unknown',
      'debug unreachable',
      'express imported',
      'jsonwebtoken function-reachable',
      'jsonwebtoken imported',
      'lodash imported',
      'minimatch unreachable',
      'moment function-reachable',
      'moment imported',
      'nanoid unreachable',
      'path-to-regexp unknown',
      'qs unknown',
      'send unknown',
      'serve-static unknown',
    ]);
  });

  it('on a real application (json-server 0.15.0, lockfile and source)', () => {
    const { findings, summary } = triage(join(import.meta.dirname, 'testdata/json-server-0.15.0'));
    assert.equal(
      summary.line,
      '7 findings, 4 deprioritized (57%) as unreachable (0) / dev-only (4) / unlikely to be exploited (0); 0 fix now, 1 fix soon, 2 backlog on impact alone',
    );
    assert.deepEqual(
      findings.map(
        (f) =>
          `${f.risk.score} ${f.component?.name}@${f.component?.version} ${f.component?.scope} ${f.reachability}`,
      ),
      [
        '40 cross-spawn@5.1.0 prod unknown',
        '35 tough-cookie@2.5.0 prod unknown',
        '16 nanoid@2.1.11 prod function-reachable',
        '2 glob-parent@3.1.0 dev unreachable',
        '2 braces@2.3.2 dev unreachable',
        '2 micromatch@3.1.10 dev unreachable',
        '2 json5@0.5.1 dev unreachable',
      ],
    );
  });
});
