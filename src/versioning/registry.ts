import type { Ecosystem } from '../model/index.ts';
import { alpineScheme } from './alpine.ts';
import { debianScheme } from './debian.ts';
import { goScheme } from './go.ts';
import { mavenScheme } from './maven.ts';
import { npmScheme } from './npm.ts';
import { nugetScheme } from './nuget.ts';
import { packagistScheme } from './packagist.ts';
import { pubScheme } from './pub.ts';
import { pypiScheme } from './pypi.ts';
import { rubygemsScheme } from './rubygems.ts';
import type { VersionScheme } from './scheme.ts';
import { semverScheme } from './semver.ts';

/** The version scheme of every ecosystem; registry.test.ts checks that none is missing. */
export const VERSION_SCHEMES: Readonly<Record<Ecosystem, VersionScheme>> = {
  npm: npmScheme,
  PyPI: pypiScheme,
  Go: goScheme,
  'crates.io': semverScheme,
  Maven: mavenScheme,
  RubyGems: rubygemsScheme,
  Packagist: packagistScheme,
  NuGet: nugetScheme,
  Pub: pubScheme,
  Hex: semverScheme,
  Debian: debianScheme,
  Alpine: alpineScheme,
};

export function schemeFor(ecosystem: Ecosystem): VersionScheme {
  const scheme = VERSION_SCHEMES[ecosystem];
  // The record type covers every Ecosystem, but callers may pass strings from untrusted JSON.
  if (!scheme) throw new TypeError(`no version scheme for ecosystem "${String(ecosystem)}"`);
  return scheme;
}
