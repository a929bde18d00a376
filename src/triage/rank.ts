import type { Finding } from '../model/index.ts';
import { fileReader, listProjectFiles } from './reachability/files.ts';
import { detectExposure, resolveExposure } from './risk/exposure.ts';
import { applyRisk, compareByRisk, type Exposure } from './risk/formula.ts';

/**
 * Risk for the findings of a command that runs no full triage (`palisade secrets`): the formula
 * and the exposure (detected from the repository's manifests, or configured) that `scan` uses,
 * so a leaked credential scores the same in both. Highest risk first.
 */
export function rankFindings(root: string, findings: readonly Finding[], configured?: Exposure): Finding[] {
  const exposure = resolveExposure(detectExposure(listProjectFiles(root), fileReader(root)), configured);
  const context = { exposure: exposure.exposure, exposureEvidence: exposure.summary };
  return applyRisk(findings, context).sort(compareByRisk);
}
