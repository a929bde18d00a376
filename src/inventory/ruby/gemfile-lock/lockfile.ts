import { PalisadeError } from '../../../model/index.ts';

export type GemSource =
  | { kind: 'gem'; remotes: string[] }
  | { kind: 'git'; remote: string; revision: string }
  | { kind: 'path'; remote: string }
  | { kind: 'plugin'; remote: string };

export interface LockedSpec {
  name: string;
  version: string;
  /** The platform suffix of `nokogiri (1.13.10-x86_64-linux)`; absent for pure-Ruby gems. */
  platform?: string;
  line: number;
  /** Names of the gems this spec depends on (their requirements are not needed). */
  dependencies: string[];
  source: GemSource;
}

export interface GemfileLock {
  specs: LockedSpec[];
  /** The DEPENDENCIES section: what the Gemfile declares. */
  dependencies: { name: string; line: number }[];
  rubyVersion?: string;
  bundledWith?: string;
}

const SOURCE_SECTIONS = new Set(['GEM', 'GIT', 'PATH', 'PLUGIN SOURCE']);
const REINSTALL = 'fix it or regenerate it with `bundle lock`';

interface NameVersion {
  indent: number;
  name: string;
  version?: string;
  platform?: string;
}

/**
 * Bundler's LockfileParser NAME_VERSION (`name (version[-platform])!`), without its backtracking
 * regex: the name ends at the first " (" of a line ending in ")", the platform at the first "-".
 */
function nameVersion(line: string): NameVersion | undefined {
  let indent = 0;
  while (line.charCodeAt(indent) === 32) indent++;
  if (indent !== 2 && indent !== 4 && indent !== 6) return undefined;
  let rest = line.slice(indent);
  if (rest.endsWith('!')) rest = rest.slice(0, -1);
  const open = rest.endsWith(')') ? rest.indexOf(' (') : -1;
  if (open < 0) return { indent, name: rest };
  const inner = rest.slice(open + 2, -1);
  const dash = inner.indexOf('-');
  if (dash < 0) return { indent, name: rest.slice(0, open), version: inner };
  return {
    indent,
    name: rest.slice(0, open),
    version: inner.slice(0, dash),
    platform: inner.slice(dash + 1),
  };
}

type Section =
  | { type: 'source'; header: string; options: Map<string, string>; specs: LockedSpec[]; line: number }
  | { type: 'dependencies' | 'ruby' | 'bundler' | 'other' };

/**
 * Reads a Gemfile.lock the way Bundler's LockfileParser does: unindented section headers, source
 * sections with two-space `key: value` options and four-space specs whose six-space lines are
 * their dependencies. Unknown sections (PLATFORMS, CHECKSUMS, future ones) are skipped.
 */
export function parseGemfileLock(path: string, text: string): GemfileLock {
  const lock: GemfileLock = { specs: [], dependencies: [] };
  const sources: Extract<Section, { type: 'source' }>[] = [];
  let section: Section = { type: 'other' };
  let sawDependencies = false;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] as string;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const lineNo = i + 1;
    if (line.trim() === '') continue;
    if (!line.startsWith(' ')) {
      section = openSection(line, lineNo);
      if (section.type === 'source') sources.push(section);
      sawDependencies ||= section.type === 'dependencies';
      continue;
    }
    switch (section.type) {
      case 'source':
        sourceLine(path, section, line, lineNo);
        break;
      case 'dependencies': {
        const entry = nameVersion(line);
        if (entry?.indent === 2) lock.dependencies.push({ name: entry.name, line: lineNo });
        break;
      }
      case 'ruby':
        lock.rubyVersion = line.trim();
        break;
      case 'bundler':
        lock.bundledWith = line.trim();
        break;
      default:
        break;
    }
  }
  if (!sawDependencies) {
    throw new PalisadeError(
      'input',
      `${path}:${lines.length}: no DEPENDENCIES section, so the file is truncated or not a Gemfile.lock; ${REINSTALL}`,
    );
  }
  for (const source of sources) for (const spec of finishSource(path, source)) lock.specs.push(spec);
  return lock;
}

function openSection(header: string, line: number): Section {
  const name = header.trimEnd();
  if (SOURCE_SECTIONS.has(name)) return { type: 'source', header: name, options: new Map(), specs: [], line };
  if (name === 'DEPENDENCIES') return { type: 'dependencies' };
  if (name === 'RUBY VERSION') return { type: 'ruby' };
  if (name === 'BUNDLED WITH') return { type: 'bundler' };
  return { type: 'other' };
}

function sourceLine(
  path: string,
  section: Extract<Section, { type: 'source' }>,
  line: string,
  lineNo: number,
): void {
  const entry = nameVersion(line);
  if (entry?.indent === 2) {
    const colon = line.indexOf(': ');
    // `remote:` repeats in GEM sections that merge several sources (Bundler < 2.2).
    if (colon > 0) appendOption(section.options, line.slice(2, colon), line.slice(colon + 2));
    return;
  }
  if (entry?.indent === 4) {
    const { name, version, platform } = entry;
    if (version === undefined || version === '') {
      throw new PalisadeError('input', `${path}:${lineNo}: spec "${name}" has no (version); ${REINSTALL}`);
    }
    const spec: LockedSpec = {
      name,
      version,
      line: lineNo,
      dependencies: [],
      source: { kind: 'gem', remotes: [] },
    };
    if (platform !== undefined && platform !== 'ruby') spec.platform = platform;
    section.specs.push(spec);
    return;
  }
  if (entry?.indent === 6) {
    const spec = section.specs.at(-1);
    if (!spec)
      throw new PalisadeError('input', `${path}:${lineNo}: dependency line before any spec; ${REINSTALL}`);
    spec.dependencies.push(entry.name);
  }
}

function appendOption(options: Map<string, string>, key: string, value: string): void {
  const previous = options.get(key);
  options.set(key, previous === undefined ? value : `${previous}\n${value}`);
}

function finishSource(path: string, section: Extract<Section, { type: 'source' }>): LockedSpec[] {
  const remote = section.options.get('remote');
  let source: GemSource;
  if (section.header === 'GEM') {
    source = { kind: 'gem', remotes: remote === undefined ? [] : remote.split('\n') };
  } else if (remote === undefined) {
    throw new PalisadeError(
      'input',
      `${path}:${section.line}: ${section.header} section has no remote:; ${REINSTALL}`,
    );
  } else if (section.header === 'GIT') {
    source = { kind: 'git', remote, revision: section.options.get('revision') ?? '' };
  } else if (section.header === 'PATH') {
    source = { kind: 'path', remote };
  } else {
    source = { kind: 'plugin', remote };
  }
  for (const spec of section.specs) spec.source = source;
  return section.specs;
}
