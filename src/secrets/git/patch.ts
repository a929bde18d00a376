import type { NumberedLine } from '../types.ts';

/** A commit as the history scan's `--format` prints it: NUL, then NUL-separated fields. */
export interface CommitInfo {
  sha: string;
  author: string;
  email: string;
  /** Author date, ISO 8601 with offset. */
  date: string;
}

/** `git log --format` for the header line the parser recognises (no diff line starts with NUL). */
export const COMMIT_FORMAT = '--format=%x00%H%x00%an%x00%ae%x00%aI';

export interface PatchSink {
  commit(info: CommitInfo): void;
  /** The added lines of one file of one commit (or of the staged diff), in order. */
  file(path: string, lines: NumberedLine[]): void;
  /** Added lines went over a byte limit at this file; the rest of the file or commit is not scanned. */
  truncated(path: string, scope: 'file' | 'commit', limit: number): void;
}

export interface PatchLimits {
  /** Added bytes scanned per file; default 25 MiB (the engine's file limit). */
  maxFileBytes?: number;
  /** Added bytes scanned per commit; default 100 MiB. */
  maxCommitBytes?: number;
}

const NL = 10;
const PLUS = 43;
const MINUS = 45;
const SPACE = 32;
const AT = 64;
const NUL = 0;
const DEFAULT_FILE_BYTES = 25 * 1024 * 1024;
const DEFAULT_COMMIT_BYTES = 100 * 1024 * 1024;
/** As the engine: a NUL byte in the first 8 KiB makes a file binary. */
const PROBE_BYTES = 8192;

type State = 'outside' | 'header' | 'hunk';

/**
 * Reads the output of `git log -p --cc -U0` or `git diff -U0` as it streams and reports the
 * added lines of each file with their line numbers in the new version. Combined diffs (merge
 * commits under `--cc`) report only lines new against every parent: the others were added by
 * a parent commit, which the history scan reads on its own.
 */
export class PatchParser {
  private readonly sink: PatchSink;
  private readonly maxFileBytes: number;
  private readonly maxCommitBytes: number;
  /** The start of a line whose end has not arrived yet. */
  private pending: Buffer[] = [];
  private state: State = 'outside';
  /** Prefix columns of a content line: 1, or the parent count of a combined diff. */
  private columns = 1;
  private path: string | undefined;
  private lines: NumberedLine[] = [];
  private nextLine = 0;
  private fileBytes = 0;
  private commitBytes = 0;
  private fileCut = false;
  private commitCut = false;

  constructor(sink: PatchSink, limits: PatchLimits = {}) {
    this.sink = sink;
    this.maxFileBytes = limits.maxFileBytes ?? DEFAULT_FILE_BYTES;
    this.maxCommitBytes = limits.maxCommitBytes ?? DEFAULT_COMMIT_BYTES;
  }

  write(chunk: Buffer): void {
    let start = 0;
    let nl = chunk.indexOf(NL);
    if (this.pending.length > 0) {
      if (nl < 0) {
        this.pending.push(chunk);
        return;
      }
      // A line that spanned chunks: joined once, however many chunks it took (binary as text).
      this.pending.push(chunk.subarray(0, nl));
      const line = Buffer.concat(this.pending);
      this.pending = [];
      this.line(line, 0, line.length);
      start = nl + 1;
      nl = chunk.indexOf(NL, start);
    }
    for (; nl >= 0; nl = chunk.indexOf(NL, start)) {
      this.line(chunk, start, nl);
      start = nl + 1;
    }
    if (start < chunk.length) this.pending.push(chunk.subarray(start));
  }

  end(): void {
    if (this.pending.length > 0) {
      const line = Buffer.concat(this.pending);
      this.pending = [];
      this.line(line, 0, line.length);
    }
    this.flushFile();
  }

  private line(buf: Buffer, start: number, end: number): void {
    const first = start < end ? buf[start] : -1;
    if (this.state === 'hunk') {
      if (first === PLUS || first === SPACE || first === MINUS) {
        this.content(buf, start, end);
        return;
      }
      if (first === 92 || first === -1) return; // "\ No newline at end of file", blank separator
    }
    if (first === NUL) {
      this.flushFile();
      this.state = 'outside';
      this.sink.commit(parseCommit(buf.toString('utf8', start + 1, end)));
      this.commitBytes = 0;
      this.commitCut = false;
      return;
    }
    if (startsWith(buf, start, end, 'diff ')) {
      this.flushFile();
      this.state = 'header';
      const combined =
        startsWith(buf, start, end, 'diff --cc ') || startsWith(buf, start, end, 'diff --combined ');
      this.columns = combined ? 2 : 1;
      return;
    }
    if (this.state === 'outside') return;
    if (first === AT && buf[start + 1] === AT) {
      this.hunk(buf.toString('latin1', start, end));
      return;
    }
    if (this.state === 'header' && startsWith(buf, start, end, '+++ ')) {
      this.path = parsePath(buf, start + 4, end);
    }
  }

  private hunk(header: string): void {
    let ats = 0;
    while (header.charCodeAt(ats) === AT) ats++;
    // `@@ -a,b +c,d @@`, or `@@@ -a,b -c,d +e,f @@@` for a merge of two parents
    this.columns = Math.max(1, ats - 1);
    const close = header.indexOf(` ${'@'.repeat(ats)}`, ats);
    const ranges = header
      .slice(ats, close < 0 ? header.length : close)
      .trim()
      .split(' ');
    const added = ranges.find((r) => r.startsWith('+'));
    const start = added ? Number.parseInt(added.slice(1), 10) : Number.NaN;
    if (!Number.isFinite(start) || this.path === undefined) {
      this.state = 'outside'; // not a hunk we understand (or of a deleted file): skip to the next file
      return;
    }
    this.nextLine = start;
    this.state = 'hunk';
  }

  private content(buf: Buffer, start: number, end: number): void {
    const columns = this.columns;
    let added = true;
    for (let i = 0; i < columns; i++) {
      const c = start + i < end ? buf[start + i] : SPACE;
      if (c === MINUS) return; // in a parent, not in the new version
      if (c !== PLUS) added = false;
    }
    const number = this.nextLine++;
    if (!added || this.fileCut || this.commitCut) return;
    const size = end - start - columns;
    if (this.commitBytes + size > this.maxCommitBytes) {
      this.commitCut = true;
      this.sink.truncated(this.path!, 'commit', this.maxCommitBytes);
      return;
    }
    if (this.fileBytes + size > this.maxFileBytes) {
      this.fileCut = true;
      this.sink.truncated(this.path!, 'file', this.maxFileBytes);
      return;
    }
    let stop = end;
    if (this.fileBytes < PROBE_BYTES && buf.subarray(start + columns, stop).includes(NUL)) {
      // Binary content (diffed as text, see DIFF_ARGS): skipped, as the engine skips binary files.
      this.fileCut = true;
      this.lines = [];
      return;
    }
    this.fileBytes += size;
    this.commitBytes += size;
    if (stop > start + columns && buf[stop - 1] === 13) stop--;
    this.lines.push({ text: buf.toString('utf8', start + columns, stop), line: number });
  }

  private flushFile(): void {
    if (this.path !== undefined && this.lines.length > 0) this.sink.file(this.path, this.lines);
    this.path = undefined;
    this.lines = [];
    this.fileBytes = 0;
    this.fileCut = false;
  }
}

function startsWith(buf: Buffer, start: number, end: number, prefix: string): boolean {
  if (end - start < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (buf[start + i] !== prefix.charCodeAt(i)) return false;
  return true;
}

function parseCommit(text: string): CommitInfo {
  const [sha = '', author = '', email = '', date = ''] = text.split('\0');
  return { sha, author, email, date };
}

/**
 * The new path of a `+++ b/<path>` line: undefined for a deleted file. Git appends a tab to
 * names holding a space and quotes names holding control characters, quotes or backslashes.
 */
export function parsePath(buf: Buffer, start: number, end: number): string | undefined {
  let stop = end;
  if (stop > start && buf[stop - 1] === 9) stop--;
  const raw = buf[start] === 34 ? unquote(buf.subarray(start, stop)) : buf.subarray(start, stop);
  const text = raw.toString('utf8');
  if (text === '/dev/null') return undefined;
  return text.startsWith('b/') ? text.slice(2) : text;
}

const ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/** Git's C-style quoting: `"b/tab\there"`, octal escapes for raw bytes. */
function unquote(quoted: Buffer): Buffer {
  const out: number[] = [];
  const last = quoted[quoted.length - 1] === 34 ? quoted.length - 1 : quoted.length;
  for (let i = 1; i < last; i++) {
    const c = quoted[i]!;
    if (c !== 92 || i + 1 >= last) {
      out.push(c);
      continue;
    }
    const next = String.fromCharCode(quoted[i + 1]!);
    if (next >= '0' && next <= '7') {
      const digits = quoted.toString('latin1', i + 1, Math.min(i + 4, last));
      out.push(Number.parseInt(digits, 8) & 0xff);
      i += digits.length;
    } else {
      out.push(ESCAPES[next] ?? quoted[i + 1]!);
      i++;
    }
  }
  return Buffer.from(out);
}
