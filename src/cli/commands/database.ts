import { join } from 'node:path';
import type { FetchOptions } from '../../advisories/http.ts';
import type { Config } from '../../config/schema.ts';
import { resolveOption } from '../options.ts';

/** The advisory database lives under the cache directory, beside the HTTP cache. */
export function databaseDir(flags: Record<string, unknown>, config: Config): string {
  return join(resolveOption('cacheDir', flags, config), 'db');
}

export function fetchOptions(flags: Record<string, unknown>, config: Config): FetchOptions {
  return {
    offline: resolveOption('offline', flags, config),
    cacheDir: resolveOption('cacheDir', flags, config),
  };
}
