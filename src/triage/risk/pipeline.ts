import type { Component, Finding } from '../../model/index.ts';
import { analyzeReachability } from '../reachability/analyze.ts';
import { applyReachability } from '../reachability/apply.ts';
import { fileReader, listProjectFiles } from '../reachability/files.ts';
import type { ReachabilityAnalysis } from '../reachability/types.ts';
import { type CompareVersions, rankUpgrades, type UpgradeAdvice } from '../remediation/rank.ts';
import { detectExposure, type ExposureResult, resolveExposure } from './exposure.ts';
import { applyRisk, compareByRisk, type Exposure } from './formula.ts';
import { type NoiseSummary, noiseSummary } from './summary.ts';

export interface TriageOptions {
  /** Extra JS/TS entry points relative to the scan root (palisade.yaml `reachability.entryPoints`). */
  entryPoints?: readonly string[];
  /** Configured exposure (palisade.yaml `exposure`); detected from manifests otherwise. */
  exposure?: Exposure;
  /** The scan's file list relative to the scan root, to save walking the tree again. */
  files?: readonly string[];
  /** Version order for remediation ranking (versioning's `compareVersions`). */
  compare?: CompareVersions;
}

export interface TriageOutcome {
  /** Reachability and risk set, highest risk first. */
  findings: Finding[];
  summary: NoiseSummary;
  exposure: ExposureResult;
  upgrades: UpgradeAdvice[];
  analyses: ReachabilityAnalysis[];
}

/**
 * The triage step of a scan, after matching and suppressions: reachability per project directory,
 * exposure from the repository's manifests, risk per finding, the noise summary and the ranked
 * upgrades. Reads the scanned tree (the edge); everything it calls past that is pure.
 */
export function triageFindings(
  scanRoot: string,
  findings: readonly Finding[],
  components: readonly Component[],
  options: TriageOptions = {},
): TriageOutcome {
  const files = options.files ?? listProjectFiles(scanRoot);
  const analyses = analyzeReachability(scanRoot, components, {
    files,
    entryPoints: options.entryPoints ?? [],
  });
  const exposure = resolveExposure(detectExposure(files, fileReader(scanRoot)), options.exposure);
  const context = { exposure: exposure.exposure, exposureEvidence: exposure.summary };
  const triaged = applyRisk(applyReachability(findings, analyses, components), context).sort(compareByRisk);
  return {
    findings: triaged,
    summary: noiseSummary(triaged),
    exposure,
    upgrades: rankUpgrades(triaged, options.compare),
    analyses,
  };
}
