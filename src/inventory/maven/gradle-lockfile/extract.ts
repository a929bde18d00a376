import { PalisadeError } from '../../../model/index.ts';
import { ComponentCollector } from '../../collector.ts';
import { basename, dirname, type ExtractInput, type ExtractResult } from '../../extractor.ts';
import { excerpt } from '../excerpt.ts';
import { ScopeRule } from './configurations.ts';
import { declaredModules } from './declared.ts';

const REGENERATE = 'regenerate it with `gradle dependencies --write-locks`';
const LEGACY_DIR = /(?:^|\/)gradle\/dependency-locks\/([^/]+)\.lockfile$/;
// group:artifact:version, then `=configurations` in the Gradle 6+ format.
const ENTRY = /^([^\s:=]+):([^\s:=]+):([^\s:=]+)(?:=([^\s=]*))?$/;

interface Entry {
  group: string;
  artifact: string;
  version: string;
  configurations: string[];
  line: number;
}

/**
 * gradle.lockfile and buildscript-gradle.lockfile (Gradle 6+: `group:artifact:version=configurations`,
 * `empty=configurations`), and the Gradle 4.8–5 per-configuration files
 * gradle/dependency-locks/<configuration>.lockfile (`group:artifact:version`). Every resolved module is
 * listed flat, with no edges; direct means named in the build script beside it (see declared.ts).
 */
export function extractGradleLockfile(input: ExtractInput): ExtractResult {
  const legacy = LEGACY_DIR.exec(input.path);
  const { entries, locked } = parse(input.path, input.contents, legacy?.[1]);
  const projectDir = legacy ? dirname(dirname(dirname(input.path))) : dirname(input.path);
  const declared = declaredModules(input, projectDir);
  const rule = new ScopeRule(locked);
  const collector = new ComponentCollector('Maven', input.path);
  for (const entry of entries) {
    const name = `${entry.group}:${entry.artifact}`;
    collector.add({
      name,
      version: entry.version,
      scope: rule.scopeOf(entry.configurations),
      direct: declared?.has(name) ?? false,
      line: entry.line,
    });
  }
  return collector.result();
}

function parse(
  path: string,
  text: string,
  legacyConfiguration: string | undefined,
): { entries: Entry[]; locked: Set<string> } {
  const entries: Entry[] = [];
  const locked = new Set<string>(legacyConfiguration === undefined ? [] : [legacyConfiguration]);
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = (lines[index] ?? '').trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('empty=')) {
      for (const configuration of splitList(line.slice('empty='.length))) locked.add(configuration);
      continue;
    }
    const match = ENTRY.exec(line);
    const [, group, artifact, version, list] = match ?? [];
    if (!group || !artifact || !version || (list === undefined) !== (legacyConfiguration !== undefined)) {
      const expected =
        legacyConfiguration === undefined
          ? 'group:artifact:version=configurations'
          : 'group:artifact:version';
      throw new PalisadeError(
        'input',
        `${path}:${index + 1}: expected ${expected}, found "${excerpt(line, 60)}"; ${REGENERATE}`,
      );
    }
    const configurations = list === undefined ? [legacyConfiguration ?? basename(path)] : splitList(list);
    for (const configuration of configurations) locked.add(configuration);
    entries.push({ group, artifact, version, configurations, line: index + 1 });
  }
  return { entries, locked };
}

function splitList(list: string): string[] {
  return list.split(',').filter((item) => item !== '');
}
