import { closeSync, fstatSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { PalisadeError } from '../model/index.ts';

/** Larger files are reported as failed rather than read: no lockfile comes near it. */
export const DEFAULT_MAX_FILE_BYTES = 256 * 1024 * 1024;

/**
 * Reads files of one tree by relative path, refusing any path (or symlink) that resolves outside
 * the tree, and caching what it read, since siblings (package.json, parent poms) are read by many.
 */
export class TreeReader {
  private readonly realRoot: string;
  private readonly root: string;
  private readonly maxBytes: number;
  private readonly cache = new Map<string, string | undefined>();

  constructor(root: string, maxBytes = DEFAULT_MAX_FILE_BYTES) {
    this.root = root;
    this.realRoot = realpathSync(root);
    this.maxBytes = maxBytes;
  }

  /** Reads a file of the tree; throws PalisadeError('input') when it is too large or not text. */
  read(path: string): string {
    const absolute = this.inside(path);
    if (!absolute) throw new PalisadeError('input', `${path}: not a file inside the scanned tree`);
    return readText(absolute, path, this.maxBytes);
  }

  /** Like read, but undefined for a missing, unreadable or outside file: for optional sibling lookups. */
  readOptional(path: string): string | undefined {
    if (this.cache.has(path)) return this.cache.get(path);
    const absolute = this.inside(path);
    let text: string | undefined;
    if (absolute) {
      try {
        text = readText(absolute, path, this.maxBytes);
      } catch {
        text = undefined;
      }
    }
    this.cache.set(path, text);
    return text;
  }

  /** Whether a directory of the tree exists (cheap checks before many optional reads under it). */
  isDirectory(path: string): boolean {
    const absolute = this.inside(path);
    try {
      return absolute !== undefined && statSync(absolute).isDirectory();
    } catch {
      return false;
    }
  }

  private inside(path: string): string | undefined {
    if (isAbsolute(path)) return undefined;
    try {
      const real = realpathSync(join(this.root, path));
      const rel = relative(this.realRoot, real);
      return rel.startsWith('..') || isAbsolute(rel) ? undefined : real;
    } catch {
      return undefined;
    }
  }
}

function readText(absolute: string, path: string, maxBytes: number): string {
  const fd = openSync(absolute, 'r');
  try {
    const stat = fstatSync(fd);
    const size = stat.size;
    if (!stat.isFile()) throw new PalisadeError('input', `${path}: not a regular file`);
    if (size > maxBytes) {
      throw new PalisadeError(
        'input',
        `${path}: ${formatBytes(size)} is over the ${formatBytes(maxBytes)} limit; exclude it or raise inventory.maxFileSize in palisade.yaml`,
      );
    }
    const buffer = Buffer.allocUnsafe(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, buffer, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    return buffer.toString('utf8', 0, read);
  } finally {
    closeSync(fd);
  }
}

function formatBytes(bytes: number): string {
  if (bytes >= 1048576) return `${(bytes / 1048576).toFixed(1)} MiB`;
  return `${(bytes / 1024).toFixed(1)} KiB`;
}
