import type { PolicyIssue } from '../issues.ts';

/** The test file formats `palisade policy test` runs. */
export type TestFormat = 'palisade' | 'gator' | 'kyverno';

export type TestStatus = 'pass' | 'fail' | 'skip';

/**
 * One checked expectation: a policy's verdict on a resource (Palisade), a gator case's
 * assertions, or one row of a kyverno-test `results` entry. `expected` and `actual` are in the
 * words of the format (`deny`, `violations: yes`, `fail`). A skipped result says why in `message`:
 * the policy is one Palisade cannot run (Rego, a Kyverno pattern), never a silent pass.
 */
export interface TestCaseResult {
  format: TestFormat;
  suite: string;
  case: string;
  /** `Kind namespace/name` of the resource, or the file of several. */
  resource: string;
  policy: string;
  expected: string;
  actual: string;
  status: TestStatus;
  /** Why it failed or was skipped, or the decision's messages when it passed. */
  message: string;
  path: string;
  line: number;
}

export interface TestReport {
  results: TestCaseResult[];
  passed: number;
  failed: number;
  skipped: number;
  /** Suites that could not be loaded or cases that could not run. */
  errors: PolicyIssue[];
}

/** A report of `results` and `errors`, with the counts filled in. */
export function testReport(results: TestCaseResult[], errors: PolicyIssue[] = []): TestReport {
  let passed = 0;
  let failed = 0;
  for (const r of results) {
    if (r.status === 'pass') passed++;
    else if (r.status === 'fail') failed++;
  }
  return { results, passed, failed, skipped: results.length - passed - failed, errors };
}

/** Several reports (one per file) as one. */
export function mergeReports(reports: readonly TestReport[]): TestReport {
  return testReport(
    reports.flatMap((r) => r.results),
    reports.flatMap((r) => r.errors),
  );
}

/** Whether a run of these tests should fail the build: a failed expectation or a suite that could not run. */
export function reportFailed(report: TestReport): boolean {
  return report.failed > 0 || report.errors.length > 0;
}
