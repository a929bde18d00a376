import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { ScanResult } from '../model/index.ts';
import type { ReportContext } from './context.ts';
import { writeCycloneDxJson } from './cyclonedx.ts';
import { writeMarkdown } from './markdown.ts';
import { writeSarif } from './sarif.ts';
import { writeTable } from './table.ts';
import { assertGolden, assertValidCycloneDx, assertValidSarif, TESTDATA } from './testing.ts';

// Real findings of the demo shop (matched against real OSV records), one of them suppressed by VEX.
const result = JSON.parse(readFileSync(join(TESTDATA, 'findings-result.json'), 'utf8')) as ScanResult;
const context: ReportContext = { toolVersion: '0.1.0', reproducible: true, color: false, view: 'findings' };

describe('SARIF', () => {
  const sarif = JSON.parse(writeSarif(result, context));

  it('validates against the SARIF 2.1.0 schema', () => assertValidSarif(sarif));

  it('has one rule per advisory with the fix in its help, and results at the lockfile line', () => {
    const run = sarif.runs[0];
    assert.equal(run.tool.driver.rules.length, 6);
    const rule = run.tool.driver.rules.find((r: { id: string }) => r.id === 'GHSA-35jh-r3h4-6jhm');
    assert.match(rule.help.text, /Fix: upgrade lodash to 4\.17\.21/);
    assert.match(rule.help.text, /Identifiers: CVE-2021-23337, GHSA-35jh-r3h4-6jhm/);
    assert.equal(rule.properties['security-severity'], '7.2');
    const result0 = run.results.find((r: { ruleId: string }) => r.ruleId === 'GHSA-35jh-r3h4-6jhm');
    assert.equal(result0.level, 'error');
    assert.deepEqual(result0.locations[0].physicalLocation, {
      artifactLocation: { uri: 'web/package-lock.json', uriBaseId: '%SRCROOT%' },
      region: { startLine: 1278 },
    });
    assert.match(result0.partialFingerprints['palisade/v1'], /^[0-9a-f]{16}$/);
    assert.equal(run.tool.driver.rules[result0.ruleIndex].id, 'GHSA-35jh-r3h4-6jhm');
  });

  it('carries suppressions as SARIF suppressions and KEV/EPSS as properties', () => {
    const results = sarif.runs[0].results;
    const suppressed = results.find((r: { ruleId: string }) => r.ruleId === 'GHSA-p6mc-m468-83gw');
    assert.equal(suppressed.suppressions[0].kind, 'external');
    assert.match(suppressed.suppressions[0].justification, /vulnerable_code_not_in_execute_path/);
    const rapidReset = results.find((r: { ruleId: string }) => r.ruleId === 'GO-2023-2102');
    assert.equal(rapidReset.properties.kev, true);
  });

  it('matches its golden file', () => assertGolden('findings.sarif.json', writeSarif(result, context)));
});

describe('CycloneDX with vulnerabilities', () => {
  const bom = JSON.parse(writeCycloneDxJson(result, context));

  it('validates against the CycloneDX 1.6 schema', () => assertValidCycloneDx(bom));

  it('lists each advisory once with ratings, the fix, affects and analysis', () => {
    assert.equal(bom.vulnerabilities.length, 6);
    const lodash = bom.vulnerabilities.find((v: { id: string }) => v.id === 'GHSA-35jh-r3h4-6jhm');
    assert.deepEqual(
      lodash.references.map((r: { id: string }) => r.id),
      ['CVE-2021-23337'],
    );
    assert.equal(lodash.recommendation, 'upgrade lodash to 4.17.21');
    assert.deepEqual(lodash.affects, [
      { ref: 'pkg:npm/lodash@4.17.15', versions: [{ version: '4.17.15', status: 'affected' }] },
    ]);
    assert.equal(lodash.ratings[0].method, 'CVSSv31');
    const suppressed = bom.vulnerabilities.find((v: { id: string }) => v.id === 'GHSA-p6mc-m468-83gw');
    assert.equal(suppressed.analysis.state, 'not_affected');
    const components = new Set(bom.components.map((c: { 'bom-ref': string }) => c['bom-ref']));
    for (const v of bom.vulnerabilities) for (const a of v.affects) assert.ok(components.has(a.ref), a.ref);
  });
});

describe('markdown and table', () => {
  it('summarizes for a PR comment', () => {
    const markdown = writeMarkdown(result);
    assert.match(markdown, /\*\*5 open findings\*\*/);
    assert.match(markdown, /1 suppressed by the ignore file or VEX/);
    assert.match(markdown, /could not be read/);
    assertGolden('findings.md', markdown);
  });

  it('lists open findings with their fix and ends with coverage', () => {
    const table = writeTable(result, context);
    assert.match(
      table,
      /GHSA-35jh-r3h4-6jhm\s+lodash@4\.17\.15\s+upgrade to 4\.17\.21\s+web\/package-lock\.json:1278/,
    );
    assert.doesNotMatch(table, /GHSA-p6mc-m468-83gw/);
    assert.match(table, /Coverage: \d+ files found, \d+ parsed, 1 failed/);
    assertGolden('findings.txt', table);
  });
});
