import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { type Ecosystem, makePurl, PalisadeError, type ScanResult } from '../model/index.ts';
import { splitName, writeCycloneDxJson, writeCycloneDxXml } from './cyclonedx.ts';
import type { SbomOptions } from './sbom-meta.ts';
import { scanResult } from './testdata/scan-result.ts';
import { syntheticScan } from './testdata/synthetic.ts';
import { assertGolden, assertValidCycloneDx, withSourceDateEpoch } from './testing.ts';

const REPRODUCIBLE: SbomOptions = { toolVersion: '0.1.0', reproducible: true };

interface CdxComponent {
  type: string;
  name: string;
  group?: string;
  version?: string;
  'bom-ref': string;
  purl?: string;
  scope?: string;
  licenses?: ({ license: { id?: string; name?: string } } | { expression: string })[];
  externalReferences?: { url: string; type: string }[];
  properties?: { name: string; value: string }[];
  evidence?: { occurrences: { location: string; line: number }[] };
}

interface CdxBom {
  serialNumber: string;
  metadata: { timestamp: string; tools: { components: CdxComponent[] }; component: CdxComponent };
  components: CdxComponent[];
  dependencies: { ref: string; dependsOn?: string[] }[];
}

function json(result: ScanResult = scanResult(), options: SbomOptions = REPRODUCIBLE): CdxBom {
  return JSON.parse(withSourceDateEpoch(undefined, () => writeCycloneDxJson(result, options))) as CdxBom;
}

function component(bom: CdxBom, purl: string): CdxComponent {
  const found = bom.components.filter((c) => c.purl === purl);
  assert.equal(found.length, 1, `exactly one component for ${purl}`);
  return found[0] as CdxComponent;
}

function dependsOn(bom: CdxBom, ref: string): string[] | undefined {
  return bom.dependencies.find((d) => d.ref === ref)?.dependsOn;
}

const npm = (name: string, version?: string): string => makePurl('npm', name, version);

describe('CycloneDX JSON', () => {
  it('matches the golden file and the official 1.6 schema', () => {
    const text = withSourceDateEpoch(undefined, () => writeCycloneDxJson(scanResult(), REPRODUCIBLE));
    assertGolden('cyclonedx.json', text);
    assertValidCycloneDx(JSON.parse(text));
  });

  it('is checked by a schema validator that does reject broken documents', () => {
    const bom = json();
    const broken = { ...bom, components: [{ ...bom.components[0], scope: 'prod' }] };
    assert.throws(() => assertValidCycloneDx(broken), /scope/);
  });

  it('describes the target as the root application and palisade as the tool', () => {
    const bom = json();
    assert.deepEqual(bom.metadata.component, { type: 'application', name: 'shop', 'bom-ref': 'root:shop' });
    assert.deepEqual(bom.metadata.tools.components, [
      { type: 'application', name: 'palisade', version: '0.1.0' },
    ]);
    assert.equal(bom.metadata.timestamp, '1970-01-01T00:00:00.000Z');
  });

  it('merges a purl found in two lockfiles into one component with both occurrences', () => {
    const bom = json();
    assert.equal(bom.components.length, new Set(scanResult().components.map((c) => c.purl)).size);
    const debug = component(bom, npm('debug', '4.3.4'));
    assert.deepEqual(debug.evidence?.occurrences, [
      { location: 'package-lock.json', line: 118 },
      { location: 'packages/ui/package-lock.json', line: 31 },
    ]);
    // prod in one file and dev in the other: prod; direct in one of them: direct.
    assert.equal(debug.scope, 'required');
    assert.deepEqual(debug.properties, [
      { name: 'palisade:direct', value: 'true' },
      { name: 'palisade:source-type', value: 'registry' },
    ]);
    // Edges from both files, merged.
    assert.deepEqual(dependsOn(bom, debug['bom-ref']), [npm('ms', '2.1.2'), npm('supports-color', '7.2.0')]);
  });

  it('splits names into group and name per ecosystem', () => {
    const bom = json();
    const pick = (c: CdxComponent) => ({ group: c.group, name: c.name, version: c.version });
    assert.deepEqual(pick(component(bom, npm('@babel/core', '7.24.5'))), {
      group: '@babel',
      name: 'core',
      version: '7.24.5',
    });
    assert.deepEqual(pick(component(bom, makePurl('Maven', 'junit:junit', '4.13.2'))), {
      group: 'junit',
      name: 'junit',
      version: '4.13.2',
    });
    assert.deepEqual(pick(component(bom, makePurl('Go', 'github.com/spf13/cobra', 'v1.8.0'))), {
      group: undefined,
      name: 'github.com/spf13/cobra',
      version: 'v1.8.0',
    });
    // Unpinned in requirements.txt: listed, without a version.
    assert.deepEqual(pick(component(bom, makePurl('PyPI', 'urllib3'))), {
      group: undefined,
      name: 'urllib3',
      version: undefined,
    });
  });

  it('maps scopes: prod -> required, dev -> excluded, optional -> optional', () => {
    const bom = json();
    assert.equal(component(bom, npm('typescript', '5.4.5')).scope, 'excluded');
    assert.equal(component(bom, npm('fsevents', '2.3.3')).scope, 'optional');
    assert.equal(component(bom, npm('supports-color', '7.2.0')).scope, 'optional');
    assert.equal(component(bom, makePurl('Maven', 'org.hamcrest:hamcrest-core', '1.3')).scope, 'excluded');
    assert.equal(component(bom, makePurl('PyPI', 'requests', '2.31.0')).scope, 'required');
  });

  it('writes plain SPDX ids as license ids and everything else as one expression', () => {
    const bom = json();
    const licenses = (purl: string) => component(bom, purl).licenses;
    assert.deepEqual(licenses(npm('ms', '2.1.2')), [{ license: { id: 'MIT' } }]);
    assert.deepEqual(licenses(makePurl('PyPI', 'python-dateutil', '2.9.0')), [
      { license: { id: 'Apache-2.0' } },
      { license: { id: 'BSD-3-Clause' } },
    ]);
    assert.deepEqual(licenses(makePurl('PyPI', 'cryptography', '42.0.5')), [
      { expression: 'Apache-2.0 OR BSD-3-Clause' },
    ]);
    assert.deepEqual(licenses(npm('@acme/ui')), [{ expression: 'LicenseRef-Acme-Proprietary' }]);
    const mylib = bom.components.find((c) => c.name === 'mylib');
    assert.deepEqual(mylib?.licenses, [{ expression: 'BSD-3-Clause AND LicenseRef-Mylib-Custom' }]);
    assert.equal(component(bom, makePurl('Go', 'golang.org/x/sys', 'v0.20.0')).licenses, undefined);
  });

  it('records git, url and path sources', () => {
    const bom = json();
    const leftPad = bom.components.find((c) => c.name === 'left-pad');
    assert.deepEqual(leftPad?.externalReferences, [
      {
        type: 'vcs',
        url: 'git+https://github.com/left-pad/left-pad.git#5c9e4b2a6f1c3d7e8b9a0f1e2d3c4b5a69788796',
      },
    ]);
    assert.ok(leftPad?.properties?.some((p) => p.name === 'palisade:source-type' && p.value === 'git'));
    const mylib = bom.components.find((c) => c.name === 'mylib');
    assert.deepEqual(mylib?.externalReferences, [
      { type: 'distribution', url: 'https://downloads.example.com/mylib/mylib-1.0.tar.gz' },
    ]);
    assert.deepEqual(component(bom, npm('@acme/ui')).properties, [
      { name: 'palisade:direct', value: 'true' },
      { name: 'palisade:source-type', value: 'path' },
      { name: 'palisade:source-path', value: 'packages/ui' },
    ]);
  });

  it('builds the graph: root to direct components, components to their known dependencies', () => {
    const bom = json();
    const direct = [
      ...new Set(
        scanResult()
          .components.filter((c) => c.direct)
          .map((c) => c.purl),
      ),
    ].sort();
    assert.deepEqual(dependsOn(bom, 'root:shop'), direct);
    // @babel/helper-missing is not in any lockfile: the edge is dropped.
    assert.deepEqual(dependsOn(bom, npm('@babel/core', '7.24.5')), [
      npm('debug', '4.3.4'),
      npm('semver', '6.3.1'),
    ]);
    assert.equal(dependsOn(bom, npm('ms', '2.1.2')), undefined);
    const refs = new Set(['root:shop', ...bom.components.map((c) => c['bom-ref'])]);
    assert.equal(bom.dependencies.length, refs.size);
    for (const { ref, dependsOn: targets = [] } of bom.dependencies) {
      assert.ok(refs.has(ref), ref);
      for (const target of targets) assert.ok(refs.has(target), `${ref} -> ${target}`);
    }
  });

  it('sorts components and dependencies by code unit, whatever the locale', () => {
    const bom = json();
    const purls = bom.components.map((c) => c['bom-ref']);
    assert.deepEqual(purls, [...purls].sort());
    for (const { dependsOn: targets = [] } of bom.dependencies)
      assert.deepEqual(targets, [...targets].sort());
  });

  it('writes a valid document for an empty scan', () => {
    const empty: ScanResult = { ...scanResult(), components: [], projects: [] };
    const bom = json(empty);
    assertValidCycloneDx(bom);
    assert.deepEqual(bom.components, []);
    assert.deepEqual(bom.dependencies, [{ ref: 'root:shop' }]);
  });

  it('stays valid and consistent at scale', () => {
    const bom = json(syntheticScan(2000));
    assertValidCycloneDx(bom);
    assert.equal(bom.components.length, 2000);
    assert.equal(bom.dependencies.length, 2001);
  });
});

describe('CycloneDX reproducibility', () => {
  it('gives identical output for identical input, with a content-derived serial number', () => {
    const a = withSourceDateEpoch(undefined, () => writeCycloneDxJson(scanResult(), REPRODUCIBLE));
    const b = withSourceDateEpoch(undefined, () => writeCycloneDxJson(scanResult(), REPRODUCIBLE));
    assert.equal(a, b);
    const { serialNumber } = JSON.parse(a) as CdxBom;
    // Version nibble 5 and RFC 4122 variant, as a name-based UUID has.
    assert.match(
      serialNumber,
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('changes the serial number when the content changes', () => {
    const base = json().serialNumber;
    const changed = scanResult();
    changed.components = changed.components.filter((c) => c.name !== 'ms');
    assert.notEqual(json(changed).serialNumber, base);
    assert.notEqual(json(scanResult(), { ...REPRODUCIBLE, toolVersion: '0.2.0' }).serialNumber, base);
  });

  it('gives JSON and XML of one scan the same serial number', () => {
    const xml = withSourceDateEpoch(undefined, () => writeCycloneDxXml(scanResult(), REPRODUCIBLE));
    assert.ok(xml.includes(`serialNumber="${json().serialNumber}"`));
  });

  it('takes the timestamp from SOURCE_DATE_EPOCH when set', () => {
    const text = withSourceDateEpoch('1700000000', () => writeCycloneDxJson(scanResult(), REPRODUCIBLE));
    const bom = JSON.parse(text) as CdxBom;
    assert.equal(bom.metadata.timestamp, '2023-11-14T22:13:20.000Z');
    assert.notEqual(bom.serialNumber, json().serialNumber);
  });

  it('rejects a SOURCE_DATE_EPOCH that is not a number of seconds', () => {
    assert.throws(
      () => withSourceDateEpoch('yesterday', () => writeCycloneDxJson(scanResult(), REPRODUCIBLE)),
      (error: unknown) =>
        error instanceof PalisadeError &&
        error.code === 'config' &&
        error.message.startsWith(
          'SOURCE_DATE_EPOCH="yesterday" is not a number of seconds since 1970-01-01;',
        ),
    );
  });

  it('uses the given time and a random serial number when not reproducible', () => {
    const now = new Date('2025-03-04T05:06:07.890Z');
    const a = json(scanResult(), { toolVersion: '0.1.0', reproducible: false, now });
    const b = json(scanResult(), { toolVersion: '0.1.0', reproducible: false, now });
    assert.equal(a.metadata.timestamp, '2025-03-04T05:06:07.890Z');
    assert.notEqual(a.serialNumber, b.serialNumber);
    assert.match(
      a.serialNumber,
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});

describe('CycloneDX XML', () => {
  const xml = (): string =>
    withSourceDateEpoch(undefined, () => writeCycloneDxXml(scanResult(), REPRODUCIBLE));

  it('matches the golden file and is well-formed', () => {
    const text = xml();
    assertGolden('cyclonedx.xml', text);
    assert.equal(XMLValidator.validate(text), true);
  });

  it('is valid against the official 1.6 XSD (with xmllint)', (t) => {
    // The XSD (and the SPDX XSD it imports) ship with the CycloneDX library.
    const library = dirname(
      createRequire(import.meta.url).resolve('@cyclonedx/cyclonedx-library/package.json'),
    );
    const xsd = join(library, 'res', 'schema', 'bom-1.6.SNAPSHOT.xsd');
    const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', xsd, '-'], {
      input: xml(),
      encoding: 'utf8',
    });
    if (run.error) {
      // The library's XmlValidator needs the native libxmljs2, which is not a dependency.
      t.skip('xmllint (libxml2-utils) is not installed; XSD validation needs it');
      return;
    }
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /- validates/);
  });

  it('carries the same components, scopes, occurrences and graph as the JSON', () => {
    const parser = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@',
      parseTagValue: false,
      isArray: (name) => ['component', 'dependency', 'occurrence', 'property', 'license'].includes(name),
    });
    interface XmlDependency {
      '@ref': string;
      dependency?: XmlDependency[];
    }
    interface XmlComponent {
      '@bom-ref': string;
      purl: string;
      scope: string;
      version?: string;
      evidence?: { occurrences: { occurrence: { location: string; line: string }[] } };
    }
    const doc = parser.parse(xml()) as {
      bom: { components: { component: XmlComponent[] }; dependencies: { dependency: XmlDependency[] } };
    };
    const bom = json();
    const fromXml = doc.bom.components.component.map((c) => ({
      ref: c['@bom-ref'],
      purl: c.purl,
      scope: c.scope,
      version: c.version,
      occurrences: c.evidence?.occurrences.occurrence.map((o) => `${o.location}:${o.line}`),
    }));
    const fromJson = bom.components.map((c) => ({
      ref: c['bom-ref'],
      purl: c.purl,
      scope: c.scope,
      version: c.version,
      occurrences: c.evidence?.occurrences.map((o) => `${o.location}:${o.line}`),
    }));
    assert.deepEqual(fromXml, fromJson);
    const graph = doc.bom.dependencies.dependency.map((d) => ({
      ref: d['@ref'],
      dependsOn: d.dependency?.map((x) => x['@ref']),
    }));
    assert.deepEqual(
      graph,
      bom.dependencies.map((d) => ({ ref: d.ref, dependsOn: d.dependsOn })),
    );
  });
});

describe('splitName', () => {
  const cases: [Ecosystem, string, { group?: string; name: string }][] = [
    ['npm', '@babel/core', { group: '@babel', name: 'core' }],
    ['npm', 'left-pad', { name: 'left-pad' }],
    ['Maven', 'org.apache.commons:commons-lang3', { group: 'org.apache.commons', name: 'commons-lang3' }],
    ['Maven', 'no-group', { name: 'no-group' }],
    ['Packagist', 'symfony/console', { group: 'symfony', name: 'console' }],
    ['Go', 'github.com/spf13/cobra', { name: 'github.com/spf13/cobra' }],
    ['PyPI', 'Django', { name: 'Django' }],
    ['crates.io', 'serde', { name: 'serde' }],
    ['npm', '@scope/', { name: '@scope/' }],
  ];
  for (const [ecosystem, name, expected] of cases) {
    it(`${ecosystem} ${name}`, () => assert.deepEqual(splitName(ecosystem, name), expected));
  }
});
