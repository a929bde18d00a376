import { PalisadeError } from '../../model/index.ts';
import { scanLines } from '../engine.ts';
import type { Ruleset } from '../ruleset.ts';
import type { NumberedLine, ScanOptions, SecretMatch } from '../types.ts';
import { DIFF_ARGS, gitComplaint, gitStream, repoTop, resolveCommit } from './exec.ts';
import { COMMIT_FORMAT, type CommitInfo, PatchParser, type PatchSink } from './patch.ts';

export type { CommitInfo } from './patch.ts';

/** A secret added by a commit; `path` and `line` are those of the commit's version of the file. */
export interface HistoryMatch extends SecretMatch {
  commit: CommitInfo;
}

/** Engine options for diff scans; the history scan sets `commit` itself. */
export type DiffScanOptions = Omit<ScanOptions, 'commit'>;

export interface HistoryOptions extends DiffScanOptions {
  /** Scan only commits not reachable from this ref (branch, tag, commit id). */
  since?: string;
  /** Added bytes scanned per commit; the rest of a larger commit is reported, not scanned. Default 100 MiB. */
  maxCommitBytes?: number;
}

export interface HistoryScan {
  /** The top of the work tree: paths are relative to it. */
  root: string;
  /** The commit `since` resolved to. */
  since?: string;
  commits: number;
  matches: HistoryMatch[];
  /** One line each: commits or files not scanned in full, configured rules that ran out of time. */
  warnings: string[];
}

export interface StagedScan {
  root: string;
  /** Files with added lines in the staged diff. */
  files: number;
  matches: SecretMatch[];
  warnings: string[];
}

const MIB = 1024 * 1024;

/**
 * Scans the lines every commit added, on every ref (`git log --all`), or only on commits not
 * reachable from `since`. A secret added and removed later is still found, with the commit
 * that added it. Merge commits contribute only the lines that are new against all parents.
 * The output of git is streamed: memory stays bounded by the largest file of one commit.
 */
export async function scanHistory(
  repoDir: string,
  ruleset: Ruleset,
  options: HistoryOptions = {},
): Promise<HistoryScan> {
  const root = await repoTop(repoDir);
  const since = options.since === undefined ? undefined : await resolveCommit(root, options.since);
  const { since: _since, maxCommitBytes, ...engine } = options;
  const result: HistoryScan = { root, commits: 0, matches: [], warnings: [] };
  if (since !== undefined) result.since = since;
  let commit: CommitInfo = { sha: '', author: '', email: '', date: '' };
  const sink: PatchSink = {
    commit(info) {
      commit = info;
      result.commits++;
    },
    file(path, lines) {
      const scan = scanLines(path, lines, ruleset, { ...engine, commit: commit.sha });
      for (const match of scan.matches) result.matches.push({ ...match, commit });
      for (const warning of scan.warnings)
        result.warnings.push(`commit ${commit.sha.slice(0, 12)}: ${warning}`);
    },
    truncated(path, scope, limit) {
      result.warnings.push(
        `commit ${commit.sha.slice(0, 12)}: ${path}: the ${scope}'s added lines exceed ${limit / MIB} MiB; ` +
          `the rest of the ${scope} was not scanned`,
      );
    },
  };
  const limits = {
    ...(maxCommitBytes === undefined ? {} : { maxCommitBytes }),
    ...(engine.maxFileBytes === undefined ? {} : { maxFileBytes: engine.maxFileBytes }),
  };
  const revisions = since === undefined ? [] : [`^${since}`];
  const args = ['log', '-p', '--cc', '--root', '--encoding=UTF-8', ...DIFF_ARGS, COMMIT_FORMAT, '--all'];
  await runPatch(
    root,
    [...args, '--end-of-options', ...revisions, '--'],
    new PatchParser(sink, limits),
    'git log',
  );
  return result;
}

/** Scans the lines the index adds to HEAD: what `git commit` would record. */
export async function scanStaged(
  repoDir: string,
  ruleset: Ruleset,
  options: DiffScanOptions = {},
): Promise<StagedScan> {
  const root = await repoTop(repoDir);
  const result: StagedScan = { root, files: 0, matches: [], warnings: [] };
  const sink: PatchSink = {
    commit() {},
    file(path: string, lines: NumberedLine[]) {
      result.files++;
      const scan = scanLines(path, lines, ruleset, options);
      result.matches.push(...scan.matches);
      result.warnings.push(...scan.warnings);
    },
    truncated(path, _scope, limit) {
      result.warnings.push(`${path}: staged lines beyond ${limit / MIB} MiB were not scanned`);
    },
  };
  const limits = options.maxFileBytes === undefined ? {} : { maxFileBytes: options.maxFileBytes };
  const parser = new PatchParser(sink, { ...limits, maxCommitBytes: Number.POSITIVE_INFINITY });
  await runPatch(root, ['diff', '--cached', ...DIFF_ARGS, '--'], parser, 'git diff --cached');
  return result;
}

async function runPatch(root: string, args: string[], parser: PatchParser, what: string): Promise<void> {
  const exit = await gitStream(root, args, (chunk) => parser.write(chunk));
  if (exit.code !== 0) {
    throw new PalisadeError('input', `${root}: ${what} failed: ${gitComplaint(exit)}`);
  }
  parser.end();
}
