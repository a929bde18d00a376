import { parse, TomlError } from 'smol-toml';
import type { z } from 'zod';
import { describeError, normalizePypiName, PalisadeError } from '../../model/index.ts';
import type { ComponentCollector } from '../collector.ts';
import { type ExtractInput, resolveSibling } from '../extractor.ts';
import { validate } from './validate.ts';

/** Parses a TOML lockfile or manifest; a syntax error becomes a one-line error at its line. */
export function parseToml(path: string, text: string, remedy: string): Record<string, unknown> {
  try {
    return parse(text);
  } catch (error) {
    if (error instanceof TomlError) {
      const reason = (error.message.split('\n')[0] ?? '').replace(/^Invalid TOML document:\s*/, '');
      throw new PalisadeError(
        'input',
        `${path}:${Math.max(1, error.line)}: invalid TOML (${reason}); ${remedy}`,
        {
          cause: error,
        },
      );
    }
    // Anything else (a stack overflow on pathological nesting) is still the file's fault.
    throw new PalisadeError('input', `${path}:1: cannot parse TOML (${describeError(error)}); ${remedy}`, {
      cause: error,
    });
  }
}

interface Header {
  line: number;
  name: string | undefined;
}

const NAME_LINE = /^[ \t]*name[ \t]*=[ \t]*(?:"([^"\n]*)"|'([^'\n]*)')/m;
const TABLE_LINE = /^[ \t]*\[/gm;

/**
 * The lines of the `[[package]]`-style array-of-tables headers of a TOML document, found in one pass
 * over the text because the TOML parser keeps no positions. The i-th header is the i-th element of
 * the array unless a multi-line string fooled the scan; the `name = "…"` under each header is kept
 * so that `lineOf` can check the pairing and fall back to the name.
 */
export class ArrayTableLines {
  private readonly headers: Header[] = [];
  private readonly byName = new Map<string, number>();

  constructor(text: string, key: string) {
    const header = new RegExp(`^[ \\t]*\\[\\[[ \\t]*${key}[ \\t]*\\]\\][ \\t\\r]*(?:#.*)?$`, 'gm');
    let line = 1;
    let counted = 0;
    for (const match of text.matchAll(header)) {
      for (let i = text.indexOf('\n', counted); i >= 0 && i < match.index; i = text.indexOf('\n', i + 1))
        line += 1;
      counted = match.index;
      // The name is searched for in this table's own lines only, which keeps the scan linear.
      const bodyStart = match.index + match[0].length;
      TABLE_LINE.lastIndex = bodyStart;
      const bodyEnd = TABLE_LINE.exec(text)?.index ?? text.length;
      const found = NAME_LINE.exec(text.slice(bodyStart, bodyEnd));
      const name = found ? normalizePypiName(found[1] ?? found[2] ?? '') : undefined;
      this.headers.push({ line, name });
      if (name !== undefined && !this.byName.has(name)) this.byName.set(name, line);
    }
  }

  /** 1-based line of the `index`-th table, whose `name` is given to confirm the pairing. */
  lineOf(index: number, name?: string): number {
    const header = this.headers[index];
    if (header && (name === undefined || header.name === normalizePypiName(name))) return header.line;
    return (name !== undefined ? this.byName.get(normalizePypiName(name)) : undefined) ?? header?.line ?? 1;
  }
}

/**
 * Lockfiles are mostly lists of distribution files with their hashes (`files`, `wheels`, `sdist`),
 * which no extractor reads and which dominate parse time. Blanking those keys' lines (not removing
 * them, so line numbers stay) cuts parsing by about a third on large locks. Only the shapes lock tools
 * write are blanked: a one-line value, or an array opened at the end of its line whose indented items
 * end at a lone `]`; anything else is left for the parser to judge.
 */
const ARTIFACT_KEYS =
  /^(?:files|wheels|sdist|hashes)[ \t]*=[ \t]*(?:\[\r?\n(?:[ \t][^\n]*\n)*\][ \t]*\r?|[[{].*[\]}][ \t]*\r?)$/gm;

export function withoutArtifacts(text: string): string {
  try {
    return text.replace(ARTIFACT_KEYS, (lines) => lines.replace(/[^\n]+/g, ''));
  } catch {
    // Only an optimization: should the regex engine give up on some monstrous input, parse it all.
    return text;
  }
}

export interface TomlLock<T> {
  document: T;
  /** 1-based line of the `index`-th entry of the lock's package array. */
  lineOf(index: number, name?: string): number;
}

/**
 * Parses and validates a TOML lockfile whose packages are the array of tables `key` (`[[package]]`),
 * reporting a schema problem at the line of the package it is in.
 */
export function readTomlLock<T>(
  path: string,
  text: string,
  key: string,
  schema: z.ZodType<T>,
  remedy: string,
): TomlLock<T> {
  const value = parseToml(path, withoutArtifacts(text), remedy);
  const lines = new ArrayTableLines(text, key);
  const issueLine = (issuePath: readonly PropertyKey[]) =>
    issuePath[0] === key && typeof issuePath[1] === 'number' ? lines.lineOf(issuePath[1]) : 1;
  const document = validate(schema, value, path, issueLine, remedy);
  return { document, lineOf: (index, name) => lines.lineOf(index, name) };
}

/**
 * Reads a TOML manifest beside the lockfile (pyproject.toml, Pipfile) for what the lockfile does not
 * say, such as which dependencies are direct. Undefined when there is none; one that is not valid TOML
 * is recorded as an unresolved entry rather than failing the lockfile, which is still good.
 */
export function readSiblingToml(
  input: ExtractInput,
  name: string,
  collector: ComponentCollector,
): Record<string, unknown> | undefined {
  const path = resolveSibling(input.path, name);
  const text = input.readFile(path);
  if (text === undefined) return undefined;
  try {
    return parseToml(path, text, 'direct dependencies are unknown');
  } catch (error) {
    collector.unresolvedEntry(name, 1, describeError(error));
    return undefined;
  }
}
