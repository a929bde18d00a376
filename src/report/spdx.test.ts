import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Component, type ComponentSource, makePurl, type ScanResult } from '../model/index.ts';
import type { SbomOptions } from './sbom-meta.ts';
import { downloadLocation, writeSpdxJson } from './spdx.ts';
import { scanResult } from './testdata/scan-result.ts';
import { assertGolden, assertValidSpdx, withSourceDateEpoch } from './testing.ts';

const REPRODUCIBLE: SbomOptions = { toolVersion: '0.1.0', reproducible: true };

interface SpdxPackage {
  SPDXID: string;
  name: string;
  versionInfo?: string;
  downloadLocation: string;
  licenseDeclared: string;
  sourceInfo?: string;
  primaryPackagePurpose: string;
  externalRefs?: { referenceCategory: string; referenceType: string; referenceLocator: string }[];
}

interface SpdxDocument {
  name: string;
  documentNamespace: string;
  creationInfo: { created: string; creators: string[] };
  documentDescribes: string[];
  packages: SpdxPackage[];
  hasExtractedLicensingInfos?: { licenseId: string; extractedText: string }[];
  relationships: { spdxElementId: string; relationshipType: string; relatedSpdxElement: string }[];
}

function spdx(result: ScanResult = scanResult(), options: SbomOptions = REPRODUCIBLE): SpdxDocument {
  return JSON.parse(withSourceDateEpoch(undefined, () => writeSpdxJson(result, options))) as SpdxDocument;
}

function byPurl(doc: SpdxDocument, purl: string): SpdxPackage {
  const found = doc.packages.filter((p) => p.externalRefs?.some((r) => r.referenceLocator === purl));
  assert.equal(found.length, 1, `exactly one package for ${purl}`);
  return found[0] as SpdxPackage;
}

function byName(doc: SpdxDocument, name: string): SpdxPackage {
  const found = doc.packages.find((p) => p.name === name);
  assert.ok(found, name);
  return found;
}

function relations(doc: SpdxDocument): string[] {
  return doc.relationships.map((r) => `${r.spdxElementId} ${r.relationshipType} ${r.relatedSpdxElement}`);
}

const npm = (name: string, version?: string): string => makePurl('npm', name, version);

describe('SPDX JSON', () => {
  it('matches the golden file and the official 2.3 schema', () => {
    const text = withSourceDateEpoch(undefined, () => writeSpdxJson(scanResult(), REPRODUCIBLE));
    assertGolden('spdx.json', text);
    assertValidSpdx(JSON.parse(text));
  });

  it('is checked by a schema validator that does reject broken documents', () => {
    const doc = spdx();
    const broken = { ...doc, relationships: [{ ...doc.relationships[0], relationshipType: 'USES' }] };
    assert.throws(() => assertValidSpdx(broken), /relationshipType/);
  });

  it('has the document header SPDX 2.3 requires', () => {
    const doc = JSON.parse(
      withSourceDateEpoch(undefined, () => writeSpdxJson(scanResult(), REPRODUCIBLE)),
    ) as Record<string, unknown>;
    assert.equal(doc.spdxVersion, 'SPDX-2.3');
    assert.equal(doc.dataLicense, 'CC0-1.0');
    assert.equal(doc.SPDXID, 'SPDXRef-DOCUMENT');
    assert.equal(doc.name, 'shop');
    assert.deepEqual(doc.creationInfo, {
      created: '1970-01-01T00:00:00Z',
      creators: ['Tool: palisade-0.1.0'],
    });
    assert.deepEqual(doc.documentDescribes, ['SPDXRef-RootPackage']);
    assert.match(
      String(doc.documentNamespace),
      /^https:\/\/palisade\.dev\/spdxdocs\/shop-[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('lists one package per purl, with unique valid SPDX ids', () => {
    const doc = spdx();
    const ids = doc.packages.map((p) => p.SPDXID);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^SPDXRef-[A-Za-z0-9.-]+$/);
    // The root plus every distinct purl of the scan.
    assert.equal(doc.packages.length, 1 + new Set(scanResult().components.map((c) => c.purl)).size);
    assert.equal(byPurl(doc, npm('@babel/core', '7.24.5')).SPDXID, 'SPDXRef-Package-npm-babel-core-7.24.5');
    assert.equal(
      byPurl(doc, makePurl('Maven', 'junit:junit', '4.13.2')).SPDXID,
      'SPDXRef-Package-maven-junit-junit-4.13.2',
    );
  });

  it('describes the root package and each package as found', () => {
    const doc = spdx();
    const root = doc.packages[0];
    assert.equal(root?.SPDXID, 'SPDXRef-RootPackage');
    assert.equal(root?.primaryPackagePurpose, 'APPLICATION');
    const debug = byPurl(doc, npm('debug', '4.3.4'));
    assert.deepEqual(
      { name: debug.name, version: debug.versionInfo, purpose: debug.primaryPackagePurpose },
      { name: 'debug', version: '4.3.4', purpose: 'LIBRARY' },
    );
    assert.equal(debug.sourceInfo, 'found in package-lock.json#L118, packages/ui/package-lock.json#L31');
    assert.equal(byPurl(doc, npm('@babel/core', '7.24.5')).name, '@babel/core');
    assert.equal(byPurl(doc, makePurl('PyPI', 'urllib3')).versionInfo, undefined);
  });

  it('declares licenses as one expression, and defines every LicenseRef', () => {
    const doc = spdx();
    assert.equal(byPurl(doc, npm('ms', '2.1.2')).licenseDeclared, 'MIT');
    assert.equal(byName(doc, 'python-dateutil').licenseDeclared, 'Apache-2.0 AND BSD-3-Clause');
    assert.equal(byName(doc, 'cryptography').licenseDeclared, 'Apache-2.0 OR BSD-3-Clause');
    assert.equal(byName(doc, 'mylib').licenseDeclared, 'BSD-3-Clause AND LicenseRef-Mylib-Custom');
    assert.equal(byName(doc, 'golang.org/x/sys').licenseDeclared, 'NOASSERTION');
    assert.deepEqual(
      doc.hasExtractedLicensingInfos?.map((l) => l.licenseId),
      ['LicenseRef-Acme-Proprietary', 'LicenseRef-Mylib-Custom'],
    );
  });

  it('gives git and url packages their download location', () => {
    const doc = spdx();
    assert.equal(
      byName(doc, 'left-pad').downloadLocation,
      'git+https://github.com/left-pad/left-pad.git@5c9e4b2a6f1c3d7e8b9a0f1e2d3c4b5a69788796',
    );
    assert.equal(
      byName(doc, 'mylib').downloadLocation,
      'https://downloads.example.com/mylib/mylib-1.0.tar.gz',
    );
    assert.equal(byName(doc, '@acme/ui').downloadLocation, 'NOASSERTION');
    assert.equal(byName(doc, 'ms').downloadLocation, 'NOASSERTION');
  });

  it('relates the document, the root, direct and transitive dependencies', () => {
    const doc = spdx();
    const all = relations(doc);
    const id = (purl: string) => byPurl(doc, purl).SPDXID;
    assert.ok(all.includes('SPDXRef-DOCUMENT DESCRIBES SPDXRef-RootPackage'));
    assert.ok(all.includes(`SPDXRef-RootPackage DEPENDS_ON ${id(npm('@babel/core', '7.24.5'))}`));
    // "A DEV_DEPENDENCY_OF B": A is a development dependency of B.
    assert.ok(all.includes(`${id(npm('typescript', '5.4.5'))} DEV_DEPENDENCY_OF SPDXRef-RootPackage`));
    assert.ok(all.includes(`${id(npm('fsevents', '2.3.3'))} OPTIONAL_DEPENDENCY_OF SPDXRef-RootPackage`));
    assert.ok(!all.includes(`SPDXRef-RootPackage DEPENDS_ON ${id(npm('typescript', '5.4.5'))}`));
    // Edges from both lockfiles; the one to a package no lockfile has is dropped.
    assert.deepEqual(
      all.filter((r) => r.startsWith(`${id(npm('debug', '4.3.4'))} `)),
      [
        `${id(npm('debug', '4.3.4'))} DEPENDS_ON ${id(npm('ms', '2.1.2'))}`,
        `${id(npm('debug', '4.3.4'))} DEPENDS_ON ${id(npm('supports-color', '7.2.0'))}`,
      ],
    );
    assert.equal(all.filter((r) => r.startsWith(`${id(npm('@babel/core', '7.24.5'))} `)).length, 2);
    const known = new Set(['SPDXRef-DOCUMENT', ...doc.packages.map((p) => p.SPDXID)]);
    for (const r of doc.relationships) {
      assert.ok(known.has(r.spdxElementId) && known.has(r.relatedSpdxElement), JSON.stringify(r));
    }
    assert.deepEqual(all, [...all].sort());
  });

  it('keeps SPDX ids unique when purls reduce to the same id', () => {
    const component = (
      name: string,
      version: string,
      source: ComponentSource = { type: 'registry' },
    ): Component => ({
      purl: makePurl('npm', name, version, source.type === 'git' ? { vcs_url: source.url } : undefined),
      ecosystem: 'npm',
      name,
      version,
      scope: 'prod',
      direct: true,
      licenses: [],
      location: { path: 'package-lock.json', line: 1 },
      source,
      dependencies: [],
    });
    const result: ScanResult = {
      ...scanResult(),
      components: [
        component('a_b', '1.0.0'),
        component('a-b', '1.0.0'),
        component('a-b', '1.0.0', { type: 'git', url: 'https://example.com/a-b.git' }),
      ],
    };
    const doc = spdx(result);
    assert.deepEqual(doc.packages.map((p) => p.SPDXID).sort(), [
      'SPDXRef-Package-npm-a-b-1.0.0',
      'SPDXRef-Package-npm-a-b-1.0.0-2',
      'SPDXRef-Package-npm-a-b-1.0.0-3',
      'SPDXRef-RootPackage',
    ]);
    assertValidSpdx(doc);
  });

  it('writes a valid document for an empty scan', () => {
    const doc = spdx({ ...scanResult(), components: [] });
    assertValidSpdx(doc);
    assert.equal(doc.packages.length, 1);
    assert.deepEqual(relations(doc), ['SPDXRef-DOCUMENT DESCRIBES SPDXRef-RootPackage']);
    assert.equal(doc.hasExtractedLicensingInfos, undefined);
  });
});

describe('SPDX reproducibility', () => {
  it('gives identical output for identical input', () => {
    const run = () => withSourceDateEpoch(undefined, () => writeSpdxJson(scanResult(), REPRODUCIBLE));
    assert.equal(run(), run());
  });

  it('takes the creation time from SOURCE_DATE_EPOCH, without fractions of a second', () => {
    const doc = JSON.parse(
      withSourceDateEpoch('1700000000', () => writeSpdxJson(scanResult(), REPRODUCIBLE)),
    ) as SpdxDocument;
    assert.equal(doc.creationInfo.created, '2023-11-14T22:13:20Z');
    assert.notEqual(doc.documentNamespace, spdx().documentNamespace);
  });

  it('uses the given time and a fresh namespace when not reproducible', () => {
    const now = new Date('2025-03-04T05:06:07.890Z');
    const a = spdx(scanResult(), { toolVersion: '0.1.0', reproducible: false, now });
    const b = spdx(scanResult(), { toolVersion: '0.1.0', reproducible: false, now });
    assert.equal(a.creationInfo.created, '2025-03-04T05:06:07Z');
    assert.notEqual(a.documentNamespace, b.documentNamespace);
  });
});

describe('downloadLocation', () => {
  const cases: [ComponentSource, string][] = [
    [{ type: 'registry' }, 'NOASSERTION'],
    [{ type: 'path', path: '../lib', link: true }, 'NOASSERTION'],
    [{ type: 'url', url: 'https://example.com/x-1.0.tgz' }, 'https://example.com/x-1.0.tgz'],
    [{ type: 'git', url: 'https://github.com/o/r.git' }, 'git+https://github.com/o/r.git'],
    [
      { type: 'git', url: 'https://github.com/o/r.git', ref: 'v1.2.0' },
      'git+https://github.com/o/r.git@v1.2.0',
    ],
    [
      { type: 'git', url: 'git+ssh://git@github.com/o/r.git#abc123' },
      'git+ssh://git@github.com/o/r.git@abc123',
    ],
    [{ type: 'git', url: 'git@github.com:o/r.git', ref: 'main' }, 'git+ssh://git@github.com/o/r.git@main'],
    [{ type: 'git', url: 'git://example.org/r' }, 'git://example.org/r'],
  ];
  for (const [source, expected] of cases) {
    it(`${JSON.stringify(source)}`, () => assert.equal(downloadLocation(source), expected));
  }
});
