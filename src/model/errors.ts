/**
 * Errors a user can cause. The CLI maps `code` to an exit code and prints `message` alone,
 * so the message names the file, the line where known, and what to do.
 */
export type PalisadeErrorCode =
  | 'usage' // bad flags or arguments
  | 'config' // palisade.yaml or an option value is invalid
  | 'input' // a file the user pointed at cannot be read or parsed
  | 'network' // a remote source is unreachable or answered badly
  | 'internal';

export class PalisadeError extends Error {
  readonly code: PalisadeErrorCode;

  constructor(code: PalisadeErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PalisadeError';
    this.code = code;
  }
}

export function isPalisadeError(error: unknown): error is PalisadeError {
  return error instanceof PalisadeError;
}

/** A one-line description of any thrown value, for coverage records and messages. */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}
