import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import type { FindingFilter } from '../../store/findings.ts';
import { findProject } from '../../store/projects.ts';
import type { Project } from '../../store/schema.ts';
import { type Principal, readableProjects } from '../auth.ts';
import type { AppEnv, ServerContext } from '../context.ts';
import { badRequest, HttpError, notFound } from '../http-error.ts';
import { parseWith } from '../parse/issues.ts';
import type { findingsQuery } from '../schemas.ts';

export function sizeLimit(maxSize: number): MiddlewareHandler<AppEnv> {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new HttpError(
        413,
        'payload_too_large',
        `request body is larger than the limit of ${maxSize} bytes`,
      );
    },
  });
}

/** The JSON body, validated; 400 naming what is wrong otherwise. */
export async function jsonBody<T extends z.ZodType>(
  c: Context<AppEnv>,
  schema: T,
  what: string,
): Promise<z.infer<T>> {
  return parseWith(schema, parseJson(await c.req.text()), what);
}

export function parseJson(text: string): unknown {
  if (text.trim() === '') throw badRequest('the request body is empty: send a JSON document');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw badRequest(
      `the request body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  // PostgreSQL stores no NUL character, in text or jsonb: refused here rather than a 500 there.
  // Only bodies that spell one out (`\u0000`) are walked, so large uploads pay one search.
  if (/\\u0000/i.test(text) && holdsNul(value)) {
    throw badRequest('the request body holds a NUL character (\\u0000) in a string; remove it');
  }
  return value;
}

/** Whether any string or key holds NUL; iterative, as a hostile body can nest deeper than the stack. */
function holdsNul(root: unknown): boolean {
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return true;
    } else if (Array.isArray(value)) {
      pending.push(...value);
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        if (key.includes('\u0000')) return true;
        pending.push(item);
      }
    }
  }
  return false;
}

/** The query string, validated. */
export function query<T extends z.ZodType>(c: Context<AppEnv>, schema: T): z.infer<T> {
  return parseWith(schema, c.req.query(), 'query');
}

export function idParam(c: Context<AppEnv>, name: string): number {
  const raw = c.req.param(name) ?? '';
  if (!/^[1-9][0-9]{0,15}$/.test(raw)) {
    // The value is echoed to help, not in full: an id is at most 16 digits.
    const shown = raw.length > 20 ? `${raw.slice(0, 20)}…` : raw;
    throw badRequest(`${name} must be a positive integer, not "${shown}"`);
  }
  return Number(raw);
}

export async function projectNamed(ctx: ServerContext, name: string): Promise<Project> {
  const project = await findProject(ctx.db, name);
  if (!project) throw notFound(`project "${name}"`);
  return project;
}

/** Dates as ISO 8601 strings in every response. */
export function iso(date: Date | null): string | null {
  return date === null ? null : date.toISOString();
}

/** Ids of the projects the principal may read; null: every project. Names not stored yet are left out. */
export async function readableProjectIds(ctx: ServerContext, principal: Principal): Promise<number[] | null> {
  const names = readableProjects(principal);
  if (names === null) return null;
  const projects = await Promise.all(names.map((name) => findProject(ctx.db, name)));
  return projects.flatMap((p) => (p ? [p.id] : []));
}

/** The finding filters of a findings query, as the store takes them. */
export function findingFilter(q: z.infer<typeof findingsQuery>): Omit<FindingFilter, 'projectIds' | 'now'> {
  return {
    ...(q.branch !== undefined ? { branch: q.branch } : {}),
    status: q.status,
    ...(q.severity ? { severities: q.severity } : {}),
    ...(q.kind ? { kinds: q.kind } : {}),
    ...(q.triage ? { triage: q.triage } : {}),
    ...(q.kev !== undefined ? { kev: q.kev } : {}),
    ...(q.reachability ? { reachability: q.reachability } : {}),
    ...(q.q ? { q: q.q } : {}),
    limit: q.limit,
    offset: q.offset,
  };
}
