import { stripVTControlCharacters } from 'node:util';
import { type Component, type ScanResult, SEVERITIES, type Severity } from '../model/index.ts';
import type { ReportContext } from './context.ts';
import { locationOf, subjectOf } from './finding-text.ts';

const BOLD = '\u001b[1m';
const DIM = '\u001b[2m';
const RED = '\u001b[31m';
const YELLOW = '\u001b[33m';
const RESET = '\u001b[0m';

export function writeTable(result: ScanResult, context: ReportContext): string {
  const paint = (code: string, text: string): string => (context.color ? `${code}${text}${RESET}` : text);
  const body = context.view === 'findings' ? findingsTable(result, paint) : inventoryTable(result, paint);
  return `${[...body, ...coverageSection(result, paint)].join('\n')}\n`;
}

type Paint = (code: string, text: string) => string;

/** Components grouped by the file they came from. */
function inventoryTable(result: ScanResult, paint: Paint): string[] {
  const byFile = new Map<string, Component[]>();
  for (const component of result.components) {
    const list = byFile.get(component.location.path) ?? [];
    list.push(component);
    byFile.set(component.location.path, list);
  }
  const out: string[] = [];
  for (const file of result.coverage.files) {
    if (file.status !== 'parsed') continue;
    const components = (byFile.get(file.path) ?? []).sort((a, b) => a.name.localeCompare(b.name));
    out.push(paint(BOLD, `${file.path} (${file.type}): ${plural(components.length, 'component')}`));
    if (components.length > 0) {
      out.push(
        ...columns(
          ['NAME', 'VERSION', 'SCOPE', 'DIRECT', 'LICENSES', 'LINE'],
          components.map((c) => [
            c.name,
            c.version ?? paint(YELLOW, '(unpinned)'),
            c.scope,
            c.direct ? 'yes' : '',
            c.licenses.join(', '),
            String(c.location.line),
          ]),
        ).map((line) => `  ${line}`),
      );
    }
    out.push('');
  }
  return out;
}

const SEVERITY_COLOR: Record<Severity, string> = {
  critical: RED,
  high: RED,
  medium: YELLOW,
  low: DIM,
  info: DIM,
};

/** Findings, most severe first, each with its fix; suppressed ones counted, not listed. */
function findingsTable(result: ScanResult, paint: Paint): string[] {
  const open = result.findings.filter((f) => !f.suppressed);
  const out: string[] = [];
  if (open.length > 0) {
    out.push(
      ...columns(
        ['RISK', 'SEVERITY', 'ID', 'SUBJECT', 'FIX', 'LOCATION'],
        open.map((f) => [
          String(f.risk.score),
          paint(SEVERITY_COLOR[f.severity], f.severity),
          f.ruleId,
          subjectOf(f),
          f.remediation?.fixedVersion
            ? `upgrade to ${f.remediation.fixedVersion}`
            : (f.remediation?.text ?? ''),
          locationOf(f),
        ]),
      ),
      '',
    );
  }
  const decisions = result.decisions.filter((d) => d.verdict !== 'allow');
  if (decisions.length > 0) {
    out.push(paint(BOLD, 'Policy decisions'));
    for (const d of decisions) {
      const label = d.verdict === 'deny' ? paint(RED, 'deny') : paint(YELLOW, d.verdict);
      out.push(`  ${label}  ${d.policy} (${d.mode}) on ${d.subject}: ${d.messages.join('; ')}`);
    }
    out.push('');
  }
  const bySeverity = SEVERITIES.map((s) => [s, open.filter((f) => f.severity === s).length] as const).filter(
    ([, n]) => n > 0,
  );
  const suppressed = result.findings.length - open.length;
  out.push(
    paint(
      BOLD,
      `${plural(open.length, 'finding')}${bySeverity.length > 0 ? ` (${bySeverity.map(([s, n]) => `${n} ${s}`).join(', ')})` : ''}` +
        `${suppressed > 0 ? `, ${suppressed} suppressed` : ''} in ${plural(result.components.length, 'component')}`,
    ),
  );
  return out;
}

function coverageSection(result: ScanResult, paint: Paint): string[] {
  const { files, unresolved } = result.coverage;
  const failed = files.filter((f) => f.status === 'failed');
  const parsed = files.filter((f) => f.status === 'parsed').length;
  const out = [
    paint(
      BOLD,
      `Coverage: ${plural(files.length, 'file')} found, ${parsed} parsed, ${failed.length} failed; ` +
        `${plural(result.components.length, 'component')}, ${unresolved.length} unresolved`,
    ),
  ];
  if (files.length === 0) out.push('  no lockfile or manifest found');
  for (const file of failed) out.push(`  ${paint(RED, 'failed')}  ${file.error ?? file.path}`);
  for (const entry of unresolved) {
    out.push(`  ${paint(DIM, 'unresolved')}  ${entry.path}:${entry.line} ${entry.name}: ${entry.reason}`);
  }
  return out;
}

/** Left-aligned columns, widths from visible text (ANSI codes excluded). */
export function columns(header: string[], rows: string[][]): string[] {
  const visible = (s: string): number => stripVTControlCharacters(s).length;
  const widths = header.map((h, i) => Math.max(visible(h), ...rows.map((r) => visible(r[i] ?? ''))));
  const render = (cells: string[]): string =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - visible(cell))))
      .join('  ')
      .trimEnd();
  return [render(header), ...rows.map(render)];
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
