// The real CLI in a child process, for tests that need what a user would get (a scan of the demo
// shop, say): stdout of `palisade <args>` with its own cache directory, failing on exit codes
// other than 0 (clean) and 1 (findings over the threshold).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const REPO = join(import.meta.dirname, '../..');

export function palisadeOutput(args: string[], cacheDir: string): string {
  const run = spawnSync(process.execPath, [join(REPO, 'src/cli/run.ts'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, PALISADE_CACHE_DIR: cacheDir },
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.ok(run.status === 0 || run.status === 1, run.stderr);
  return run.stdout;
}
