import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { PalisadeError } from '../../model/index.ts';

/**
 * Options that keep a repository's own configuration from changing what git prints or from
 * running programs: no colour, pager, external diff, text conversion or signature checks, and
 * paths unquoted except for control characters.
 */
export const GIT_GLOBAL = ['--no-pager', '-c', 'core.quotePath=false', '-c', 'log.showSignature=false'];

/**
 * Diff options shared by history and staged scans: added lines only, with stable prefixes.
 * `--text` because `.gitattributes` can mark any file binary (`*.env -diff`), which would hide
 * its lines; the patch parser drops files whose added lines hold a NUL byte instead.
 */
export const DIFF_ARGS = [
  '--text',
  '--no-color',
  '--no-ext-diff',
  '--no-textconv',
  '--no-relative',
  '--unified=0',
  '-M',
  '--src-prefix=a/',
  '--dst-prefix=b/',
];

const STDERR_KEEP = 4096;

/** Runs git to completion and returns its standard output (for small outputs: rev-parse). */
export async function gitOutput(cwd: string, args: readonly string[]): Promise<GitExit & { stdout: string }> {
  const chunks: Buffer[] = [];
  const exit = await gitStream(cwd, args, (chunk) => {
    chunks.push(chunk);
  });
  return { ...exit, stdout: Buffer.concat(chunks).toString('utf8') };
}

export interface GitExit {
  code: number;
  /** The start of standard error, for messages. */
  stderr: string;
}

/**
 * Runs git with an argument array (never a shell) and hands each chunk of standard output to
 * `onChunk` as it arrives. A synchronous handler holds the pipe: git waits while we scan.
 */
export function gitStream(
  cwd: string,
  args: readonly string[],
  onChunk: (chunk: Buffer) => void,
): Promise<GitExit> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', [...GIT_GLOBAL, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let failed: unknown;
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < STDERR_KEEP) stderr += chunk.toString('utf8');
    });
    child.stdout.on('data', (chunk: Buffer) => {
      if (failed !== undefined) return;
      try {
        onChunk(chunk);
      } catch (error) {
        failed = error;
        child.kill();
      }
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'ENOENT'
          ? new PalisadeError(
              'input',
              'git is not installed or not on PATH; install git to scan a repository',
            )
          : error,
      );
    });
    child.on('close', (code, signal) => {
      if (failed !== undefined) reject(failed);
      else resolve({ code: code ?? (signal ? 128 : 1), stderr: stderr.slice(0, STDERR_KEEP) });
    });
  });
}

/** The first line of git's complaint, for a one-line error. */
export function gitComplaint(exit: GitExit): string {
  const line = exit.stderr.split('\n').find((l) => l.trim() !== '');
  return line ? line.replace(/^(fatal|error): /, '').trim() : `git exited with status ${exit.code}`;
}

/** The top of the work tree holding `dir`; a one-line error when `dir` is not in a git work tree. */
export async function repoTop(dir: string): Promise<string> {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new PalisadeError('input', `${dir}: no such directory; give the path of a git work tree`);
  }
  const exit = await gitOutput(dir, ['rev-parse', '--show-toplevel']).catch((error: unknown) => {
    if (error instanceof PalisadeError) throw error;
    throw new PalisadeError('input', `${dir}: cannot run git there (${String(error)})`, { cause: error });
  });
  if (exit.code !== 0 || exit.stdout.trim() === '') {
    throw new PalisadeError(
      'input',
      `${dir}: not a git work tree (${gitComplaint(exit)}); run the scan in a clone of the repository`,
    );
  }
  return exit.stdout.trim();
}

/**
 * The commit a user-given ref names, verified first so that a hostile value (`--output=…`)
 * cannot become an option of a later git command.
 */
export async function resolveCommit(repoDir: string, ref: string): Promise<string> {
  const exit = await gitOutput(repoDir, [
    'rev-parse',
    '--verify',
    '--quiet',
    '--end-of-options',
    `${ref}^{commit}`,
  ]);
  const sha = exit.stdout.trim();
  if (exit.code !== 0 || !/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(sha)) {
    throw new PalisadeError(
      'usage',
      `--since ${JSON.stringify(ref)}: not a commit in ${repoDir}; give a branch, tag or commit id`,
    );
  }
  return sha;
}
