import type { z } from 'zod';
import { badRequest, type HttpError } from '../http-error.ts';

/** `components[12].location.line` from a zod issue path. */
export function issuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(document)';
}

/** A 400 naming the first problems of a payload: where, and what was expected. */
export function invalid(what: string, error: z.ZodError, limit = 3): HttpError {
  const shown = error.issues.slice(0, limit).map((i) => `${issuePath(i.path)}: ${i.message}`);
  const more = error.issues.length > limit ? ` (and ${error.issues.length - limit} more)` : '';
  return badRequest(`${what}: ${shown.join('; ')}${more}`);
}

/** Parses with `schema` or throws the 400 that says what is wrong. */
export function parseWith<T extends z.ZodType>(schema: T, value: unknown, what: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw invalid(what, result.error);
  return result.data;
}
