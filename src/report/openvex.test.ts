import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import type { Component, Finding, ScanResult } from '../model/index.ts';
import { makePurl } from '../model/index.ts';
import type { ReportContext } from './context.ts';
import { writeOpenVex } from './openvex.ts';

/**
 * The OpenVEX 0.2.0 document rules (https://github.com/openvex/spec/blob/main/OPENVEX-SPEC.md),
 * written out as JSON Schema: required document fields; statement fields and their vocabularies;
 * not_affected needs a justification or an impact statement; affected needs an action statement;
 * products are identified by @id.
 */
const OPENVEX_RULES = {
  type: 'object',
  required: ['@context', '@id', 'author', 'timestamp', 'version', 'statements'],
  additionalProperties: false,
  properties: {
    '@context': { const: 'https://openvex.dev/ns/v0.2.0' },
    '@id': { type: 'string', format: 'iri' },
    author: { type: 'string', minLength: 1 },
    role: { type: 'string' },
    timestamp: { type: 'string', format: 'date-time' },
    last_updated: { type: 'string', format: 'date-time' },
    version: { type: 'integer', minimum: 1 },
    tooling: { type: 'string' },
    statements: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: {
        type: 'object',
        required: ['vulnerability', 'status'],
        additionalProperties: false,
        properties: {
          vulnerability: {
            type: 'object',
            required: ['name'],
            additionalProperties: false,
            properties: {
              '@id': { type: 'string', format: 'iri' },
              name: { type: 'string', minLength: 1 },
              description: { type: 'string' },
              aliases: { type: 'array', uniqueItems: true, items: { type: 'string' } },
            },
          },
          products: {
            type: 'array',
            minItems: 1,
            uniqueItems: true,
            items: {
              type: 'object',
              required: ['@id'],
              additionalProperties: false,
              properties: { '@id': { type: 'string', pattern: '^pkg:' } },
            },
          },
          status: { enum: ['not_affected', 'affected', 'fixed', 'under_investigation'] },
          justification: {
            enum: [
              'component_not_present',
              'vulnerable_code_not_present',
              'vulnerable_code_not_in_execute_path',
              'vulnerable_code_cannot_be_controlled_by_adversary',
              'inline_mitigations_already_exist',
            ],
          },
          impact_statement: { type: 'string' },
          action_statement: { type: 'string' },
          status_notes: { type: 'string' },
        },
        allOf: [
          {
            if: { properties: { status: { const: 'not_affected' } } },
            // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then
            then: { anyOf: [{ required: ['justification'] }, { required: ['impact_statement'] }] },
          },
          {
            if: { properties: { status: { const: 'affected' } } },
            // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then
            then: { required: ['action_statement'] },
          },
          {
            if: { not: { properties: { status: { const: 'not_affected' } } } },
            // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then
            then: { not: { required: ['justification'] } },
          },
        ],
      },
    },
  },
};

// strictRequired off: the conditional branches name properties defined one level up, as the spec's own schema does.
const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
formats.default(ajv);
ajv.addFormat('iri', /^[a-z][a-z0-9+.-]*:\S+$/i);
const validate = ajv.compile(OPENVEX_RULES);

function assertOpenVex(document: unknown): void {
  assert.ok(validate(document), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
}

function component(
  name: string,
  version: string,
  scope: Component['scope'] = 'prod',
  path = 'package-lock.json',
): Component {
  return {
    purl: makePurl('npm', name, version),
    ecosystem: 'npm',
    name,
    version,
    scope,
    direct: true,
    licenses: [],
    location: { path, line: 10 },
    source: { type: 'registry' },
    dependencies: [],
  };
}

function finding(
  target: Component,
  ids: string[],
  reachability: Finding['reachability'],
  evidence = '',
): Finding {
  const f: Finding = {
    id: `${target.name}-${ids[0]}-${target.location.path}`,
    kind: 'vulnerability',
    ruleId: ids.find((i) => i.startsWith('GHSA-')) ?? ids[0]!,
    title: 'a flaw',
    severity: 'high',
    location: { ...target.location },
    component: target,
    advisory: { osv: { id: ids[0]!, modified: '2024-01-01T00:00:00Z' }, ids },
    evidence: `${target.name}@${target.version} is in the affected range of ${ids.join(', ')}${evidence}`,
    fingerprint: 'f',
    risk: { score: 50, factors: [] },
    remediation: { text: `upgrade ${target.name} to 9.9.9`, fixedVersion: '9.9.9' },
  };
  if (reachability) f.reachability = reachability;
  return f;
}

const lodash = component('lodash', '4.17.15');
const minimatch = component('minimatch', '3.0.4', 'dev');
const qs = component('qs', '6.7.0');
const request = component('request', '2.88.0');

const result: ScanResult = {
  schemaVersion: 1,
  target: 'shop',
  components: [lodash, minimatch, qs, request],
  findings: [
    finding(
      lodash,
      ['CVE-2021-23337', 'GHSA-35jh-r3h4-6jhm'],
      'function-reachable',
      '; reachability: function-reachable: template used by reachable code (package.json:5 > src/server.js:5 > src/routes/reports.js:3 > lodash > template at src/routes/reports.js:5)',
    ),
    finding(
      minimatch,
      ['CVE-2022-3517', 'GHSA-f8q6-p94x-37v3'],
      'unreachable',
      '; reachability: unreachable: dev-only: no production module reachable from the entry points src/server.js imports it',
    ),
    finding(
      request,
      ['GHSA-p8p7-x288-28g6'],
      'unreachable',
      '; reachability: unreachable: no module reachable from the entry points src/server.js imports it',
    ),
    finding(
      qs,
      ['CVE-2022-24999', 'GHSA-hrpp-h998-j3pp'],
      'unknown',
      '; reachability: unknown: a dependency of express@4.17.1, whose code was not analysed (not installed or loaded dynamically)',
    ),
    finding(
      component('qs', '6.7.0', 'prod', 'admin/package-lock.json'),
      ['CVE-2022-24999', 'GHSA-hrpp-h998-j3pp'],
      'imported',
      '; reachability: imported: imported by production code (admin/package.json:5 > admin/index.js:2 > qs)',
    ),
    finding(component('jquery', '3.3.1'), ['CVE-2019-11358', 'GHSA-6c3j-c64m-qhgq'], undefined),
    {
      ...finding(component('moment', '2.29.1'), ['CVE-2022-24785', 'GHSA-8hfj-j24r-96c4'], 'imported'),
      suppressed: {
        reason: 'not affected (vulnerable_code_not_in_execute_path: locale() never gets user input)',
        by: 'VEX vex/shop.openvex.json',
      },
    },
  ],
  decisions: [],
  coverage: { files: [], unresolved: [] },
  projects: [],
};

const reproducible: ReportContext = {
  toolVersion: '0.1.0',
  reproducible: true,
  color: false,
  view: 'findings',
};

describe('writeOpenVex', () => {
  const document = JSON.parse(writeOpenVex(result, reproducible));

  it('is an OpenVEX 0.2.0 document by the spec', () => assertOpenVex(document));

  it('the rules reject what the spec forbids (so passing them means something)', () => {
    const statement = (extra: object) => ({
      ...document,
      statements: [{ vulnerability: { name: 'CVE-1' }, products: [{ '@id': 'pkg:npm/x@1' }], ...extra }],
    });
    for (const bad of [
      statement({ status: 'affected' }),
      statement({ status: 'not_affected' }),
      statement({
        status: 'affected',
        action_statement: 'upgrade',
        justification: 'vulnerable_code_not_present',
      }),
      statement({ status: 'not_affected', justification: 'unreachable' }),
      statement({ status: 'maybe' }),
      { ...document, author: undefined },
    ]) {
      assert.equal(validate(JSON.parse(JSON.stringify(bad))), false, JSON.stringify(bad.statements));
    }
  });

  it('states each vulnerability per product: reachability decides the status, evidence goes with it', () => {
    assert.deepEqual(document.statements, [
      {
        vulnerability: { name: 'CVE-2019-11358', aliases: ['GHSA-6c3j-c64m-qhgq'] },
        products: [{ '@id': 'pkg:npm/jquery@3.3.1' }],
        status: 'under_investigation',
        status_notes: 'reachability not analysed',
      },
      {
        vulnerability: { name: 'CVE-2021-23337', aliases: ['GHSA-35jh-r3h4-6jhm'] },
        products: [{ '@id': 'pkg:npm/lodash@4.17.15' }],
        status: 'affected',
        action_statement: 'upgrade lodash to 9.9.9',
        status_notes:
          'function-reachable: template used by reachable code (package.json:5 > src/server.js:5 > src/routes/reports.js:3 > lodash > template at src/routes/reports.js:5)',
      },
      {
        vulnerability: { name: 'CVE-2022-24785', aliases: ['GHSA-8hfj-j24r-96c4'] },
        products: [{ '@id': 'pkg:npm/moment@2.29.1' }],
        status: 'not_affected',
        impact_statement:
          'not affected (vulnerable_code_not_in_execute_path: locale() never gets user input) (VEX vex/shop.openvex.json)',
      },
      {
        // The same qs@6.7.0 is imported by the admin app: one place reaching it is enough.
        vulnerability: { name: 'CVE-2022-24999', aliases: ['GHSA-hrpp-h998-j3pp'] },
        products: [{ '@id': 'pkg:npm/qs@6.7.0' }],
        status: 'affected',
        action_statement: 'upgrade qs to 9.9.9',
        status_notes: 'imported: imported by production code (admin/package.json:5 > admin/index.js:2 > qs)',
      },
      {
        vulnerability: { name: 'CVE-2022-3517', aliases: ['GHSA-f8q6-p94x-37v3'] },
        products: [{ '@id': 'pkg:npm/minimatch@3.0.4' }],
        status: 'not_affected',
        justification: 'vulnerable_code_not_present',
        impact_statement:
          'unreachable: dev-only: no production module reachable from the entry points src/server.js imports it',
      },
      {
        vulnerability: { name: 'GHSA-p8p7-x288-28g6' },
        products: [{ '@id': 'pkg:npm/request@2.88.0' }],
        status: 'not_affected',
        justification: 'vulnerable_code_not_in_execute_path',
        impact_statement: 'unreachable: no module reachable from the entry points src/server.js imports it',
      },
    ]);
  });

  it('carries author, tooling, version and, when reproducible, a fixed time and a content-derived @id', () => {
    assert.equal(document.author, 'Palisade');
    assert.equal(document.tooling, 'Palisade 0.1.0');
    assert.equal(document.version, 1);
    assert.equal(document.timestamp, '1970-01-01T00:00:00.000Z');
    assert.match(document['@id'], /^https:\/\/openvex\.dev\/docs\/public\/vex-[0-9a-f]{64}$/);
    assert.equal(writeOpenVex(result, reproducible), writeOpenVex(result, reproducible));
    const other = writeOpenVex({ ...result, findings: result.findings.slice(1) }, reproducible);
    assert.notEqual(JSON.parse(other)['@id'], document['@id']);
  });

  it('otherwise the current time and a random @id', () => {
    const live = JSON.parse(writeOpenVex(result, { ...reproducible, reproducible: false }));
    assertOpenVex(live);
    assert.match(live['@id'], /^urn:uuid:[0-9a-f-]{36}$/);
    assert.ok(Date.now() - Date.parse(live.timestamp) < 60_000);
  });

  it('writes an empty statement list when there is nothing to state', () => {
    const empty = JSON.parse(writeOpenVex({ ...result, findings: [] }, reproducible));
    assert.deepEqual(empty.statements, []);
  });
});
