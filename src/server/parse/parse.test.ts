// Uploads in every accepted format come out as the same components and findings: documents
// written by palisade's own SBOM writers read back to what was scanned, fingerprints included,
// and third-party shapes (nested components, no evidence) read sensibly.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { matchComponents } from '../../advisories/match.ts';
import type { Component } from '../../model/index.ts';
import { writeCycloneDxJson } from '../../report/cyclonedx.ts';
import { writeSpdxJson } from '../../report/spdx.ts';
import { scanResult as monorepo } from '../../report/testdata/scan-result.ts';
import { HttpError } from '../http-error.ts';
import { npm, npmLookup, scanResult } from '../testing/fixtures.ts';
import { parseUpload } from './upload.ts';

const OPTIONS = { toolVersion: 'test', reproducible: true };

/**
 * What must survive the trip: identity, source, place, and the direct flag (SPDX has one package
 * per purl, so a package direct in one lockfile and transitive in another is direct in both).
 */
function essentials(components: readonly Component[], direct = true, skip: readonly string[] = []) {
  return components
    .filter((c) => !skip.includes(c.purl))
    .map(
      (c) =>
        `${c.purl} ${c.name} ${c.version ?? '-'} ${c.source.type} ${c.location.path}:${c.location.line}${direct ? ` direct=${c.direct}` : ''}`,
    )
    .sort();
}

function rejects(document: unknown, message: RegExp): void {
  assert.throws(
    () => parseUpload(document),
    (error: unknown) => error instanceof HttpError && error.status === 400 && message.test(error.message),
  );
}

describe('upload formats', () => {
  test('palisade CycloneDX with vulnerabilities reads back to the scan: components, fingerprints, fixes, KEV', async () => {
    const scan = await scanResult(
      [
        npm('express', '4.17.1', {
          path: 'web/package-lock.json',
          line: 40,
          dependencies: ['pkg:npm/qs@6.7.0'],
        }),
        npm('qs', '6.7.0', { path: 'web/package-lock.json', line: 90, direct: false }),
        npm('lodash', '4.17.15', { path: 'web/package-lock.json', line: 120 }),
        npm('lodash', '4.17.15', { path: 'worker/package-lock.json', line: 12 }),
        npm('@babel/traverse', '7.20.0', { path: 'web/package-lock.json', line: 7 }),
      ],
      { lookup: npmLookup({ kev: ['CVE-2021-23337'] }) },
    );
    const parsed = parseUpload(JSON.parse(writeCycloneDxJson(scan, OPTIONS)));
    assert.equal(parsed.format, 'cyclonedx');
    assert.equal(parsed.specVersion, '1.6');
    assert.deepEqual(essentials(parsed.components), essentials(scan.components));
    assert.deepEqual(parsed.components.find((c) => c.name === 'express')?.dependencies, ['pkg:npm/qs@6.7.0']);
    const expected = scan.findings.map((f) => [
      f.fingerprint,
      f.ruleId,
      f.severity,
      f.location.path,
      f.remediation?.fixedVersion,
      !!f.advisory?.kev,
    ]);
    const actual = (parsed.findings ?? []).map((f) => [
      f.fingerprint,
      f.ruleId,
      f.severity,
      f.location.path,
      f.remediation?.fixedVersion,
      !!f.advisory?.kev,
    ]);
    const sort = (rows: unknown[][]) => rows.map((r) => JSON.stringify(r)).sort();
    assert.deepEqual(sort(actual), sort(expected));
    assert.ok(
      expected.some((r) => r[5] === true),
      'one finding is on the KEV list',
    );
    assert.equal(new Set(expected.map((r) => r[3])).size, 2, 'lodash findings in both lockfiles');
  });

  test('a CycloneDX BOM without vulnerabilities is left for the server to match, with the same fingerprints', async () => {
    const scan = await scanResult([npm('minimist', '1.2.5', { path: 'api/package-lock.json', line: 3 })]);
    const parsed = parseUpload(JSON.parse(writeCycloneDxJson({ ...scan, findings: [] }, OPTIONS)));
    assert.equal(parsed.findings, undefined);
    const matched = await matchComponents(parsed.components, npmLookup());
    assert.deepEqual(
      matched.findings.map((f) => f.fingerprint),
      scan.findings.map((f) => f.fingerprint),
    );
  });

  test('palisade CycloneDX and SPDX of a multi-ecosystem monorepo read back to its components', () => {
    const scan = monorepo();
    const cdx = parseUpload(JSON.parse(writeCycloneDxJson(scan, OPTIONS)));
    assert.deepEqual(essentials(cdx.components, false), essentials(scan.components, false));
    const spdx = parseUpload(JSON.parse(writeSpdxJson(scan, OPTIONS)));
    assert.equal(spdx.format, 'spdx');
    assert.equal(spdx.findings, undefined);
    // SPDX 2 cannot say that a package is a local path: those read as registry packages.
    const paths = scan.components.filter((c) => c.source.type === 'path').map((c) => c.purl);
    assert.deepEqual(essentials(spdx.components, false, paths), essentials(scan.components, false, paths));
    const once = scan.components.filter((c) => scan.components.filter((d) => d.purl === c.purl).length === 1);
    assert.ok(once.some((c) => c.direct && c.scope === 'dev'));
    for (const c of once) {
      if (c.direct) assert.equal(spdx.components.find((d) => d.purl === c.purl)?.scope, c.scope, c.purl);
      assert.equal(spdx.components.find((d) => d.purl === c.purl)?.direct, c.direct, c.purl);
      assert.equal(cdx.components.find((d) => d.purl === c.purl)?.direct, c.direct, c.purl);
    }
  });

  test('third-party CycloneDX: nested components, scoped names from group, edges and direct flags from dependencies', () => {
    const parsed = parseUpload({
      bomFormat: 'CycloneDX',
      specVersion: '1.5',
      serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
      metadata: { component: { 'bom-ref': 'app', type: 'application', name: 'shop' } },
      components: [
        {
          'bom-ref': 'express@4.18.2',
          type: 'library',
          name: 'express',
          version: '4.18.2',
          purl: 'pkg:npm/express@4.18.2',
          licenses: [{ license: { id: 'MIT' } }],
          components: [
            {
              'bom-ref': 'babel',
              type: 'library',
              group: '@babel',
              name: 'core',
              version: '7.24.5',
              purl: 'pkg:npm/%40babel/core@7.24.5',
              scope: 'excluded',
            },
          ],
        },
        { type: 'library', name: 'vendored-thing', version: '1.0' },
        {
          'bom-ref': 'gh',
          type: 'library',
          name: 'actions/checkout',
          purl: 'pkg:github/actions/checkout@v4',
        },
        {
          'bom-ref': 'spring',
          type: 'library',
          group: 'org.springframework',
          name: 'spring-core',
          version: '5.3.0',
          purl: 'pkg:maven/org.springframework/spring-core@5.3.0',
        },
      ],
      dependencies: [
        { ref: 'app', dependsOn: ['express@4.18.2', 'spring'] },
        { ref: 'express@4.18.2', dependsOn: ['babel'] },
      ],
    });
    assert.equal(parsed.serialNumber, 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79');
    assert.equal(parsed.target, 'shop');
    assert.deepEqual(
      parsed.components.map((c) => [
        c.name,
        c.version,
        c.scope,
        c.direct,
        c.location.path,
        c.dependencies,
        c.licenses,
      ]),
      [
        ['express', '4.18.2', 'prod', true, 'sbom', ['pkg:npm/%40babel/core@7.24.5'], ['MIT']],
        ['@babel/core', '7.24.5', 'dev', false, 'sbom', [], []],
        ['org.springframework:spring-core', '5.3.0', 'prod', true, 'sbom', [], []],
      ],
    );
    assert.deepEqual(parsed.notes, ['2 component(s) without a purl of a known ecosystem were not stored']);
  });

  test('malformed documents are refused with the place and the reason', () => {
    rejects(
      { bomFormat: 'CycloneDX', specVersion: '1.6', components: 'many' },
      /^CycloneDX BOM: components: Invalid input: expected array, received string$/,
    );
    rejects(
      { bomFormat: 'CycloneDX', specVersion: '1.6', vulnerabilities: [{ id: '' }] },
      /^CycloneDX BOM: vulnerabilities\[0\]\.id: /,
    );
    rejects(
      { spdxVersion: 'SPDX-2.3', packages: [{ name: 'x' }] },
      /^SPDX document: packages\[0\]\.SPDXID: /,
    );
    let nested: Record<string, unknown> = { type: 'library', name: 'leaf' };
    for (let i = 0; i < 40; i++) nested = { type: 'library', name: `n${i}`, components: [nested] };
    rejects(
      { bomFormat: 'CycloneDX', specVersion: '1.6', components: [nested] },
      /components nest deeper than 32 levels/,
    );
  });
});
