import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { walkTree } from '../../inventory/walk.ts';
import { describeError, PalisadeError } from '../../model/index.ts';
import { buildRuleset, type Ruleset, type RulesetInput } from '../ruleset.ts';
import type { ScanOptions, SecretMatch } from '../types.ts';
import { type FileOutcome, scanTreeFile, type TreeFileStatus } from './read-file.ts';

export interface WorkingTreeOptions extends Omit<ScanOptions, 'commit'> {
  /** Globs (picomatch) relative to the root: matching files and directories are not scanned. */
  exclude?: readonly string[];
  /** Honour .gitignore files. Default true: what git would not commit is not reported. */
  gitignore?: boolean;
  /** The tree's files, when the caller has walked it already (with the same exclude and gitignore). */
  paths?: readonly string[];
  /** Threads that scan. Default: one per core, at most 8; 1 scans on the calling thread. */
  threads?: number;
  /** The ruleset already built from the same input (saves building it again on this thread). */
  ruleset?: Ruleset;
  /** Other threads join once this thread has scanned this many bytes (or for 250 ms). Default 16 MiB. */
  threadsAfterBytes?: number;
}

export interface WorkingTreeScan {
  root: string;
  /** Files visited. */
  files: number;
  /** Bytes read and scanned. */
  bytes: number;
  /** Sorted by path, line and column. */
  matches: SecretMatch[];
  /** Files not scanned in full, and why, sorted by path. */
  skipped: { path: string; status: Exclude<TreeFileStatus, 'scanned'> }[];
  warnings: string[];
}

/** What a scanning thread needs: all of it structured-cloneable. */
export interface WorkerSetup {
  root: string;
  rules: RulesetInput;
  scan: Omit<ScanOptions, 'commit' | 'onSecret'>;
  wantSecrets: boolean;
}

/** A thread's answer to one batch of paths: only the files worth reporting. */
export interface WorkerReply {
  outcomes: FileOutcome[];
  bytes: number;
  secrets: [SecretMatch, string][];
}

const MAX_THREADS = 8;
const BATCH = 32;
/** Threads join once this thread has scanned this much, or for this long, with files left to share. */
const THREADS_AFTER_BYTES = 16 * 1024 * 1024;
const THREADS_AFTER_MS = 250;
const MIN_FILES_FOR_THREADS = 2 * BATCH;

/**
 * Scans the files of a directory tree (the project's walker: .gitignore honoured, dependency
 * directories skipped). This thread starts alone; once the tree proves large, more threads join
 * and take batches of files from the same queue, so small trees never pay for starting them.
 * `rules` is the ruleset's input, not the compiled ruleset, because each thread compiles its own.
 */
export async function scanWorkingTree(
  root: string,
  rules: RulesetInput,
  options: WorkingTreeOptions = {},
): Promise<WorkingTreeScan> {
  const {
    exclude = [],
    gitignore = true,
    paths: walked,
    threads,
    ruleset: prebuilt,
    onSecret,
    threadsAfterBytes = THREADS_AFTER_BYTES,
    ...scan
  } = options;
  const ruleset = prebuilt ?? buildRuleset(rules);
  const setup: WorkerSetup = { root, rules, scan, wantSecrets: onSecret !== undefined };
  const paths = walked ?? walkFiles(root, { exclude, gitignore });
  const result: WorkingTreeScan = {
    root,
    files: paths.length,
    bytes: 0,
    matches: [],
    skipped: [],
    warnings: [],
  };
  const add = (reply: WorkerReply): void => {
    result.bytes += reply.bytes;
    for (const o of reply.outcomes) {
      result.matches.push(...o.matches);
      result.warnings.push(...o.warnings);
      if (o.status !== 'scanned') result.skipped.push({ path: o.path, status: o.status });
    }
    if (onSecret) for (const [match, secret] of reply.secrets) onSecret(match, secret);
  };
  const queue = new BatchQueue(paths);
  const helpers = Math.max(1, Math.min(threads ?? availableParallelism(), MAX_THREADS)) - 1;
  let pool: ThreadPool | undefined;
  const started = performance.now();
  for (let batch = queue.take(); batch.length > 0; batch = queue.take()) {
    add(scanBatch(setup, ruleset, batch, onSecret));
    if (pool) {
      await new Promise(setImmediate); // lets the helpers' answers in
      if (pool.failed) break;
    } else if (
      helpers > 0 &&
      queue.remaining > MIN_FILES_FOR_THREADS &&
      (result.bytes >= threadsAfterBytes || performance.now() - started > THREADS_AFTER_MS)
    ) {
      pool = new ThreadPool(setup, helpers, queue, add);
    }
  }
  if (pool) await pool.finish();
  result.matches.sort(
    (a, b) =>
      compare(a.path, b.path) || a.line - b.line || a.column - b.column || compare(a.ruleId, b.ruleId),
  );
  result.skipped.sort((a, b) => compare(a.path, b.path));
  return result;
}

/** Every file of the tree, as the project's walker finds it. */
function walkFiles(root: string, options: { exclude: readonly string[]; gitignore: boolean }): string[] {
  try {
    return walkTree(root, options, () => true);
  } catch (error) {
    throw new PalisadeError('input', `${root}: cannot read the directory (${describeError(error)})`, {
      cause: error,
    });
  }
}

class BatchQueue {
  private readonly paths: readonly string[];
  private next = 0;

  constructor(paths: readonly string[]) {
    this.paths = paths;
  }

  get remaining(): number {
    return this.paths.length - this.next;
  }

  take(): string[] {
    const batch = this.paths.slice(this.next, this.next + BATCH);
    this.next += batch.length;
    return batch;
  }
}

/** Threads that take batches from the queue until it is empty; the first failure fails the scan. */
class ThreadPool {
  private readonly done: Promise<void>;
  private readonly idle = new Set<Worker>();
  private failure: unknown;
  private stopIdle: () => void = () => {};

  constructor(setup: WorkerSetup, count: number, queue: BatchQueue, add: (reply: WorkerReply) => void) {
    const ext = extname(fileURLToPath(import.meta.url));
    const url = new URL(`./worktree-worker${ext}`, import.meta.url);
    const workers = Array.from({ length: count }, () => new Worker(url, { workerData: setup }));
    this.done = new Promise((resolve, reject) => {
      let running = workers.length;
      const stopped = new Set<Worker>();
      const stop = (worker: Worker): void => {
        if (stopped.has(worker)) return;
        stopped.add(worker);
        this.idle.delete(worker);
        void worker.terminate();
        if (--running === 0) {
          if (this.failure === undefined) resolve();
          else reject(this.failure);
        }
      };
      const fail = (error: unknown): void => {
        if (this.failure !== undefined) return;
        const cause = error instanceof Error ? error.message : String(error);
        this.failure = new PalisadeError('internal', `a secret-scanning thread failed: ${cause}`, {
          cause: error,
        });
        for (const w of [...this.idle]) stop(w);
      };
      const feed = (worker: Worker): void => {
        const batch = this.failure === undefined ? queue.take() : [];
        if (batch.length > 0) worker.postMessage(batch);
        else stop(worker);
      };
      this.stopIdle = () => {
        for (const w of [...this.idle]) stop(w);
      };
      for (const worker of workers) {
        this.idle.add(worker);
        worker.on('online', () => {
          if (!this.idle.has(worker)) return;
          this.idle.delete(worker);
          feed(worker);
        });
        worker.on('message', (reply: WorkerReply) => {
          try {
            add(reply);
          } catch (error) {
            fail(error);
          }
          feed(worker);
        });
        worker.on('error', (error) => {
          fail(error);
          stop(worker);
        });
        worker.on('exit', (code) => {
          if (stopped.has(worker)) return;
          fail(new Error(`exited with code ${code}`));
          stop(worker);
        });
      }
    });
    this.done.catch(() => {}); // the scan awaits it in finish(); until then a failure is only recorded
  }

  get failed(): boolean {
    return this.failure !== undefined;
  }

  /** Waits for the batches out on other threads; threads that have not started yet are stopped. */
  finish(): Promise<void> {
    this.stopIdle();
    return this.done;
  }
}

/** Scans paths on this thread (also the body of each scanning thread). */
export function scanBatch(
  setup: WorkerSetup,
  ruleset: Ruleset,
  paths: readonly string[],
  onSecret?: (match: SecretMatch, secret: string) => void,
): WorkerReply {
  const reply: WorkerReply = { outcomes: [], bytes: 0, secrets: [] };
  const options: ScanOptions = onSecret ? { ...setup.scan, onSecret } : setup.scan;
  for (const path of paths) {
    const outcome = scanTreeFile(setup.root, path, ruleset, options);
    reply.bytes += outcome.bytes;
    if (outcome.matches.length > 0 || outcome.warnings.length > 0 || outcome.status !== 'scanned') {
      reply.outcomes.push(outcome);
    }
  }
  return reply;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
