// The policy module's public surface: the CEL engine, policy loading, evaluation (admission
// policies over resources, finding policies over findings), exceptions, the built-in library,
// policy tests, lint and export. Evaluation is pure: resources and params in, results with
// Decisions out; only the library registry and the test runner read files.

export {
  CostMeter,
  MATCH_CONDITIONS_BUDGET,
  PER_CALL_LIMIT,
  RUNTIME_BUDGET,
} from './cel/cost.ts';
export type { CelEngine, CelProgram, EngineSpec } from './cel/engine.ts';
export { MAX_EXPRESSION_LENGTH } from './cel/engine.ts';
export { AdmissionRequest, admissionEngine, findingEngine } from './cel/environments.ts';
export { CelError, type CelErrorKind, type CelPosition, isCelError } from './cel/errors.ts';
export {
  type Authorize,
  type AuthzAttributes,
  type AuthzResult,
  OFFLINE_AUTHORIZER,
} from './cel/k8s-authz.ts';
export { DEFAULT_VALUE_LIMITS, toCelValue, type ValueLimits } from './cel/values.ts';
export {
  type AppliedException,
  type ExceptionTarget,
  expiredExceptions,
  isExpired,
  matchException,
  type PolicyException,
} from './exceptions.ts';
export { type ExportOptions, type ExportResult, exportPolicies } from './export.ts';
export {
  type CompiledFindingPolicy,
  evaluateFindingPolicies,
  type FindingEvaluateOptions,
  type FindingPolicyResult,
  type FiredRule,
  findingToCel,
} from './finding-policy.ts';
export { formatIssue, IssueList, type PolicyIssue } from './issues.ts';
export {
  BUILTIN_PREFIX,
  isBuiltinRef,
  loadBuiltinSet,
  loadWholeLibrary,
  POLICY_SETS,
  type PolicySetName,
  policySetNames,
  SET_INPUTS,
} from './library/registry.ts';
export { type LintOptions, lintPolicyFiles } from './lint.ts';
export {
  checkBundle,
  compilePolicyText,
  emptyBundle,
  loadPolicies,
  mergeBundles,
  type PolicyBundle,
} from './load.ts';
export { confinedReader, type ReadText, readFromDisk, testRoot } from './testing/files.ts';
export { runTestFiles, TEST_FORMATS, type TestFileFormat, testFormatOf } from './testing/formats.ts';
export { toJUnitXml } from './testing/junit.ts';
export {
  type Expectation,
  evaluateIacCases,
  type IacCaseEvaluator,
  type IacCaseOptions,
  type IacFile,
  type PolicyTestCase,
  type PolicyTestSuite,
  parsePolicyTests,
  runPalisadeTests,
  runPolicyTests,
} from './testing/palisade.ts';
export {
  mergeReports,
  reportFailed,
  type TestCaseResult,
  type TestFormat,
  type TestReport,
  type TestStatus,
  testReport,
} from './testing/report.ts';
export { toSarif as toSarifTestReport } from './testing/sarif.ts';
export {
  TEST_REPORT_WRITERS,
  type TestReportFormat,
  type TestReportWriter,
  toTable as toTestTable,
} from './testing/writers.ts';
export {
  evaluateManifests,
  type Manifest,
  type ManifestEvaluation,
  manifestSetParam,
} from './vap/batch.ts';
export { type CompiledBinding, type CompiledPolicy, MODE_ANNOTATION } from './vap/compile.ts';
export {
  type EvaluateOptions,
  evaluatePolicies,
  type PolicyResult,
  type PolicySet,
  type Violation,
} from './vap/evaluate.ts';
export {
  type AdmissionInput,
  INPUT_GROUP_SUFFIX,
  type InputResource,
  isInputGroup,
  type Operation,
  type PreparedRequest,
  prepareInputRequest,
  prepareRequest,
  type ResourceRef,
  type UserInfo,
} from './vap/request.ts';
export { type ResourceInfo, resourceFor } from './vap/resources.ts';
export type { ValidationAction } from './vap/schema.ts';
