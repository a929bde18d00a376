import type { PalisadeErrorCode } from '../model/index.ts';

/** The process exit codes, ARCHITECTURE.md "Conventions"; mapped here and nowhere else. */
export const ExitCode = {
  Clean: 0,
  PolicyFailed: 1,
  InputError: 2,
  InternalError: 3,
} as const;

export function exitCodeFor(code: PalisadeErrorCode): number {
  return code === 'internal' ? ExitCode.InternalError : ExitCode.InputError;
}

/** What a command's action reports back to main: the exit code when it did not throw. */
export interface RunState {
  exitCode: number;
}
