import type { z } from 'zod';
import { PalisadeError } from '../../model/index.ts';
import { preview } from './pep508.ts';

/**
 * Applies a lockfile's schema once, at the edge. The first problem becomes a one-line error at the
 * line of the entry it is in (`lineOf` maps the issue's path, e.g. ['package', 3, 'version'], to it).
 */
export function validate<T>(
  schema: z.ZodType<T>,
  value: unknown,
  path: string,
  lineOf: (issuePath: readonly PropertyKey[]) => number,
  remedy: string,
): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue ? formatPath(issue.path) : '';
  const message = issue ? preview(issue.message, 120) : 'unexpected structure';
  throw new PalisadeError(
    'input',
    `${path}:${lineOf(issue?.path ?? [])}: ${where ? `${where}: ` : ''}${message}; ${remedy}`,
  );
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) =>
      typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${preview(String(key), 40)}`,
    )
    .join('');
}
