import { defineScheme, type VersionScheme } from './scheme.ts';
import { compareSemVer, formatSemVer, parseSemVer, type SemVer } from './semver.ts';

/**
 * Go module versions (golang.org/x/mod/semver): SemVer 2.0.0 with a `v` prefix and the `vMAJOR`
 * and `vMAJOR.MINOR` shorthands. `+incompatible` is build metadata and so does not order;
 * pseudo-versions (v0.0.0-20200622213623-75b288015ac9, v1.2.4-0.2020…) are prereleases and sort
 * where Go puts them. OSV Go records drop the `v`, so it is optional here.
 */
function parseGo(version: string): SemVer | null {
  const text = version.charCodeAt(0) === 118 ? version.slice(1) : version;
  if (/^(0|[1-9]\d*)$/.test(text)) return parseSemVer(`${text}.0.0`);
  if (/^(0|[1-9]\d*)\.(0|[1-9]\d*)$/.test(text)) return parseSemVer(`${text}.0`);
  return parseSemVer(text);
}

export const goScheme: VersionScheme = defineScheme<SemVer>({
  name: 'Go module',
  parse: parseGo,
  compare: compareSemVer,
  normalize: (v) => `v${formatSemVer(v)}`,
});
