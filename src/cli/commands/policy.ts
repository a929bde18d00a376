import type { Command } from 'commander';
import { PalisadeError } from '../../model/index.ts';
import { ExitCode, type RunState } from '../exit-codes.ts';
import { resolveOption } from '../options.ts';
import { emit } from '../output.ts';
import { configFor, withOptions } from './common.ts';
import { readYamlFiles } from './policy-files.ts';

/** `palisade policy lint|test|export`: policies are code, linted and unit-tested like code. */
export function registerPolicy(program: Command, run: RunState): void {
  const policy = program
    .command('policy')
    .description('policy as code: lint, test and export CEL policies (Kubernetes ValidatingAdmissionPolicy)');

  withOptions(
    policy
      .command('lint')
      .description('compile every expression; report each problem with file:line')
      .argument('<paths...>', 'policy files or directories'),
    ['format', 'output', 'quiet'],
  ).action(async (paths: string[], flags: Record<string, unknown>) => {
    const { lintPolicyFiles, formatIssue } = await import('../../policy/index.ts');
    const config = configFor('.', flags);
    const issues = lintPolicyFiles(readYamlFiles(paths));
    const format = flags.format === undefined ? 'table' : resolveOption('format', flags, config);
    const text =
      format === 'json'
        ? `${JSON.stringify({ issues }, null, 2)}\n`
        : `${issues.map((i) => `${i.severity}: ${formatIssue(i)}`).join('\n')}${issues.length ? '\n' : ''}${issues.length} problem${issues.length === 1 ? '' : 's'}\n`;
    emit(text, resolveOption('output', flags, config));
    if (issues.some((i) => i.severity === 'error')) run.exitCode = ExitCode.PolicyFailed;
  });

  withOptions(
    policy
      .command('test')
      .description('run policy test files (resources and the expected allow/warn/deny per policy)')
      .argument('<paths...>', 'PolicyTest files or directories'),
    ['format', 'output', 'quiet'],
  ).action(async (paths: string[], flags: Record<string, unknown>) => {
    const { parsePolicyTests, runPolicyTests, toJUnitXml, formatIssue } = await import(
      '../../policy/index.ts'
    );
    const config = configFor('.', flags);
    // Test folders also hold the fixtures the tests point at: only PolicyTest files are suites.
    const suites = readYamlFiles(paths)
      .filter((f) => /^kind:\s*PolicyTest\b/m.test(f.text))
      .flatMap((f) => parsePolicyTests(f.path, f.text));
    if (suites.length === 0)
      throw new PalisadeError('usage', `${paths.join(' ')}: no PolicyTest documents found`);
    const report = runPolicyTests(suites);
    const format = flags.format === undefined ? 'table' : resolveOption('format', flags, config);
    let text: string;
    if (format === 'junit') text = toJUnitXml(report);
    else if (format === 'json') text = `${JSON.stringify(report, null, 2)}\n`;
    else {
      const lines = report.results.map(
        (r) =>
          `${r.pass ? 'pass' : 'FAIL'}  ${r.suite} / ${r.case}: ${r.policy} on ${r.resource}: expected ${r.expected}, got ${r.actual}${r.pass ? '' : ` (${r.path}:${r.line}: ${r.message})`}`,
      );
      lines.push(...report.errors.map((e) => `error ${formatIssue(e)}`));
      lines.push(`${report.passed} passed, ${report.failed} failed`);
      text = `${lines.join('\n')}\n`;
    }
    emit(text, resolveOption('output', flags, config));
    if (report.failed > 0 || report.errors.length > 0) run.exitCode = ExitCode.PolicyFailed;
  });

  withOptions(
    policy
      .command('export')
      .description('write policies as native ValidatingAdmissionPolicy and Binding manifests')
      .option('--to <target>', 'export target (vap)', 'vap')
      .option('--mode <mode>', 'audit or enforce for every generated binding')
      .argument('<refs...>', 'policy files, directories or builtin:NAME sets'),
    ['output', 'quiet'],
  ).action(async (refs: string[], flags: Record<string, unknown>) => {
    if (flags.to !== 'vap')
      throw new PalisadeError('usage', `--to ${String(flags.to)}: the only export target is vap`);
    if (flags.mode !== undefined && flags.mode !== 'audit' && flags.mode !== 'enforce') {
      throw new PalisadeError('usage', `--mode ${String(flags.mode)}: use audit or enforce`);
    }
    const { exportPolicies } = await import('../../policy/index.ts');
    const { loadPolicyRefs } = await import('./policy-refs.ts');
    const config = configFor('.', flags);
    const result = exportPolicies(
      loadPolicyRefs(refs),
      flags.mode ? { mode: flags.mode as 'audit' | 'enforce' } : {},
    );
    for (const s of result.skipped) process.stderr.write(`palisade: skipped ${s.policy}: ${s.reason}\n`);
    emit(result.yaml, resolveOption('output', flags, config));
  });
}
