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

/**
 * Error and warning lines quote what users' files contain (an unknown instruction, a file name),
 * and a hostile file can hold escape sequences that rewrite the terminal or hide the message.
 * Control characters (C0, DEL, C1) are shown as `\xNN` instead, which also keeps the line one line.
 */
export function terminalSafe(text: string): string {
  return text.replace(/\p{Cc}/gu, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
