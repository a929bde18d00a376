import { EvaluationError } from '@marcbachmann/cel-js';
import { PalisadeError } from '../../model/index.ts';

/**
 * What went wrong with a CEL expression: it does not parse (`syntax`), does not type-check
 * (`type`), failed while running (`evaluation`), ran over its cost budget (`cost`), or was handed
 * an input larger than the API server would ever accept (`size`).
 */
export type CelErrorKind = 'syntax' | 'type' | 'evaluation' | 'cost' | 'size';

/** Where in the expression text an error points: 0-based offset, 1-based line and column. */
export interface CelPosition {
  offset: number;
  line: number;
  column: number;
}

/**
 * A CEL error a user can cause (a bad policy, a hostile object). The message is one line: the
 * summary and, when known, `(at line:column)` within the expression; callers that know the policy
 * file prefix `file:line:`.
 */
export class CelError extends PalisadeError {
  readonly kind: CelErrorKind;
  readonly summary: string;
  readonly expression: string;
  readonly position: CelPosition | undefined;

  constructor(
    kind: CelErrorKind,
    summary: string,
    expression: string,
    options: { offset?: number; cause?: unknown } = {},
  ) {
    const position = options.offset === undefined ? undefined : positionOf(expression, options.offset);
    const where = position ? ` (at ${position.line}:${position.column})` : '';
    super('input', `${summary}${where}`, { cause: options.cause });
    this.name = 'CelError';
    this.kind = kind;
    this.summary = summary;
    this.expression = expression;
    this.position = position;
  }
}

export function isCelError(error: unknown): error is CelError {
  return error instanceof CelError;
}

function positionOf(text: string, offset: number): CelPosition {
  // An error at the end of input points after the last token, not at trailing newlines (a YAML
  // `|` block ends with one).
  const clamped = Math.max(0, Math.min(offset, text.trimEnd().length));
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < clamped; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { offset: clamped, line, column: clamped - lineStart + 1 };
}

/**
 * Raised by library functions for a bad argument (an unparsable quantity, an invalid IP). It is
 * cel-js's own error type, so the call site's position gets attached, like cel-go's `types.NewErr`.
 */
export function fail(message: string): never {
  throw new EvaluationError({ code: 'invalid_argument', message });
}
