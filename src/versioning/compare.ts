import { type Ecosystem, PalisadeError } from '../model/index.ts';
import { schemeFor } from './registry.ts';
import { quoteVersion, type VersionScheme } from './scheme.ts';

function invalidVersion(
  ecosystem: Ecosystem,
  scheme: VersionScheme,
  version: string,
  context = '',
): PalisadeError {
  return new PalisadeError(
    'input',
    `${context}${quoteVersion(version)} is not a valid ${ecosystem} version (${scheme.name} ordering); fix or remove it`,
  );
}

/** Throws PalisadeError('input') unless `version` is valid in `scheme`. */
export function requireValid(
  ecosystem: Ecosystem,
  scheme: VersionScheme,
  version: string,
  context = '',
): void {
  if (!scheme.isValid(version)) throw invalidVersion(ecosystem, scheme, version, context);
}

/**
 * Orders two versions of one ecosystem: negative when `a` sorts first, 0 when they are the same
 * version for that ecosystem (`1.0` and `1.0.0` in Maven), positive otherwise.
 * Throws PalisadeError('input') when either is not a valid version there.
 */
export function compareVersions(ecosystem: Ecosystem, a: string, b: string): number {
  const scheme = schemeFor(ecosystem);
  requireValid(ecosystem, scheme, a);
  requireValid(ecosystem, scheme, b);
  return Math.sign(scheme.compare(a, b));
}

/** As compareVersions, but `undefined` instead of an error when either version is invalid. */
export function tryCompare(ecosystem: Ecosystem, a: string, b: string): number | undefined {
  const scheme = schemeFor(ecosystem);
  if (!scheme.isValid(a) || !scheme.isValid(b)) return undefined;
  return Math.sign(scheme.compare(a, b));
}

export function isValidVersion(ecosystem: Ecosystem, version: string): boolean {
  return schemeFor(ecosystem).isValid(version);
}

/** The scheme's canonical spelling where it has one, else the version unchanged; throws like compareVersions. */
export function normalizeVersion(ecosystem: Ecosystem, version: string): string {
  const scheme = schemeFor(ecosystem);
  requireValid(ecosystem, scheme, version);
  return scheme.normalize ? scheme.normalize(version) : version;
}

/**
 * Sorts ascending by the ecosystem's order (a new array; equal versions keep their input order).
 * Throws PalisadeError('input') on the first invalid version.
 */
export function sortVersions(ecosystem: Ecosystem, versions: readonly string[]): string[] {
  const scheme = schemeFor(ecosystem);
  for (const version of versions) requireValid(ecosystem, scheme, version);
  return [...versions].sort((a, b) => scheme.compare(a, b));
}
