import type { Kysely } from 'kysely';
import type { IngestHooks } from '../store/ingest.ts';
import type { DB } from '../store/schema.ts';
import type { Principal } from './auth.ts';
import type { Logger } from './logger.ts';
import type { MetricOptions } from './metrics/compute.ts';

export interface Limits {
  /** Largest upload body (SBOMs, scan results), compressed or not, and after decompression. */
  uploadBytes: number;
  /** Largest body of every other request. */
  jsonBytes: number;
  /** Most components one upload may carry. */
  components: number;
}

export const DEFAULT_LIMITS: Limits = {
  uploadBytes: 64 * 1024 * 1024,
  jsonBytes: 1024 * 1024,
  components: 500_000,
};

/** What the routes share: built once by createServer. */
export interface ServerContext {
  db: Kysely<DB>;
  logger: Logger;
  limits: Limits;
  now: () => Date;
  metrics: MetricOptions & { prometheusWindowDays: number };
  /** False while starting or draining for shutdown: /readyz answers 503. */
  isReady: () => boolean;
  ingestHooks: IngestHooks;
  /** Called after jobs were queued, so a worker in this process can start on them at once. */
  jobsQueued: () => void;
}

export type AppEnv = { Variables: { principal: Principal; requestId: string } };
