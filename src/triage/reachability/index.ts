export { analyzeReachability, type ReachabilityOptions } from './analyze.ts';
export { applyReachability, PackageVerdicts, type ReachabilityVerdict } from './apply.ts';
export { fileReader, listProjectFiles } from './files.ts';
export { analyzeJsReachability, type JsAnalysisOptions } from './js-analyze.ts';
export { analyzePythonReachability, moduleNames } from './python.ts';
export { createNodeResolver, type ModuleResolver } from './resolver.ts';
export { type VulnerableSymbols, vulnerableSymbols } from './symbols.ts';
export type * from './types.ts';
