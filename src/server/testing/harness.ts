// The server in process, for tests: the hono app over a test database, a settable clock,
// tokens of each role, and a request helper that speaks JSON.
import type { Hono } from 'hono';
import type { Database } from '../../store/database.ts';
import type { IngestHooks } from '../../store/ingest.ts';
import { createToken } from '../../store/tokens.ts';
import { createServer } from '../app.ts';
import type { AppEnv, Limits } from '../context.ts';
import type { MetricOptions } from '../metrics/compute.ts';

export interface Clock {
  now(): Date;
  set(iso: string | Date): void;
  advance(ms: number): void;
}

export function testClock(start = '2026-01-01T00:00:00Z'): Clock {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    set: (iso) => {
      current = new Date(iso).getTime();
    },
    advance: (ms) => {
      current += ms;
    },
  };
}

export interface Harness {
  app: Hono<AppEnv>;
  clock: Clock;
  database: Database;
  admin: string;
  request(
    method: string,
    path: string,
    options?: {
      token?: string | null;
      body?: unknown;
      raw?: string | Uint8Array;
      headers?: Record<string, string>;
    },
  ): Promise<{ status: number; json: unknown; text: string; headers: Headers }>;
  /** A token with this role on this project (null: every project). */
  token(role: 'viewer' | 'uploader' | 'admin', project: string | null): Promise<string>;
}

export async function harness(
  database: Database,
  options: {
    limits?: Partial<Limits>;
    metrics?: Partial<MetricOptions>;
    ingestHooks?: IngestHooks;
    jobsQueued?: () => void;
    clock?: Clock;
  } = {},
): Promise<Harness> {
  const clock = options.clock ?? testClock();
  const app = createServer({
    db: database.db,
    now: clock.now,
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.metrics ? { metrics: options.metrics } : {}),
    ...(options.ingestHooks ? { ingestHooks: options.ingestHooks } : {}),
    ...(options.jobsQueued ? { jobsQueued: options.jobsQueued } : {}),
  });
  let tokens = 0;
  const token: Harness['token'] = async (role, project) =>
    (
      await createToken(database.db, {
        name: `${role}@${project ?? '*'}#${++tokens}`,
        grants: [{ project, role }],
        createdBy: 'test',
      })
    ).token;
  const admin = await token('admin', null);
  return {
    app,
    clock,
    database,
    admin,
    token,
    async request(method, path, { token: bearer = admin, body, raw, headers = {} } = {}) {
      const init: RequestInit = { method, headers: { ...headers } };
      if (bearer !== null) (init.headers as Record<string, string>).authorization = `Bearer ${bearer}`;
      if (raw !== undefined) init.body = raw as BodyInit;
      else if (body !== undefined) {
        init.body = JSON.stringify(body);
        (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
      }
      const response = await app.request(path, init);
      const text = await response.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { status: response.status, json, text, headers: response.headers };
    },
  };
}
