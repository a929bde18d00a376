// Helpers for tests that need real git repositories: isolated from the machine's and the user's
// git configuration, with fixed identities and dates so that commits are reproducible.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface TestRepo {
  dir: string;
  /** Runs git in the repository; returns standard output, trimmed. */
  git(args: string[], env?: Record<string, string>): string;
  write(files: Record<string, string | Buffer>): void;
  /** Writes the files, stages everything and commits; returns the commit id. */
  commit(message: string, files?: Record<string, string | Buffer>, author?: Identity): string;
  remove(): void;
}

export interface Identity {
  name: string;
  email: string;
  /** Seconds since the epoch. */
  time: number;
}

export const ALICE: Identity = { name: 'Alice Example', email: 'alice@example.com', time: 1_700_000_000 };

/** Environment for git and for anything that runs git (hooks): no system or global configuration. */
export function isolatedGitEnv(home: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith('GIT_')) env[key] = value;
  }
  return { ...env, GIT_CONFIG_NOSYSTEM: '1', HOME: home, XDG_CONFIG_HOME: join(home, '.config') };
}

export function makeRepo(): TestRepo {
  const base = mkdtempSync(join(tmpdir(), 'palisade-git-'));
  const dir = join(base, 'repo');
  const home = join(base, 'home');
  mkdirSync(dir);
  mkdirSync(home);
  const baseEnv = isolatedGitEnv(home);
  let tick = 0;
  const git = (args: string[], env: Record<string, string> = {}): string =>
    execFileSync('git', ['-c', 'init.defaultBranch=main', '-c', 'commit.gpgSign=false', ...args], {
      cwd: dir,
      env: { ...baseEnv, ...env },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
  const write = (files: Record<string, string | Buffer>): void => {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
  };
  git(['init', '-q']);
  git(['config', 'user.name', ALICE.name]);
  git(['config', 'user.email', ALICE.email]);
  return {
    dir,
    git,
    write,
    commit(message, files = {}, author = ALICE) {
      write(files);
      git(['add', '-A']);
      const date = `@${author.time + tick++ * 60} +0000`;
      git(
        ['-c', `user.name=${author.name}`, '-c', `user.email=${author.email}`, 'commit', '-q', '-m', message],
        {
          GIT_AUTHOR_DATE: date,
          GIT_COMMITTER_DATE: date,
        },
      );
      return git(['rev-parse', 'HEAD']);
    },
    remove: () => rmSync(base, { recursive: true, force: true }),
  };
}

/**
 * A token of the given shape, made up at run time so that no token-like literal sits in the
 * sources (the project scans itself). Deterministic per seed, with enough entropy for the rules.
 */
export function fakeToken(prefix: string, length: number, seed: number, alphabet = ALNUM): string {
  let out = prefix;
  for (let block = 0; out.length < prefix.length + length; block++) {
    const bytes = createHash('sha256').update(`${seed}:${prefix}:${block}`).digest();
    for (const byte of bytes)
      if (out.length < prefix.length + length) out += alphabet[byte % alphabet.length];
  }
  return out;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Tokens for the rules the tests rely on. */
export const tokens = {
  github: (seed: number) => fakeToken('ghp_', 36, seed),
  npm: (seed: number) => fakeToken('npm_', 36, seed),
  aws: (seed: number) => fakeToken('AKIA', 16, seed, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'),
  slackBot: (seed: number) =>
    `xoxb-${fakeToken('', 12, seed, '0123456789')}-${fakeToken('', 13, seed + 1, '0123456789')}-${fakeToken('', 24, seed + 2)}`,
};
