export { explainRisk } from './explain.ts';
export { detectExposure, type ExposureEvidence, type ExposureResult, resolveExposure } from './exposure.ts';
export {
  applyRisk,
  compareByRisk,
  type Exposure,
  type Priority,
  priorityOf,
  type RiskContext,
  type RiskScore,
  scoreRisk,
} from './formula.ts';
export { riskGateFailures } from './gate.ts';
export { type TriageOptions, type TriageOutcome, triageFindings } from './pipeline.ts';
export { type NoiseReason, type NoiseSummary, noiseSummary, reasonOf } from './summary.ts';
