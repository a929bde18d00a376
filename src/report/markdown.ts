import { type Finding, type ScanResult, SEVERITIES } from '../model/index.ts';
import { locationOf, subjectOf } from './finding-text.ts';

/** Rows shown before "and N more": a PR comment stays readable (GitHub caps comments at 65,536 chars). */
const MAX_ROWS = 25;

/** A PR-comment-sized summary: counts by severity, the most important findings with their fix. */
export function writeMarkdown(result: ScanResult): string {
  const open = result.findings.filter((f) => !f.suppressed);
  const suppressed = result.findings.length - open.length;
  const lines = [`### Palisade: ${result.target}`, ''];
  if (open.length === 0) {
    lines.push(`No open findings in ${result.components.length} components.`);
  } else {
    const counts = SEVERITIES.map((s) => [s, open.filter((f) => f.severity === s).length] as const).filter(
      ([, n]) => n > 0,
    );
    lines.push(
      `**${open.length} open finding${open.length === 1 ? '' : 's'}** (${counts.map(([s, n]) => `${n} ${s}`).join(', ')}) in ${result.components.length} components.`,
      '',
    );
    lines.push('| Severity | Subject | Finding | Fix | Location |', '| --- | --- | --- | --- | --- |');
    for (const finding of open.slice(0, MAX_ROWS)) lines.push(row(finding));
    if (open.length > MAX_ROWS)
      lines.push('', `…and ${open.length - MAX_ROWS} more; see the SARIF or JSON report.`);
  }
  if (suppressed > 0) lines.push('', `${suppressed} suppressed by the ignore file or VEX.`);
  const failed = result.coverage.files.filter((f) => f.status === 'failed');
  if (failed.length > 0) {
    lines.push('', `:warning: ${failed.length} file${failed.length === 1 ? '' : 's'} could not be read:`);
    for (const f of failed) lines.push(`- ${escapeCell(f.error ?? f.path)}`);
  }
  return `${lines.join('\n')}\n`;
}

function row(finding: Finding): string {
  const subject = subjectOf(finding);
  const fix = finding.remediation?.fixedVersion
    ? `upgrade to ${finding.remediation.fixedVersion}`
    : (finding.remediation?.text ?? '');
  const cells = [
    finding.severity,
    subject ? `\`${subject}\`` : '',
    `${finding.ruleId} ${finding.title}`,
    fix,
    locationOf(finding),
  ];
  return `| ${cells.map(escapeCell).join(' | ')} |`;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
