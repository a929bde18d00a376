import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describeError, PalisadeError } from '../../model/index.ts';
import { gitComplaint, gitOutput, repoTop } from '../git/exec.ts';

/** The line that marks a hook as ours: reinstalling replaces such a hook, never another one. */
export const HOOK_MARKER = '# palisade-hook: pre-commit';
/** Where a hook that was there before ours is kept, and run first. */
export const CHAINED_NAME = 'pre-commit.pre-palisade';
/** Where `--force` keeps the hook it replaces. */
export const BACKUP_NAME = 'pre-commit.palisade-backup';

export const DEFAULT_HOOK_COMMAND: readonly string[] = ['palisade', 'hook', 'pre-commit'];

export interface InstallOptions {
  /** Replace another tool's hook instead of chaining it (it is kept as pre-commit.palisade-backup). */
  force?: boolean;
  /** The command the hook runs, as arguments. Default `palisade hook pre-commit`. */
  command?: readonly string[];
}

export interface HookInstall {
  path: string;
  /**
   * installed: there was no hook; updated: ours was there; chained: another hook was there, it
   * now runs first (kept as pre-commit.pre-palisade); replaced: another hook was there, --force
   * replaced it (kept as pre-commit.palisade-backup).
   */
  action: 'installed' | 'updated' | 'chained' | 'replaced';
  /** Where the previous hook now is, for chained and replaced. */
  previous?: string;
}

/**
 * Installs the pre-commit hook in the directory git runs hooks from (`core.hooksPath` when set,
 * else the repository's hooks directory, shared by its worktrees).
 */
export async function installHook(repoDir: string, options: InstallOptions = {}): Promise<HookInstall> {
  const top = await repoTop(repoDir);
  const exit = await gitOutput(top, ['rev-parse', '--git-path', 'hooks']);
  if (exit.code !== 0) {
    throw new PalisadeError('input', `${top}: cannot find the hooks directory: ${gitComplaint(exit)}`);
  }
  const dir = resolve(top, exit.stdout.trim());
  const path = join(dir, 'pre-commit');
  const chained = join(dir, CHAINED_NAME);
  const command = options.command ?? DEFAULT_HOOK_COMMAND;
  try {
    mkdirSync(dir, { recursive: true });
    const existing = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    if (existing === undefined || existing.includes(HOOK_MARKER)) {
      write(path, hookScript(command, existsSync(chained)));
      return { path, action: existing === undefined ? 'installed' : 'updated' };
    }
    if (options.force) {
      const backup = join(dir, BACKUP_NAME);
      renameSync(path, backup);
      write(path, hookScript(command, false));
      return { path, action: 'replaced', previous: backup };
    }
    if (existsSync(chained)) {
      throw new PalisadeError(
        'usage',
        `${path}: another pre-commit hook is installed and ${CHAINED_NAME} exists already; ` +
          'merge them by hand, or pass --force to replace the hook (it is kept as pre-commit.palisade-backup)',
      );
    }
    renameSync(path, chained);
    write(path, hookScript(command, true));
    return { path, action: 'chained', previous: chained };
  } catch (error) {
    if (error instanceof PalisadeError) throw error;
    throw new PalisadeError('input', `${path}: cannot install the hook (${describeError(error)})`, {
      cause: error,
    });
  }
}

function write(path: string, script: string): void {
  writeFileSync(path, script, { mode: 0o755 });
  chmodSync(path, 0o755); // writeFileSync keeps the mode of a file that exists
}

/** The hook: POSIX sh, which git runs hooks with on every platform (Git for Windows included). */
export function hookScript(command: readonly string[], chain: boolean): string {
  const lines = [
    '#!/bin/sh',
    HOOK_MARKER,
    '# Installed by `palisade hook install`: blocks a commit whose staged changes add a secret.',
    '# Reinstalling replaces this file; `git commit --no-verify` skips it.',
  ];
  if (chain) {
    lines.push(
      `# The hook that was here before runs first: ${CHAINED_NAME}.`,
      `previous="$(dirname -- "$0")/${CHAINED_NAME}"`,
      'if [ -x "$previous" ]; then',
      '  "$previous" "$@" || exit $?',
      'fi',
    );
  }
  lines.push(`exec ${command.map(shellQuote).join(' ')}`, '');
  return lines.join('\n');
}

function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}
