import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type Finding, makePurl, PalisadeError } from '../model/index.ts';
import { parseIgnoreFile } from './ignore-file.ts';
import { applySuppressions } from './suppress.ts';
import { parseVex } from './vex/load.ts';

const testdata = join(dirname(fileURLToPath(import.meta.url)), 'testdata');
const vexFile = (name: string) => parseVex(readFileSync(join(testdata, name), 'utf8'), name);

function finding(name: string, version: string, ids: string[], path = 'web/package-lock.json'): Finding {
  const purl = makePurl('npm', name, version);
  return {
    id: `${name}-${ids[0]}`,
    kind: 'vulnerability',
    ruleId: ids[0]!,
    title: `${ids[0]} in ${name}`,
    severity: 'high',
    location: { path, line: 10 },
    component: {
      purl,
      ecosystem: 'npm',
      name,
      version,
      scope: 'prod',
      direct: true,
      licenses: [],
      location: { path, line: 10 },
      source: { type: 'registry' },
      dependencies: [],
    },
    advisory: { osv: { id: ids[0]!, modified: '2024-01-01T00:00:00Z' }, ids },
    evidence: '',
    fingerprint: `${name}-${ids[0]}`,
    risk: { score: 0, factors: [] },
  };
}

const lodash = finding('lodash', '4.17.15', ['CVE-2021-23337', 'GHSA-35jh-r3h4-6jhm']);
const lodashProto = finding('lodash', '4.17.15', ['CVE-2020-8203', 'GHSA-p6mc-m468-83gw']);
const jwt = finding('jsonwebtoken', '8.5.1', ['CVE-2022-23529', 'GHSA-27h2-hvpr-p74q']);
const axios = finding('axios', '0.21.1', ['CVE-2021-3749', 'GHSA-cph5-m8f7-6c5x']);
const express = finding('express', '4.17.1', ['CVE-2024-29041', 'GHSA-rv95-896h-c2vc']);
const moment = finding('moment', '2.29.1', ['CVE-2022-24785', 'GHSA-8hfj-j24r-96c4']);
const all = [lodash, lodashProto, jwt, axios, express, moment];

const suppressedIds = (findings: Finding[]) =>
  findings
    .filter((f) => f.suppressed)
    .map((f) => f.ruleId)
    .sort();

describe('VEX input', () => {
  it('reads OpenVEX: not_affected suppresses with its justification, affected does not', () => {
    const { findings } = applySuppressions(all, [], vexFile('openvex.json'), '2026-11-23');
    assert.deepEqual(suppressedIds(findings), ['CVE-2021-23337']);
    assert.deepEqual(findings[0]?.suppressed, {
      reason:
        'not affected (vulnerable_code_not_in_execute_path: template() is never called with user input)',
      by: 'VEX openvex.json',
    });
  });

  it('reads CycloneDX VEX through bom-refs and BOM-Links; false_positive counts as not affected', () => {
    const { findings } = applySuppressions(all, [], vexFile('cyclonedx-vex.json'), '2026-11-23');
    assert.deepEqual(suppressedIds(findings), ['CVE-2020-8203', 'CVE-2022-23529']);
    assert.equal(
      findings.find((f) => f.ruleId === 'CVE-2022-23529')?.suppressed?.reason,
      'not affected (vulnerable_code_not_in_execute_path: secretOrPublicKey is never attacker-controlled)',
    );
  });

  it('reads CSAF VEX, resolving products through the product tree and relationships', () => {
    const statements = vexFile('csaf-vex.json');
    assert.equal(statements.length, 1, 'the product without a purl is skipped, not applied to everything');
    const { findings } = applySuppressions(all, [], statements, '2026-11-23');
    assert.deepEqual(suppressedIds(findings), ['CVE-2021-3749']);
    assert.match(
      findings.find((f) => f.ruleId === 'CVE-2021-3749')!.suppressed!.reason,
      /trim\(\) is never reached/,
    );
  });

  it('rejects what is not VEX with a one-line error', () => {
    const cases: [string, RegExp][] = [
      ['{', /x\.json: not valid JSON/],
      ['{"hello": 1}', /x\.json: not a VEX document this tool knows/],
      [
        '{"@context": "https://openvex.dev/ns/v0.2.0", "statements": [{"status": "nope"}]}',
        /x\.json: invalid OpenVEX \('statements\.0\.vulnerability'/,
      ],
    ];
    for (const [text, expected] of cases) {
      assert.throws(
        () => parseVex(text, 'x.json'),
        (e: unknown) => e instanceof PalisadeError && expected.test(e.message),
      );
    }
  });
});

describe('.palisade-ignore.yaml', () => {
  const text = `ignore:
  - id: GHSA-p6mc-m468-83gw
    reason: prototype pollution needs a merge of user objects, which we never do
    owner: web-team
    expires: 2027-01-31
  - purl: pkg:npm/moment
    reason: replaced by date-fns next sprint
    owner: alice
    expires: 2026-10-01
  - path: "web/**"
    id: CVE-2024-29041
    reason: behind the gateway's redirect filter
    owner: platform
    expires: "2026-11-23"
`;

  it('suppresses by id, purl and path; an expired entry warns and stops suppressing', () => {
    const entries = parseIgnoreFile('.palisade-ignore.yaml', text);
    const { findings, warnings } = applySuppressions(all, entries, [], '2026-11-23');
    assert.deepEqual(suppressedIds(findings), ['CVE-2020-8203', 'CVE-2024-29041']);
    assert.deepEqual(warnings, [
      'ignore entry for pkg:npm/moment (owner alice) expired on 2026-10-01; it no longer suppresses',
    ]);
    assert.equal(
      applySuppressions(all, entries, [], '2026-11-24').findings.filter((f) => f.suppressed).length,
      1,
    );
  });

  it('requires a reason, an owner, an expiry and something to match, with the line at fault', () => {
    const cases: [string, string][] = [
      [
        'ignore:\n  - id: X\n    owner: a\n    expires: 2027-01-01\n',
        ".palisade-ignore.yaml:2: 'ignore.0.reason': Invalid input: expected string, received undefined",
      ],
      [
        'ignore:\n  - reason: r\n    owner: a\n    expires: 2027-01-01\n',
        ".palisade-ignore.yaml:2: 'ignore.0': an entry needs at least one of id, purl or path",
      ],
      [
        'ignore:\n  - id: X\n    reason: r\n    owner: a\n    expires: soon\n',
        ".palisade-ignore.yaml:5: 'ignore.0.expires': expected a date like 2026-12-31",
      ],
      [
        'ignore:\n  - id: X\n    reason: r\n    owner: a\n    expires: 2027-01-01\n    note: x\n',
        ".palisade-ignore.yaml:6: 'ignore.0': unknown key 'note'",
      ],
    ];
    for (const [input, expected] of cases) {
      assert.throws(
        () => parseIgnoreFile('.palisade-ignore.yaml', input),
        (e: unknown) => e instanceof PalisadeError && e.message === expected,
        expected,
      );
    }
  });
});
