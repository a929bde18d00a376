import { type ParseError, parse as parseJsonc, printParseErrorCode, visit } from 'jsonc-parser';
import { PalisadeError } from '../model/index.ts';
import { LineIndex } from './lines.ts';

export interface JsonWithLines {
  value: unknown;
  /**
   * Line of the property whose key path is given, e.g. `lineOf(['packages', 'node_modules/a'])`.
   * Returns 1 for a path that is not an object property.
   */
  lineOf(path: readonly string[]): number;
}

/**
 * Parses JSON (and JSONC: bun.lock and deno.lock allow trailing commas) recording the line of every
 * property up to `depth` levels, because lockfile findings must point at the entry's line and
 * JSON.parse keeps no positions. jsonc-parser's visitor streams, so nothing else is materialized.
 */
export function parseJsonWithLines(path: string, text: string, depth: number): JsonWithLines {
  const errors: ParseError[] = [];
  const lines = new LineIndex(text);
  assertNestingDepth(path, text, lines);
  const keyLines = new Map<string, number>();
  const stack: string[] = [];
  const pending: (string | undefined)[] = [];
  let currentKey: string | undefined;
  visit(
    text,
    {
      onObjectProperty(property, offset) {
        currentKey = property;
        if (stack.length < depth) keyLines.set([...stack, property].join('\u0000'), lines.lineAt(offset));
      },
      onObjectBegin() {
        pending.push(currentKey);
        if (currentKey !== undefined) stack.push(currentKey);
        currentKey = undefined;
      },
      onObjectEnd() {
        if (pending.pop() !== undefined) stack.pop();
      },
      onArrayBegin() {
        pending.push(currentKey);
        if (currentKey !== undefined) stack.push(currentKey);
        currentKey = undefined;
      },
      onArrayEnd() {
        if (pending.pop() !== undefined) stack.pop();
      },
      onLiteralValue() {
        currentKey = undefined;
      },
      onError(error, offset) {
        errors.push({ error, offset, length: 0 });
      },
    },
    { allowTrailingComma: true, disallowComments: false },
  );
  const first = errors[0];
  if (first) {
    throw new PalisadeError(
      'input',
      `${path}:${lines.lineAt(first.offset)}: invalid JSON (${printParseErrorCode(first.error)}); fix or regenerate the file`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Only JSONC reaches here (comments, trailing commas), which the visitor above already accepted.
    value = parseJsonc(text, [], { allowTrailingComma: true });
  }
  return { value, lineOf: (path) => keyLines.get(path.join('\u0000')) ?? 1 };
}

/** No lockfile nests this deep; hostile input that does would overflow the recursive parsers. */
export const MAX_JSON_DEPTH = 256;

/** Linear scan (strings skipped) that rejects pathological nesting before any recursive parse. */
export function assertNestingDepth(path: string, text: string, lines?: LineIndex): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > MAX_JSON_DEPTH) {
        const line = (lines ?? new LineIndex(text)).lineAt(i);
        throw new PalisadeError(
          'input',
          `${path}:${line}: nested more than ${MAX_JSON_DEPTH} levels deep; not a lockfile`,
        );
      }
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
}
