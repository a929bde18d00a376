import { join } from 'node:path';

/**
 * On disk, the database is a set of generations: each a complete, immutable directory. `CURRENT`
 * names the live one and is replaced by rename, so an update that fails half way leaves the
 * previous generation in place and readers never see a partial database.
 */
export const STORE_FORMAT = 1;

export const CURRENT_FILE = 'CURRENT';
export const RECORDS_FILE = 'records.jsonl';
export const INDEX_FILE = 'index.json';
export const MANIFEST_FILE = 'manifest.json';
export const EPSS_FILE = 'epss.json';
export const KEV_FILE = 'kev.json';

export function generationDir(root: string, name: string): string {
  return join(root, name);
}

export interface EcosystemManifest {
  /** Advisories stored for the ecosystem. */
  count: number;
  /** Newest `modified` among them: where an incremental refresh starts. */
  lastModified: string;
  /** Where they came from (URL or imported path) and when. */
  source: string;
  updatedAt: string;
}

export interface StoreManifest {
  format: typeof STORE_FORMAT;
  createdAt: string;
  ecosystems: Record<string, EcosystemManifest>;
  epss?: { date: string; count: number; source: string };
  kev?: { version: string; count: number; source: string };
}

/** `[byte offset, byte length]` of one record in records.jsonl. */
export type RecordRef = [number, number];

/** ecosystem -> normalized package name -> records naming it. */
export type PackageIndex = Record<string, Record<string, RecordRef[]>>;
