import type { TestCaseResult, TestReport } from './report.ts';

function xml(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: characters XML 1.0 cannot carry.
      .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, '')
  );
}

/**
 * The report as JUnit XML: one testsuite per suite, one testcase per result; skipped results are
 * `<skipped message=…>` (CI shows them, with the reason, as neither passed nor failed).
 */
export function toJUnitXml(report: TestReport): string {
  const bySuite = new Map<string, TestCaseResult[]>();
  for (const r of report.results) bySuite.set(r.suite, [...(bySuite.get(r.suite) ?? []), r]);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="palisade policy test" tests="${report.results.length + report.errors.length}" failures="${report.failed}" errors="${report.errors.length}" skipped="${report.skipped}">`,
  ];
  for (const [suite, results] of bySuite) {
    const failures = results.filter((r) => r.status === 'fail').length;
    const skipped = results.filter((r) => r.status === 'skip').length;
    lines.push(
      `  <testsuite name="${xml(suite)}" tests="${results.length}" failures="${failures}" skipped="${skipped}">`,
    );
    for (const r of results) {
      const attrs = `classname="${xml(suite)}" name="${xml(`${r.case} [${r.resource}] ${r.policy}`)}" file="${xml(r.path)}" line="${r.line}"`;
      if (r.status === 'pass') {
        lines.push(`    <testcase ${attrs}/>`);
        continue;
      }
      lines.push(`    <testcase ${attrs}>`);
      if (r.status === 'skip') lines.push(`      <skipped message="${xml(r.message)}"/>`);
      else lines.push(`      <failure message="${xml(r.message)}" type="${xml(`expected ${r.expected}`)}"/>`);
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  if (report.errors.length > 0) {
    lines.push(
      `  <testsuite name="errors" tests="${report.errors.length}" failures="0" errors="${report.errors.length}">`,
    );
    for (const e of report.errors) {
      lines.push(
        `    <testcase classname="errors" name="${xml(`${e.path}:${e.line}`)}" file="${xml(e.path)}" line="${e.line}">`,
      );
      lines.push(`      <error message="${xml(e.message)}"/>`);
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}
