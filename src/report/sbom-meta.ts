import { randomUUID } from 'node:crypto';
import { PalisadeError } from '../model/index.ts';

export interface SbomOptions {
  /** Palisade's version, written as the SBOM's creating tool. */
  toolVersion: string;
  /** Fixed timestamp and content-derived identifiers, so two runs over the same tree give identical files. */
  reproducible: boolean;
  /** The creation time when not reproducible; defaults to the current time. */
  now?: Date;
}

export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * The document's creation time. Reproducible documents use SOURCE_DATE_EPOCH when set
 * (https://reproducible-builds.org/specs/source-date-epoch/), else the Unix epoch.
 */
export function sbomTimestamp(options: SbomOptions, env: Environment = process.env): Date {
  if (!options.reproducible) return options.now ?? new Date();
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === '') return new Date(0);
  const seconds = /^\d{1,12}$/.test(epoch) ? Number(epoch) : Number.NaN;
  if (!Number.isSafeInteger(seconds) || seconds * 1000 > 8.64e15) {
    throw new PalisadeError(
      'config',
      `SOURCE_DATE_EPOCH=${JSON.stringify(epoch)} is not a number of seconds since 1970-01-01; set it to an integer such as $(git log -1 --format=%ct) or unset it`,
    );
  }
  return new Date(seconds * 1000);
}

/**
 * A UUID for the document: derived from the content digest when reproducible (a name-based UUID
 * in the manner of RFC 9562 v5, over sha256 instead of sha1), random otherwise. The digest is
 * computed only when needed.
 */
export function documentUuid(options: SbomOptions, digest: () => string): string {
  if (!options.reproducible) return randomUUID();
  return uuidFromDigest(digest());
}

export function uuidFromDigest(digest: string): string {
  const bytes = Buffer.from(digest.slice(0, 32).padEnd(32, '0'), 'hex');
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
