import { SemVer } from 'semver';
import { defineScheme, type VersionScheme } from './scheme.ts';

// GitHub's advisories for npm write bounds such as "1.0" or "2"; npm itself would never publish
// them, but they mean 1.0.0 and 2.0.0.
const PARTIAL = /^[v=]?\s*(\d+)(?:\.(\d+))?$/;

function parseNpm(version: string): SemVer | null {
  const trimmed = version.trim();
  const partial = PARTIAL.exec(trimmed);
  const text = partial ? `${partial[1]}.${partial[2] ?? '0'}.0` : trimmed;
  try {
    // loose: the `v`/`=` prefixes and the hyphen-less prerelease (`1.2.3beta`) npm itself accepts.
    return new SemVer(text, { loose: true });
  } catch {
    return null;
  }
}

/** npm: node-semver precedence (SemVer 2.0.0; build metadata ignored), in its loose grammar. */
export const npmScheme: VersionScheme = defineScheme<SemVer>({
  name: 'npm semver',
  parse: parseNpm,
  // SemVer#compare is main-then-prerelease; build metadata never takes part.
  compare: (a, b) => a.compare(b),
  normalize: (v) => v.version,
});
