/**
 * The `affected[]` entry of an OSV record (OSV schema 1.6,
 * https://ossf.github.io/osv-schema/#affected-fields). Only the fields that range evaluation reads
 * are typed precisely; the rest stay opaque so records pass through unchanged.
 */
export interface OsvAffected {
  readonly package?: OsvPackage;
  readonly ranges?: readonly OsvRange[];
  readonly versions?: readonly string[];
  readonly ecosystem_specific?: Readonly<Record<string, unknown>>;
  readonly database_specific?: Readonly<Record<string, unknown>>;
}

export interface OsvPackage {
  /** OSV ecosystem string, possibly with a suffix such as `Debian:12` or `Alpine:v3.20`. */
  readonly ecosystem: string;
  readonly name: string;
  readonly purl?: string;
}

export type OsvRangeType = 'SEMVER' | 'ECOSYSTEM' | 'GIT';

export interface OsvRange {
  readonly type: OsvRangeType;
  readonly events: readonly OsvEvent[];
  readonly repo?: string;
  readonly database_specific?: Readonly<Record<string, unknown>>;
}

/** Exactly one of the four keys is present (the schema requires it; evaluation checks it). */
export type OsvEvent =
  | { readonly introduced: string }
  | { readonly fixed: string }
  | { readonly last_affected: string }
  | { readonly limit: string };
