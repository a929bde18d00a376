import { xmlElement as element, stringifyXml, type XmlElement } from '../../xml/stringify.ts';
import type { TestCaseResult, TestReport } from './report.ts';

function testcase(r: TestCaseResult): XmlElement {
  const attributes = {
    classname: r.suite,
    name: `${r.case} [${r.resource}] ${r.policy}`,
    file: r.path,
    line: r.line,
  };
  if (r.status === 'pass') return element('testcase', attributes);
  const outcome =
    r.status === 'skip'
      ? element('skipped', { message: r.message })
      : element('failure', { message: r.message, type: `expected ${r.expected}` });
  return element('testcase', attributes, [outcome]);
}

/**
 * The report as JUnit XML: one testsuite per suite, one testcase per result; skipped results are
 * `<skipped message=…>` (CI shows them, with the reason, as neither passed nor failed).
 */
export function toJUnitXml(report: TestReport): string {
  const bySuite = new Map<string, TestCaseResult[]>();
  for (const r of report.results) bySuite.set(r.suite, [...(bySuite.get(r.suite) ?? []), r]);
  const suites = [...bySuite].map(([suite, results]) =>
    element(
      'testsuite',
      {
        name: suite,
        tests: results.length,
        failures: results.filter((r) => r.status === 'fail').length,
        skipped: results.filter((r) => r.status === 'skip').length,
      },
      results.map(testcase),
    ),
  );
  if (report.errors.length > 0) {
    suites.push(
      element(
        'testsuite',
        { name: 'errors', tests: report.errors.length, failures: 0, errors: report.errors.length },
        report.errors.map((e) =>
          element(
            'testcase',
            { classname: 'errors', name: `${e.path}:${e.line}`, file: e.path, line: e.line },
            [element('error', { message: e.message })],
          ),
        ),
      ),
    );
  }
  return stringifyXml(
    element(
      'testsuites',
      {
        name: 'palisade policy test',
        tests: report.results.length + report.errors.length,
        failures: report.failed,
        errors: report.errors.length,
        skipped: report.skipped,
      },
      suites,
    ),
  );
}
