import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { PalisadeError } from '../model/index.ts';

/**
 * Writes a report to stdout, or to a file atomically: a temporary file beside it is renamed into
 * place, so a failed run never leaves half a report where CI expects a whole one.
 */
export function emit(text: string, outputFile: string | undefined): void {
  if (outputFile === undefined) {
    process.stdout.write(text);
    return;
  }
  const temporary = join(dirname(outputFile), `.${basename(outputFile)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, outputFile);
  } catch (error) {
    rmSync(temporary, { force: true });
    const reason = error instanceof Error && 'code' in error ? String(error.code) : 'write failed';
    throw new PalisadeError('usage', `${outputFile}: cannot write the report (${reason}); check the path`, {
      cause: error,
    });
  }
}

/** Progress on stderr, only for a person watching a terminal. */
export function progressReporter(
  quiet: boolean,
): ((event: { done: number; total: number }) => void) | undefined {
  if (quiet || !process.stderr.isTTY) return undefined;
  return ({ done, total }) => {
    process.stderr.write(`\r\u001b[Kscanning ${done}/${total} files`);
    if (done === total) process.stderr.write('\r\u001b[K');
  };
}
