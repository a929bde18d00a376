import { formatIssue } from '../issues.ts';
import { toJUnitXml } from './junit.ts';
import type { TestReport } from './report.ts';
import { toSarif } from './sarif.ts';

/** The formats `policy test --format` takes; table first, the default. */
export const TEST_REPORT_FORMATS = ['table', 'json', 'junit', 'sarif'] as const;
export type TestReportFormat = (typeof TEST_REPORT_FORMATS)[number];

export interface TestReportWriter {
  format: TestReportFormat;
  write(report: TestReport, context: { toolVersion: string }): string;
}

/** Every way a test report is written, in one list: `--format` picks one. */
export const TEST_REPORT_WRITERS: readonly TestReportWriter[] = [
  { format: 'table', write: (report) => toTable(report) },
  { format: 'json', write: (report) => `${JSON.stringify(report, null, 2)}\n` },
  { format: 'junit', write: (report) => toJUnitXml(report) },
  { format: 'sarif', write: (report, context) => toSarif(report, context.toolVersion) },
];

const LABEL = { pass: 'pass', fail: 'FAIL', skip: 'skip' } as const;

/** One line per result (failures and skips with why and where), then errors, then the counts. */
export function toTable(report: TestReport): string {
  const lines = report.results.map((r) => {
    const head = `${LABEL[r.status]}  ${r.suite} / ${r.case}: ${r.policy} on ${r.resource}: expected ${r.expected}, got ${r.actual}`;
    return r.status === 'pass' ? head : `${head} (${r.path}:${r.line}: ${r.message})`;
  });
  lines.push(...report.errors.map((e) => `error ${formatIssue(e)}`));
  lines.push(`${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped`);
  return `${lines.join('\n')}\n`;
}
