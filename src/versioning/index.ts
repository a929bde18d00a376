export { fixedVersions, isAffected } from './affected.ts';
export { compareVersions, isValidVersion, normalizeVersion, sortVersions, tryCompare } from './compare.ts';
export { schemeFor, VERSION_SCHEMES } from './registry.ts';
export type { VersionScheme } from './scheme.ts';
