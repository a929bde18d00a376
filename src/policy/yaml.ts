import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments } from 'yaml';
import type { z } from 'zod';
import { PalisadeError } from '../model/index.ts';

/** Policy, test and exception files are small; anything near this size is not one. */
export const MAX_YAML_BYTES = 16 * 1024 * 1024;

/** Deeper than any real document; deep enough to be hostile. */
const MAX_NESTING = 256;

/**
 * The YAML parser recurses per nesting level, and a stack overflow deep inside it can take V8
 * down rather than throw. So nesting is measured first, cheaply and conservatively: unbalanced
 * `[`/`{` (quotes are not parsed, so brackets inside strings count too, which only matters if
 * they are hundreds deep and unbalanced) and the indentation of block content.
 */
function refuseDeepNesting(path: string, text: string): void {
  let depth = 0;
  let line = 1;
  let column = 0;
  let indenting = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      line++;
      column = 0;
      indenting = true;
      continue;
    }
    column++;
    // Indentation and `- ` markers: each block level takes at least one column.
    if (indenting && c !== 0x20 && c !== 0x2d && c !== 0x09) indenting = false;
    if (c === 0x5b || c === 0x7b) depth++;
    else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
    if (depth > MAX_NESTING || (indenting && column > MAX_NESTING * 2)) {
      throw new PalisadeError(
        'input',
        `${path}:${line}: nested more than ${MAX_NESTING} levels deep; refusing to parse it`,
      );
    }
  }
}

export type YamlPath = readonly (string | number)[];

/** One document of a (multi-document) YAML file, with the means to find the line of any of its nodes. */
export interface YamlDocument {
  readonly path: string;
  /** 0-based position in the file. */
  readonly index: number;
  readonly value: unknown;
  /** 1-based line where the document's content starts. */
  readonly line: number;
  /** Line of the deepest node along `path` that exists. */
  lineOf(path: YamlPath): number;
  /** Line in the file of a position inside a scalar (an expression): exact for `|` block scalars. */
  lineWithin(path: YamlPath, lineInScalar: number): number;
}

/**
 * Parses a multi-document YAML file. Syntax errors and oversized input are `PalisadeError('input')`
 * naming `path:line`. Empty documents are skipped. Aliases are capped (no "billion laughs").
 */
export function parseYamlDocuments(path: string, text: string): YamlDocument[] {
  if (text.length > MAX_YAML_BYTES) {
    throw new PalisadeError(
      'input',
      `${path}:1: file is larger than ${MAX_YAML_BYTES / 1024 / 1024} MiB; refusing to parse it`,
    );
  }
  refuseDeepNesting(path, text);
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, {
    lineCounter: lines,
    prettyErrors: false,
    uniqueKeys: true,
    // A map used as a key would print a Node warning to stderr; the schemas reject it anyway.
    logLevel: 'error',
  });
  const list = [...docs];
  // An empty stream (comments only, or a broken first line) carries its errors on the stream itself.
  const streamError = (docs as unknown as { errors?: { pos: [number, number]; message: string }[] })
    .errors?.[0];
  if (list.length === 0 && streamError) {
    throw new PalisadeError(
      'input',
      `${path}:${lines.linePos(streamError.pos[0]).line}: ${firstLine(streamError.message)}`,
    );
  }
  const out: YamlDocument[] = [];
  list.forEach((doc, index) => {
    const error = doc.errors[0];
    if (error)
      throw new PalisadeError(
        'input',
        `${path}:${lines.linePos(error.pos[0]).line}: ${firstLine(error.message)}`,
      );
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      const line = lines.linePos(doc.range[0]).line;
      throw new PalisadeError(
        'input',
        `${path}:${line}: ${firstLine(e instanceof Error ? e.message : String(e))}`,
      );
    }
    if (value === null || value === undefined) return;
    const contentStart =
      (doc.contents as { range?: [number, number, number] } | null)?.range?.[0] ?? doc.range[0];
    const lineAt = (p: YamlPath, preferKey: boolean): number => {
      const found = locate(doc.contents, p, preferKey);
      return lines.linePos(found ?? contentStart).line;
    };
    out.push({
      path,
      index,
      value,
      line: lines.linePos(contentStart).line,
      lineOf: (p) => lineAt(p, true),
      lineWithin(p, lineInScalar) {
        const node = doc.getIn(p, true);
        const start = lineAt(p, false);
        if (isScalar(node) && node.type === 'BLOCK_LITERAL') return start + lineInScalar;
        return start;
      },
    });
  });
  return out;
}

/**
 * Offset of the deepest node along `path`: for a map entry, its key (where the field starts)
 * when `preferKey`, else its value.
 */
function locate(root: unknown, path: YamlPath, preferKey: boolean): number | undefined {
  let node = root;
  let offset = (root as { range?: [number, number, number] } | null)?.range?.[0];
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (!pair) break;
      const key = pair.key as { range?: [number, number, number] };
      const value = pair.value as { range?: [number, number, number] } | null;
      offset = (preferKey ? key.range?.[0] : value?.range?.[0]) ?? key.range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as { range?: [number, number, number] } | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset;
}

export type Validated<T> =
  | { ok: true; value: T }
  | { ok: false; problems: { line: number; message: string }[] };

/**
 * Validates one document against a zod schema; on failure, gives each problem with the line of
 * the offending field and a message naming the field's path.
 */
export function validateDocument<T>(doc: YamlDocument, schema: z.ZodType<T>, what: string): Validated<T> {
  const parsed = schema.safeParse(doc.value);
  if (parsed.success) return { ok: true, value: parsed.data };
  const problems = parsed.error.issues.map((issue) => {
    const keyPath = [
      ...issue.path,
      ...(issue.code === 'unrecognized_keys' ? issue.keys.slice(0, 1) : []),
    ] as (string | number)[];
    const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return {
      line: doc.lineOf(keyPath),
      message: `${what}: ${where}${describeIssue(issue)}`,
      rank: rankOf(issue),
    };
  });
  // A typo (`expresion:`) shows as an unknown field and a missing one; the unknown field explains both.
  problems.sort((a, b) => a.line - b.line || a.rank - b.rank);
  return { ok: false, problems: problems.map(({ line, message }) => ({ line, message })) };
}

function rankOf(issue: z.core.$ZodIssue): number {
  return issue.code === 'unrecognized_keys' ? 0 : 1;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown field '${issue.keys.join("', '")}'`;
  if (issue.code === 'invalid_type' && issue.message.endsWith('received undefined'))
    return 'required field is missing';
  return firstLine(issue.message);
}

export function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
