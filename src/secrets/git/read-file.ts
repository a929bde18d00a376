import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { describeError } from '../../model/index.ts';
import { scanBytes } from '../engine.ts';
import type { Ruleset } from '../ruleset.ts';
import type { FileScan, ScanOptions } from '../types.ts';

const DEFAULT_MAX_FILE_BYTES = 25 * 1024 * 1024;
/** The engine calls a file binary when a NUL byte sits in its first 8 KiB: read that much first. */
const PROBE_BYTES = 8192;
const EMPTY = Buffer.alloc(0);

export type TreeFileStatus = FileScan['status'] | 'unreadable';

/** A file scan, or why the file could not be read. */
export interface FileOutcome extends Omit<FileScan, 'status'> {
  status: TreeFileStatus;
  /** Bytes read and scanned (0 for binary, too large and unreadable files). */
  bytes: number;
}

/**
 * Reads and scans one file of a tree. Binary and oversized files are not read past their first
 * bytes, but still meet the rules that flag files by name alone (a `.p12` key store).
 */
export function scanTreeFile(
  root: string,
  path: string,
  ruleset: Ruleset,
  options: ScanOptions,
): FileOutcome {
  const limit = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  let fd: number;
  try {
    fd = openSync(join(root, path), 'r');
  } catch (error) {
    return unreadable(path, error);
  }
  try {
    const size = fstatSync(fd).size;
    if (size > limit) return outcome(scanBytes(path, EMPTY, ruleset, options), 0, 'too-large');
    const buf = scratch(size);
    let read = readInto(fd, buf, 0, Math.min(size, PROBE_BYTES));
    if (buf.subarray(0, read).includes(0))
      return outcome(scanBytes(path, buf.subarray(0, read), ruleset, options), 0);
    if (read < size) read += readInto(fd, buf, read, size);
    return outcome(scanBytes(path, buf.subarray(0, read), ruleset, options), read);
  } catch (error) {
    return unreadable(path, error);
  } finally {
    closeSync(fd);
  }
}

let reusable = Buffer.allocUnsafe(0);

/**
 * One read buffer per thread, grown as needed: the engine keeps nothing of the bytes it scans
 * (its results hold strings), and a fresh buffer per file costs more in allocation and
 * collection than the scan of a small file.
 */
function scratch(size: number): Buffer {
  if (reusable.length < size) reusable = Buffer.allocUnsafe(Math.max(size, 2 * reusable.length, 1 << 20));
  return reusable;
}

/** Reads up to `end` (the file may have shrunk since it was measured). */
function readInto(fd: number, buf: Buffer, start: number, end: number): number {
  let at = start;
  while (at < end) {
    const n = readSync(fd, buf, at, end - at, at);
    if (n === 0) break;
    at += n;
  }
  return at - start;
}

function outcome(scan: FileScan, bytes: number, status?: TreeFileStatus): FileOutcome {
  return { ...scan, status: status && scan.status !== 'allowlisted' ? status : scan.status, bytes };
}

function unreadable(path: string, error: unknown): FileOutcome {
  return {
    path,
    status: 'unreadable',
    matches: [],
    warnings: [`${path}: not scanned: ${describeError(error)}`],
    bytes: 0,
  };
}
