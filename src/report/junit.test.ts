import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Decision, Finding, ScanResult } from '../model/index.ts';
import type { ReportContext } from './context.ts';
import { writeJUnit } from './junit.ts';
import { assertGolden, TESTDATA, withSourceDateEpoch } from './testing.ts';

// Real findings of the demo shop (matched against real OSV records), one of them suppressed by VEX.
const result = JSON.parse(readFileSync(join(TESTDATA, 'findings-result.json'), 'utf8')) as ScanResult;
const context: ReportContext = { toolVersion: '0.1.0', reproducible: true, color: false, view: 'findings' };

interface Testcase {
  '@name': string;
  '@classname': string;
  '@time': string;
  failure?: { '#text': string; '@message': string; '@type': string };
  skipped?: { '@message': string };
}
interface Testsuite {
  '@name': string;
  '@package': string;
  '@id': string;
  '@timestamp': string;
  '@hostname': string;
  '@tests': string;
  '@failures': string;
  '@errors': string;
  '@skipped': string;
  '@time': string;
  properties: { property: { '@name': string; '@value': string }[] };
  testcase: Testcase[];
  'system-out': string;
  'system-err': string;
}

function parse(xml: string): Testsuite[] {
  assert.equal(XMLValidator.validate(xml), true, 'well-formed XML');
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    htmlEntities: true,
    isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
  });
  return (parser.parse(xml) as { testsuites: { testsuite?: Testsuite[] } }).testsuites.testsuite ?? [];
}

const outcome = (c: Testcase): string => (c.failure ? 'fail' : c.skipped ? 'skip' : 'pass');

describe('JUnit report', () => {
  it('has one testsuite per file with the Ant schema attributes, one testcase per finding', () => {
    const suites = parse(writeJUnit(result, context));
    assert.deepEqual(
      suites.map((s) => [s['@name'], s['@id'], s['@tests'], s['@failures'], s['@skipped']]),
      [
        ['api/requirements.txt', '0', '1', '1', '0'],
        ['web/package-lock.json', '1', '3', '2', '1'],
        ['worker/go.mod', '2', '2', '2', '0'],
      ],
    );
    for (const suite of suites) {
      // Windy Road's JUnit.xsd requires each of these; Jenkins' schema at least one property.
      assert.equal(suite['@package'], 'demo-shop');
      assert.equal(suite['@timestamp'], '1970-01-01T00:00:00');
      assert.equal(suite['@hostname'], 'localhost');
      assert.equal(suite['@errors'], '0');
      assert.equal(suite['@time'], '0');
      assert.deepEqual(suite.properties.property, [{ '@name': 'tool', '@value': 'palisade 0.1.0' }]);
      assert.equal(suite['system-out'], '');
      assert.equal(suite['system-err'], '');
      for (const c of suite.testcase) {
        assert.equal(c['@classname'], suite['@name']);
        assert.equal(c['@time'], '0');
      }
    }
  });

  it('fails open findings with severity, risk, fix and location; skips suppressed ones with the reason', () => {
    const cases = parse(writeJUnit(result, context)).flatMap((s) => s.testcase);
    const lodash = cases.find((c) => c['@name'] === 'GHSA-35jh-r3h4-6jhm lodash@4.17.15');
    assert.ok(lodash?.failure);
    assert.equal(lodash.failure['@type'], 'high');
    assert.equal(lodash.failure['@message'], result.findings[2]?.title);
    assert.equal(
      lodash.failure['#text'],
      [
        'severity: high',
        'risk: 0',
        'fix: upgrade to 4.17.21',
        'remediation: upgrade lodash to 4.17.21',
        'location: web/package-lock.json:1278',
        '',
      ].join('\n'),
    );
    const vexed = cases.find((c) => c['@name'] === 'GHSA-p6mc-m468-83gw lodash@4.17.15');
    assert.deepEqual(vexed?.skipped, {
      '@message': 'not affected (vulnerable_code_not_in_execute_path: merge of user objects never happens)',
    });
  });

  it('with a build gate, fails exactly what fails the build; denials without a finding fail on their own', () => {
    const denial: Decision = {
      verdict: 'deny',
      policy: 'no-root',
      mode: 'enforce',
      messages: ['runs as root'],
      subject: 'Deployment default/web',
    };
    const gate = { failing: new Set(['f2bfa5aa1b166104']), unmatched: [denial] };
    const suites = parse(writeJUnit(result, { ...context, gate }));
    const cases = suites.flatMap((s) => s.testcase);
    assert.deepEqual(
      cases.map((c) => `${outcome(c)} ${c['@name']}`),
      [
        'pass PYSEC-2021-142 PyYAML@5.3',
        'skip GHSA-p6mc-m468-83gw lodash@4.17.15',
        'pass GHSA-hrpp-h998-j3pp qs@6.7.0',
        'fail GHSA-35jh-r3h4-6jhm lodash@4.17.15',
        'pass GO-2026-5005 golang.org/x/crypto@v0.0.0-20200622213623-75b288015ac9',
        'pass GO-2023-2102 golang.org/x/net@v0.7.0',
        'fail no-root Deployment default/web',
      ],
    );
    const policy = suites.at(-1);
    assert.equal(policy?.['@name'], 'policy decisions');
    assert.deepEqual(policy?.testcase[0]?.failure, {
      '#text': 'policy: no-root (enforce)\nsubject: Deployment default/web\n',
      '@message': 'runs as root',
      '@type': 'deny',
    });
  });

  it('names a secret by its redacted value only, and escapes what XML 1.0 cannot carry', () => {
    const secret: Finding = {
      id: 's1',
      kind: 'secret',
      ruleId: 'github-pat',
      title: 'GitHub token <in "config"> & \u0001\u001b[31m',
      severity: 'critical',
      location: { path: 'deploy/.env\u0007', line: 3, column: 7 },
      evidence: 'ghp_…(40 chars)',
      fingerprint: 'f'.repeat(64),
      risk: { score: 95, factors: [{ name: 'priority', value: 'fix-now', weight: 0 }] },
      remediation: { text: 'revoke and rotate this credential first' },
    };
    const xml = writeJUnit({ ...result, findings: [secret] }, context);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting their absence
    assert.doesNotMatch(xml, /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    const [suite] = parse(xml);
    assert.equal(suite?.['@name'], 'deploy/.env\uFFFD');
    const [c] = suite?.testcase ?? [];
    assert.equal(c?.['@name'], 'github-pat ghp_…(40 chars)');
    assert.equal(c?.failure?.['@message'], 'GitHub token <in "config"> & \uFFFD\uFFFD[31m');
    assert.equal(
      c?.failure?.['#text'],
      [
        'severity: critical',
        'risk: 95 (fix-now)',
        'remediation: revoke and rotate this credential first',
        'location: deploy/.env\uFFFD:3',
        'value: ghp_…(40 chars) (redacted)',
        '',
      ].join('\n'),
    );
  });

  it('takes its timestamp from SOURCE_DATE_EPOCH when reproducible', () => {
    const xml = withSourceDateEpoch('1700000000', () => writeJUnit(result, context));
    assert.match(xml, /timestamp="2023-11-14T22:13:20"/);
  });

  it('writes an empty document for a clean scan', () => {
    assert.equal(
      writeJUnit({ ...result, findings: [] }, context),
      '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites/>\n',
    );
  });

  it('matches its golden file', () => assertGolden('findings.junit.xml', writeJUnit(result, context)));
});
