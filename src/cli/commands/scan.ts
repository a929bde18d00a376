import { join } from 'node:path';
import type { Command } from 'commander';
import type { Config } from '../../config/schema.ts';
import { nothingReadable } from '../../inventory/scan.ts';
import { PalisadeError, type ScanResult } from '../../model/index.ts';
import type { GateOutcome } from '../../scan/gate.ts';
import { ExitCode, type RunState } from '../exit-codes.ts';
import { resolveOption } from '../options.ts';
import { emit, progressReporter } from '../output.ts';
import {
  checkVerifyOnline,
  configFor,
  type Formats,
  inventoryOptions,
  report,
  targetDirectory,
  warn,
  withOptions,
} from './common.ts';
import { serverTarget, uploadMeta } from './server.ts';

const SCAN_FORMATS: Formats = ['table', 'json', 'sarif', 'markdown', 'junit', 'cyclonedx', 'openvex'];

export function registerScan(program: Command, run: RunState): void {
  withOptions(
    program
      .command('scan')
      .description(
        'find vulnerable and malicious dependencies and hard-coded secrets under dir; fail the build with --fail-on',
      )
      .argument('[dir]', 'project or monorepo root', '.')
      .option('--explain <finding-id>', 'show how the risk score of one finding was reached')
      .option('--upload <url>', 'also send the result to a Palisade server (token from PALISADE_TOKEN)')
      .option('--project <name>', 'project name for --upload')
      .option('--branch <name>', 'branch for --upload', 'main')
      .option('--environment <env>', 'ci, staging or prod, for --upload', 'ci')
      .option('--commit <sha>', 'commit for --upload'),
    [
      'format',
      'output',
      'quiet',
      'failOn',
      'failOnRisk',
      'severity',
      'ignoreFile',
      'vex',
      'policies',
      'auditPolicies',
      'offline',
      'npmAudit',
      'cacheDir',
      'osvApiUrl',
      'exclude',
      'gitignore',
      'maxFileSize',
      'secrets',
      'verify',
      'gitleaksConfig',
    ],
    { formats: SCAN_FORMATS, root: 'argument', check: checkScanFlags },
  ).action(async (dir: string, flags: Record<string, unknown>) => {
    // Loaded here, not at start-up: `palisade --help` and `inventory` need none of it.
    const [
      { scanDirectory },
      { IGNORE_FILE, loadIgnoreFile },
      { loadVex },
      { advisorySource },
      { secretStage },
    ] = await Promise.all([
      import('../../scan/scan.ts'),
      import('../../triage/ignore-file.ts'),
      import('../../triage/vex/load.ts'),
      import('./advisories.ts'),
      import('./secrets-setup.ts'),
    ]);
    const config = configFor(targetDirectory(dir), flags);
    const quiet = resolveOption('quiet', flags, config);
    const ignorePath = resolveOption('ignoreFile', flags, config);
    const ignore = loadIgnoreFile(ignorePath ?? join(dir, IGNORE_FILE), ignorePath !== undefined);
    const vex = resolveOption('vex', flags, config).flatMap(loadVex);
    const today = new Date().toISOString().slice(0, 10);
    const minimumSeverity = resolveOption('severity', flags, config);
    const { result, warnings, triage } = await scanDirectory(dir, {
      inventory: inventoryOptions(flags, config, progressReporter(quiet)),
      advisories: advisorySource(dir, flags, config, (m) => warn(m, quiet)),
      ignore,
      vex,
      today,
      minimumSeverity,
      ...(config.reachability?.entryPoints ? { entryPoints: config.reachability.entryPoints } : {}),
      ...(config.exposure ? { exposure: config.exposure } : {}),
      ...secretStage(dir, flags, config, quiet),
    });
    for (const message of warnings) warn(message, quiet);
    const refs = {
      own: resolveOption('policies', flags, config),
      audit: resolveOption('auditPolicies', flags, config),
    };
    let summary = triage.summary;
    if (refs.own.length + refs.audit.length > 0) {
      const [{ applyPolicies }, { compareByRisk, noiseSummary }] = await Promise.all([
        import('./scan-policies.ts'),
        import('../../triage/risk/index.ts'),
      ]);
      const inventory = inventoryOptions(flags, config, undefined);
      const risk = { exposure: triage.exposure.exposure, exposureEvidence: triage.exposure.summary };
      const context = { inventory, ignore, vex, today, minimumSeverity, risk };
      for (const message of await applyPolicies(dir, result, refs, context)) warn(message, quiet);
      // Misconfigurations join the ranking and the summary the other findings got in triage.
      result.findings.sort(compareByRisk);
      summary = noiseSummary(result.findings);
    }
    if (typeof flags.explain === 'string') {
      const { explainRisk } = await import('../../triage/risk/index.ts');
      const finding = result.findings.find((f) => f.id === flags.explain || f.fingerprint === flags.explain);
      if (!finding)
        throw new PalisadeError('usage', `--explain ${flags.explain}: no finding with that id in this scan`);
      emit(`${explainRisk(finding, triage.exposure.summary)}\n`, resolveOption('output', flags, config));
      return;
    }
    warn(summary.line, quiet);
    // The upgrades that remove the most risk: what to do first, in one line each.
    for (const upgrade of triage.upgrades.slice(0, 5)) warn(`fix first: ${upgrade.text}`, quiet);
    const { evaluateGate } = await import('../../scan/gate.ts');
    const gate = evaluateGate(result, {
      failOn: resolveOption('failOn', flags, config),
      failOnRisk: resolveOption('failOnRisk', flags, config),
    });
    await report(result, flags, config, SCAN_FORMATS, { view: 'findings', gate });
    if (typeof flags.upload === 'string') {
      const { uploadDocument } = await import('../../server/index.ts');
      const { writeJson } = await import('../../report/json.ts');
      const meta = uploadMeta(flags as Record<string, string | undefined>);
      const receipt = await uploadDocument(serverTarget(flags.upload), writeJson(result), meta);
      warn(`uploaded as scan ${receipt.scan.id} of ${receipt.scan.project}`, quiet);
    }
    run.exitCode = gateExitCode(result, gate, quiet);
  });
}

/** What can be refused before scanning: `--verify --offline`, an upload without project or token. */
function checkScanFlags(flags: Record<string, unknown>, config: Config): void {
  checkVerifyOnline(flags, config);
  if (typeof flags.upload === 'string') {
    uploadMeta(flags as Record<string, string | undefined>);
    serverTarget(flags.upload);
  }
}

/** The build gate: input errors first, then policy denials, then the severity and risk thresholds. */
function gateExitCode(result: ScanResult, gate: GateOutcome, quiet: boolean): number {
  if (nothingReadable(result)) return ExitCode.InputError;
  if (gate.denied.length > 0) {
    warn(`${gate.denied.length} finding${gate.denied.length === 1 ? '' : 's'} denied by policy`, quiet);
    return ExitCode.PolicyFailed;
  }
  const failing = gate.overThreshold.length;
  if (failing === 0) return ExitCode.Clean;
  warn(
    `${failing} finding${failing === 1 ? '' : 's'} at or above the --fail-on or --fail-on-risk threshold`,
    quiet,
  );
  return ExitCode.PolicyFailed;
}
