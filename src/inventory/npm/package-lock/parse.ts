import { type ParseErrorCode, printParseErrorCode, visit } from 'jsonc-parser';
import { LineIndex } from '../../lines.ts';
import { lockfileError } from './errors.ts';
import { type Parents, scanKeyLines } from './key-lines.ts';
import { MAX_SEGMENTS } from './tree.ts';

const FIX = 'fix the file or regenerate it with `npm install`';

/** JSON.parse, with a failure reported at its line (npm itself accepts nothing looser than JSON). */
export function parseLockfileJson(path: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const { line, problem } = locateSyntaxError(text, error);
    throw lockfileError(path, line, `invalid JSON (${problem})`, FIX);
  }
}

function locateSyntaxError(text: string, error: unknown): { line: number; problem: string } {
  let first: { code: ParseErrorCode; offset: number } | undefined;
  try {
    visit(
      text,
      {
        onError(code, offset) {
          first ??= { code, offset };
        },
      },
      { allowTrailingComma: false, disallowComments: true },
    );
  } catch {
    // jsonc-parser recurses per nesting level and overflows on thousands of unclosed brackets.
  }
  if (first)
    return { line: new LineIndex(text).lineAt(first.offset), problem: printParseErrorCode(first.code) };
  const reported = /\(line (\d+) column \d+\)/.exec(error instanceof Error ? error.message : '');
  const line = reported ? Number(reported[1]) : new LineIndex(text).lineAt(text.length);
  return { line, problem: 'unterminated or too deeply nested' };
}

/** Line of each key of the v2/v3 `packages` map. */
export function packageKeyLines(text: string, packages: Record<string, unknown>): Map<string, number> {
  const laidOut = npmLayoutKeyLines(text);
  if (laidOut && isExactly(laidOut, packages)) return laidOut;
  const lines = new Map<string, number>();
  scanKeyLines(
    text,
    (parents) => parents.length === 2 && parents[1] === 'packages',
    (_, key, line) => lines.set(key, line),
  );
  return lines;
}

/**
 * The keys of `packages` as npm lays the file out (two-space indentation): the lines that start
 * with exactly four spaces and a quote, between `  "packages": {` and the `  }` closing it. A
 * third of the cost of scanning every token; the caller checks the result against the parsed keys.
 */
function npmLayoutKeyLines(text: string): Map<string, number> | undefined {
  const start = text.indexOf('\n  "packages": {\n');
  if (start < 0) return undefined;
  let line = 2; // of the text after the first newline
  for (let nl = text.indexOf('\n'); nl >= 0 && nl < start; nl = text.indexOf('\n', nl + 1)) line++;
  const lines = new Map<string, number>();
  for (let nl = text.indexOf('\n', start + 1); nl >= 0; nl = text.indexOf('\n', nl + 1)) {
    line++;
    if (text.charCodeAt(nl + 1) !== SPACE || text.charCodeAt(nl + 2) !== SPACE) return undefined;
    if (text.charCodeAt(nl + 3) === CLOSE_OBJECT) return lines;
    if (text.charCodeAt(nl + 5) === QUOTE && text.startsWith('  ', nl + 3)) {
      const end = text.indexOf('"', nl + 6);
      const key = text.slice(nl + 6, end);
      if (end < 0 || key.includes('\\')) return undefined;
      lines.set(key, line);
    }
  }
  return undefined;
}

function isExactly(lines: Map<string, number>, packages: Record<string, unknown>): boolean {
  let count = 0;
  for (const key in packages) {
    if (!lines.has(key)) return false;
    count++;
  }
  return count === lines.size;
}

const SPACE = 0x20;
const QUOTE = 0x22;
const CLOSE_OBJECT = 0x7d;

/** Line of each v1 entry, by its node_modules location (`dependencies.a.dependencies.b` -> `node_modules/a/node_modules/b`). */
export function legacyEntryLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  scanKeyLines(text, isLegacyEntryKey, (parents, key, line) => {
    let location = '';
    for (let i = 2; i < parents.length; i += 2) location += `node_modules/${parents[i]}/`;
    lines.set(`${location}node_modules/${key}`, line);
  });
  return lines;
}

/**
 * Keys of `dependencies` maps nested as `dependencies.a.dependencies.b…` from the top level, no
 * deeper than the tree reader goes (see isTooDeep): the check and the location built per key grow
 * with the depth, which hostile nesting would otherwise make quadratic.
 */
function isLegacyEntryKey(parents: Parents): boolean {
  if (parents.length % 2 !== 0 || parents.length > MAX_SEGMENTS + 2) return false;
  for (let i = parents.length - 1; i > 0; i -= 2) {
    if (parents[i] !== 'dependencies' || (i > 1 && typeof parents[i - 1] !== 'string')) return false;
  }
  return true;
}

/** Line of the deepest key on `path` (a zod issue path), for messages about a value that is not needed often. */
export function lineOfPath(text: string, path: readonly PropertyKey[]): number {
  let best = 1;
  let bestDepth = -1;
  const wants = (parents: Parents): boolean => {
    const depth = parents.length - 1;
    if (depth <= bestDepth || depth >= path.length) return false;
    for (let i = 0; i < depth; i++) if (parents[i + 1] !== String(path[i])) return false;
    return true;
  };
  scanKeyLines(text, wants, (parents, key, line) => {
    if (key !== String(path[parents.length - 1])) return;
    best = line;
    bestDepth = parents.length - 1;
  });
  return best;
}
