import { extractor as cargoLock } from './cargo/cargo-lock/index.ts';
import type { Extractor } from './extractor.ts';
import { extractor as goMod } from './go/go-mod/index.ts';
import { extractor as mixLock } from './hex/mix-lock/index.ts';
import { extractor as gradleLockfile } from './maven/gradle-lockfile/index.ts';
import { extractor as pomXml } from './maven/pom-xml/index.ts';
import { extractor as bunLock } from './npm/bun-lock/index.ts';
import { extractor as denoLock } from './npm/deno-lock/index.ts';
import { extractor as packageLock } from './npm/package-lock/index.ts';
import { extractor as pnpmLock } from './npm/pnpm-lock/index.ts';
import { extractor as yarnLock } from './npm/yarn-lock/index.ts';
import { extractor as packagesLock } from './nuget/packages-lock/index.ts';
import { extractor as composerLock } from './php/composer-lock/index.ts';
import { extractor as pubspecLock } from './pub/pubspec-lock/index.ts';
import { extractor as pdmLock } from './pypi/pdm-lock/index.ts';
import { extractor as pipfileLock } from './pypi/pipfile-lock/index.ts';
import { extractor as poetryLock } from './pypi/poetry-lock/index.ts';
import { extractor as pylock } from './pypi/pylock/index.ts';
import { extractor as requirements } from './pypi/requirements/index.ts';
import { extractor as uvLock } from './pypi/uv-lock/index.ts';
import { extractor as gemfileLock } from './ruby/gemfile-lock/index.ts';

/**
 * Every extractor, in one explicit list (no registration by import side effects). A new format is
 * one folder under src/inventory/<ecosystem>/<format>/ plus one line here; registry.test.ts checks
 * that the two agree.
 */
export const EXTRACTORS: readonly Extractor[] = [
  cargoLock,
  goMod,
  mixLock,
  gradleLockfile,
  pomXml,
  bunLock,
  denoLock,
  packageLock,
  pnpmLock,
  yarnLock,
  packagesLock,
  composerLock,
  pubspecLock,
  pdmLock,
  pipfileLock,
  poetryLock,
  pylock,
  requirements,
  uvLock,
  gemfileLock,
];

export function extractorsFor(path: string): Extractor[] {
  return EXTRACTORS.filter((extractor) => extractor.matches(path));
}
