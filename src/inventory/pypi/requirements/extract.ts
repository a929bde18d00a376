import { normalizePypiName, PalisadeError, type Scope } from '../../../model/index.ts';
import { ComponentCollector } from '../../collector.ts';
import { basename, dirname, type ExtractInput, type ExtractResult, resolveSibling } from '../../extractor.ts';
import { LineIndex } from '../../lines.ts';
import { parseRequirementsFile, type RequirementEntry } from './parse.ts';

interface Located<T> {
  path: string;
  line: number;
  value: T;
}

/**
 * Requirements files: every requirement is direct (the file is what the project asks for), pinned by
 * `==`/`===` or left without a version. `-r` files are read in place and their entries located in
 * them. `-c` files only constrain: pip installs nothing a constraint names unless something requires
 * it, so a constraint gives its pin (and its location, where the version is set) to an unpinned
 * requirement of that name and is otherwise not a component.
 */
export function extractRequirements(input: ExtractInput): ExtractResult {
  const nul = input.contents.indexOf('\u0000');
  if (nul >= 0) {
    const line = new LineIndex(input.contents).lineAt(nul);
    throw new PalisadeError(
      'input',
      `${input.path}:${line}: binary content (NUL byte); a requirements file is text`,
    );
  }
  const collector = new ComponentCollector('PyPI', input.path);
  const walk = new IncludeWalk(input, collector);
  walk.read(input.path, input.contents, false, undefined);

  const firstPath = new Map<string, string>();
  for (const { path, line, value: entry } of walk.requirements) {
    const constraint =
      entry.version === undefined && entry.source.source.type === 'registry'
        ? walk.constraints.get(normalizePypiName(entry.name))
        : undefined;
    const location = constraint ?? { path, line };
    const purl = collector.add({
      name: entry.name,
      version: constraint?.value ?? entry.version,
      scope: scopeOf(path),
      direct: true,
      line: location.line,
      source: entry.source.source,
      ...(entry.source.qualifiers ? { qualifiers: entry.source.qualifiers } : {}),
    });
    if (!firstPath.has(purl)) firstPath.set(purl, location.path);
  }
  const result = collector.result();
  // The collector locates everything in the scanned file; entries read from an included file are there.
  for (const component of result.components)
    component.location.path = firstPath.get(component.purl) ?? input.path;
  return result;
}

/** Reads a requirements file and, depth first, the files it includes, each once. */
class IncludeWalk {
  readonly requirements: Located<RequirementEntry>[] = [];
  /** Pins of constraint files by normalized name; the first one read wins. */
  readonly constraints = new Map<string, Located<string>>();
  private readonly visited = new Set<string>();
  private readonly input: ExtractInput;
  private readonly collector: ComponentCollector;

  constructor(input: ExtractInput, collector: ComponentCollector) {
    this.input = input;
    this.collector = collector;
  }

  /**
   * `anchor` is the line of the top-level `-r`/`-c` that led here: coverage records unresolved entries
   * against the scanned file, so a problem inside an included file is reported at that line, naming it.
   */
  read(path: string, text: string, constraint: boolean, anchor: number | undefined): void {
    this.visited.add(path);
    for (const item of parseRequirementsFile(text)) {
      const where = anchor ?? item.line;
      const prefix = anchor === undefined ? '' : `${path}:${item.line}: `;
      if (item.kind === 'invalid') {
        this.collector.unresolvedEntry(item.text, where, `${prefix}${item.reason}`);
      } else if (item.kind === 'include') {
        this.include(path, item.target, constraint || item.constraint, where, prefix);
      } else if (!constraint) {
        this.requirements.push({ path, line: item.line, value: item.entry });
      } else if (item.entry.version !== undefined) {
        const key = normalizePypiName(item.entry.name);
        if (!this.constraints.has(key))
          this.constraints.set(key, { path, line: item.line, value: item.entry.version });
      }
    }
  }

  private include(from: string, target: string, constraint: boolean, where: number, prefix: string): void {
    if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(target)) {
      this.collector.unresolvedEntry(
        target,
        where,
        `${prefix}remote include ${target} is not fetched; vendor the file`,
      );
      return;
    }
    if (target.startsWith('/') || escapesTree(from, target)) {
      this.collector.unresolvedEntry(
        target,
        where,
        `${prefix}included file ${target} is outside the scanned tree`,
      );
      return;
    }
    const path = resolveSibling(from, target);
    if (this.visited.has(path)) return; // cycles and repeated includes: pip would read the same entries again
    const text = this.input.readFile(path);
    if (text === undefined) {
      this.collector.unresolvedEntry(
        target,
        where,
        `${prefix}included file ${path} not found in the scanned tree`,
      );
      return;
    }
    this.read(path, text, constraint, where);
  }
}

/** True when `target`, relative to the directory of `from`, climbs above the scan root. */
function escapesTree(from: string, target: string): boolean {
  let depth = dirname(from).split('/').filter(Boolean).length;
  for (const segment of target.split('/')) {
    if (segment === '..') depth -= 1;
    else if (segment !== '' && segment !== '.') depth += 1;
    if (depth < 0) return true;
  }
  return false;
}

const DEV_WORDS = new Set(['dev', 'devel', 'develop', 'development', 'test', 'tests', 'testing']);

/** Development when a word of the file name says so (requirements-dev.txt, test-requirements.txt, requirements/tests.txt). */
export function scopeOf(path: string): Scope {
  const words = basename(path)
    .toLowerCase()
    .replace(/\.txt$/, '')
    .split(/[^a-z0-9]+/);
  return words.some((w) => DEV_WORDS.has(w)) ? 'dev' : 'prod';
}
