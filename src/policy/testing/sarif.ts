import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TestCaseResult, TestReport } from './report.ts';

const KIND = { pass: 'pass', fail: 'fail', skip: 'notApplicable' } as const;

function uri(path: string): string {
  return isAbsolute(path) ? pathToFileURL(path).href : encodeURI(path.split('\\').join('/'));
}

function location(path: string, line: number) {
  return { physicalLocation: { artifactLocation: { uri: uri(path) }, region: { startLine: line } } };
}

/**
 * The report as SARIF 2.1.0: one rule per policy, one result per checked expectation with SARIF's
 * own result kinds (`pass`, `fail`, `notApplicable` for skipped, with the reason), located at the
 * test case; suites that could not run are tool execution notifications, so the run is marked
 * unsuccessful rather than clean.
 */
export function toSarif(report: TestReport, toolVersion: string): string {
  const policies = [...new Set(report.results.map((r) => r.policy))].sort();
  const index = new Map(policies.map((p, i) => [p, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Palisade',
            version: toolVersion,
            semanticVersion: toolVersion,
            informationUri: 'https://github.com/palisade-dev/palisade',
            rules: policies.map((id) => ({ id, shortDescription: { text: `policy ${id}` } })),
          },
        },
        automationDetails: { id: 'palisade/policy-test/' },
        invocations: [
          {
            executionSuccessful: report.errors.length === 0,
            toolExecutionNotifications: report.errors.map((e) => ({
              level: 'error',
              message: { text: e.message },
              locations: [location(e.path, e.line)],
            })),
          },
        ],
        results: report.results.map((r) => result(r, index.get(r.policy) ?? 0)),
        properties: { passed: report.passed, failed: report.failed, skipped: report.skipped },
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

function result(r: TestCaseResult, ruleIndex: number) {
  const what = `${r.suite} / ${r.case} [${r.resource}]: expected ${r.expected}, got ${r.actual}`;
  return {
    ruleId: r.policy,
    ruleIndex,
    kind: KIND[r.status],
    level: r.status === 'fail' ? 'error' : 'none',
    message: { text: r.message ? `${what}. ${r.message}` : what },
    locations: [location(r.path, r.line)],
    properties: {
      format: r.format,
      suite: r.suite,
      case: r.case,
      resource: r.resource,
      expected: r.expected,
      actual: r.actual,
    },
  };
}
