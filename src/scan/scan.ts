import type { AdvisoryLookup } from '../advisories/lookup.ts';
import { matchComponents } from '../advisories/match.ts';
import { type InventoryOptions, inventoryDirectory, listTree } from '../inventory/scan.ts';
import { atLeast, type ScanResult, type Severity } from '../model/index.ts';
import { findTreeSecrets, type TreeSecretsOptions } from '../secrets/find.ts';
import type { IgnoreEntry } from '../triage/ignore-file.ts';
import { type TriageOutcome, triageFindings } from '../triage/risk/index.ts';
import { applySuppressions } from '../triage/suppress.ts';
import type { VexStatement } from '../triage/vex/statement.ts';
import { compareVersions } from '../versioning/index.ts';

export interface ScanOptions {
  inventory: InventoryOptions;
  /** Where advisories come from; chosen by the caller (local database, OSV API, npm registry). */
  advisories: (components: ScanResult['components']) => Promise<AdvisoryLookup>;
  ignore: readonly IgnoreEntry[];
  vex: readonly VexStatement[];
  /** YYYY-MM-DD, for ignore-entry expiry. */
  today: string;
  /** Findings below it are left out of the result. */
  minimumSeverity: Severity;
  /** Extra JS/TS entry points for reachability (palisade.yaml `reachability.entryPoints`). */
  entryPoints?: readonly string[];
  /** Declared exposure; detected from the repository's Kubernetes manifests otherwise. */
  exposure?: 'internet' | 'internal';
  /** The secret scan of the same files (rules, size limit, `--verify`); absent: no secret scan. */
  secrets?: Omit<TreeSecretsOptions, 'paths' | 'exclude' | 'gitignore'>;
}

export interface ScanOutcome {
  result: ScanResult;
  /** The noise summary, the ranked upgrades and the exposure that risk was scored with. */
  triage: Omit<TriageOutcome, 'findings' | 'analyses'>;
  /** Things the user must see that are not findings: expired suppressions, unmatched components. */
  warnings: string[];
}

/**
 * The scan pipeline: inventory -> advisories -> findings, and secrets over the same walked files
 * -> suppressions -> triage (reachability, exposure, risk). Wiring only; each
 * step is its module's pure function, and partial failure (a corrupt lockfile, a component
 * whose version its ecosystem cannot compare) lands in coverage, never in silence.
 */
export async function scanDirectory(dir: string, options: ScanOptions): Promise<ScanOutcome> {
  const secretScan = options.secrets;
  const files = secretScan ? listTree(dir, options.inventory) : undefined;
  const result = inventoryDirectory(dir, files ? { ...options.inventory, paths: files } : options.inventory);
  const lookup = await options.advisories(result.components);
  const matched = await matchComponents(result.components, lookup);
  for (const miss of matched.unmatched) {
    result.coverage.unresolved.push({
      path: miss.path,
      line: 0,
      name: miss.purl,
      reason: `not matched: ${miss.reason}`,
    });
  }
  const secrets =
    secretScan && files
      ? await findTreeSecrets(dir, { ...secretScan, paths: files })
      : { findings: [], warnings: [] };
  const found = [...matched.findings, ...secrets.findings];
  const suppressed = applySuppressions(found, options.ignore, options.vex, options.today);
  const triage = triageFindings(dir, suppressed.findings, result.components, {
    compare: (ecosystem, a, b) => compareVersions(ecosystem, a, b),
    ...(options.entryPoints ? { entryPoints: options.entryPoints } : {}),
    ...(options.exposure ? { exposure: options.exposure } : {}),
  });
  result.findings = triage.findings.filter((f) => atLeast(f.severity, options.minimumSeverity));
  const { summary, exposure, upgrades } = triage;
  const warnings = [...secrets.warnings, ...suppressed.warnings];
  return { result, warnings, triage: { summary, exposure, upgrades } };
}

export { gateFailures } from './gate.ts';
