/** Ecosystem names as OSV spells them, so advisories match components without translation. */
export const ECOSYSTEMS = [
  'npm',
  'PyPI',
  'Go',
  'crates.io',
  'Maven',
  'RubyGems',
  'Packagist',
  'NuGet',
  'Pub',
  'Hex',
  'Debian',
  'Alpine',
] as const;

export type Ecosystem = (typeof ECOSYSTEMS)[number];

/** purl type for each ecosystem (https://github.com/package-url/purl-spec/blob/master/PURL-TYPES.rst). */
export const PURL_TYPE: Record<Ecosystem, string> = {
  npm: 'npm',
  PyPI: 'pypi',
  Go: 'golang',
  'crates.io': 'cargo',
  Maven: 'maven',
  RubyGems: 'gem',
  Packagist: 'composer',
  NuGet: 'nuget',
  Pub: 'pub',
  Hex: 'hex',
  Debian: 'deb',
  Alpine: 'apk',
};
