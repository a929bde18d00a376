import type { z } from 'zod';
import { PalisadeError } from '../../../model/index.ts';

export const REGENERATE = 'regenerate it with `npm install`';

export const NO_VERSION = 'no version in the lockfile entry; regenerate the lockfile with `npm install`';

export function lockfileError(path: string, line: number, problem: string, todo = REGENERATE): PalisadeError {
  return new PalisadeError('input', `${path}:${line}: ${problem}; ${todo}`);
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `packages["node_modules/a"].version: Invalid input: expected string, received number` */
export function describeProblem(path: readonly PropertyKey[], message: string): string {
  const where = path
    .map((part, i) => {
      if (typeof part === 'number') return `[${part}]`;
      const key = String(part);
      if (!IDENTIFIER.test(key)) return `[${JSON.stringify(key)}]`;
      return i === 0 ? key : `.${key}`;
    })
    .join('');
  const oneLine = message.replace(/\s+/g, ' ');
  return where === '' ? oneLine : `${where}: ${oneLine}`;
}

export function describeIssue(issue: z.core.$ZodIssue, prefix: readonly PropertyKey[] = []): string {
  return describeProblem([...prefix, ...issue.path], issue.message);
}

/** Throws the error for a value at a JSON path of the lockfile, at the line of that path. */
export type Invalid = (path: readonly PropertyKey[], message: string) => never;
