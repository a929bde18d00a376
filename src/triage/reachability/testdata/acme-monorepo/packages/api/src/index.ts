// @ts-nocheck: a fixture of the reachability tests, type-checked by nobody
import { createServer } from 'fastify-lite';
import type { ZodSchema } from 'zod';
import { greet } from '@acme/shared/greet';
import { loadConfig } from './config.js';

export function start(schema?: ZodSchema): void {
  const config = loadConfig();
  createServer().get('/', () => greet(config.name));
  void schema;
}
