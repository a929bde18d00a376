// Helpers for the end-to-end tests of the CLI: the real CLI in a child process, as users and CI run it.
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const example = join(root, 'examples/demo-shop');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export function palisade(
  args: string[],
  env: Record<string, string> = {},
  options: { cwd?: string; input?: string } = {},
): Run {
  const result = spawnSync(process.execPath, [join(root, 'src/cli/run.ts'), ...args], {
    ...options,
    encoding: 'utf8',
    env: { ...process.env, PALISADE_CACHE_DIR: mkdtempSync(join(tmpdir(), 'palisade-cache-')), ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-cli-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

export function assertOneLineError(run: Run, pattern: RegExp): void {
  assert.equal(run.code, 2, run.stderr);
  assert.equal(run.stdout, '');
  const lines = run.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, run.stderr);
  assert.match(lines[0]!, pattern);
  assert.doesNotMatch(run.stderr, /\bat .*\.ts:\d+/, 'no stack trace');
}

/** Runs the CLI without blocking the event loop (for tests that serve fixtures in this process). */
export function palisadeAsync(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(root, 'src/cli/run.ts'), ...args],
      { env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}
