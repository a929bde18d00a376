import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { ALICE, makeRepo, type TestRepo, tokens } from '../git/testing.ts';
import { fingerprint } from '../redact.ts';
import { buildRuleset } from '../ruleset.ts';
import { BACKUP_NAME, CHAINED_NAME, hookScript, installHook } from './install.ts';
import { runPreCommit } from './pre-commit.ts';
import { PRE_COMMIT_HOOKS_YAML } from './pre-commit-framework.ts';

const runner = join(import.meta.dirname, 'testdata/run-pre-commit.ts');
const command = [process.execPath, runner];
const ruleset = buildRuleset();

/** `git commit` as a user runs it: the hook runs; returns its exit status and standard error. */
function commit(repo: TestRepo, args: string[]): { status: number | null; stderr: string } {
  const result = spawnSync('git', ['commit', '-q', ...args], {
    cwd: repo.dir,
    encoding: 'utf8',
    env: { ...process.env, ...gitEnv(repo), GIT_AUTHOR_DATE: `@${ALICE.time} +0000` },
  });
  return { status: result.status, stderr: result.stderr };
}

function gitEnv(repo: TestRepo): Record<string, string> {
  const home = join(repo.dir, '..', 'home');
  return { GIT_CONFIG_NOSYSTEM: '1', HOME: home, XDG_CONFIG_HOME: join(home, '.config') };
}

describe('pre-commit hook', () => {
  let repo: TestRepo;
  before(() => {
    repo = makeRepo();
    repo.commit('init', { 'README.md': '# demo\n', 'src/app.js': 'export const a = 1;\n' });
  });
  after(() => repo.remove());

  it('installs an executable hook that blocks a commit adding a secret, and lets a clean one through', async () => {
    const installed = await installHook(repo.dir, { command });
    assert.deepEqual(installed, { path: join(repo.dir, '.git/hooks/pre-commit'), action: 'installed' });
    assert.equal(statSync(installed.path).mode & 0o777, 0o755);
    assert.equal(readFileSync(installed.path, 'utf8'), hookScript(command, false));

    const head = repo.git(['rev-parse', 'HEAD']);
    const token = tokens.github(1);
    repo.write({ 'src/config.js': `// config\nexport const token = "${token}";\n` });
    repo.git(['add', 'src/config.js']);
    const blocked = commit(repo, ['-m', 'add config']);
    assert.equal(blocked.status, 1);
    assert.match(
      blocked.stderr,
      /^palisade: commit blocked: the staged changes add a secret\n {2}src\/config\.js:2:23 {2}GitHub personal access token \(classic\) \(github-pat\) {2}ghp_…\(40 chars\)\n/,
    );
    assert.equal(blocked.stderr.includes(token), false, 'the hook never prints the secret');
    assert.equal(repo.git(['rev-parse', 'HEAD']), head);

    repo.write({ 'src/config.js': '// config\nexport const token = process.env.TOKEN;\n' });
    repo.git(['add', 'src/config.js']);
    const clean = commit(repo, ['-m', 'add config']);
    assert.deepEqual(clean, { status: 0, stderr: '' });
    assert.notEqual(repo.git(['rev-parse', 'HEAD']), head);
  });

  it('checks what `git commit -a` records, not only what was staged before', () => {
    repo.write({ 'src/app.js': `export const a = 1;\nexport const key = "${tokens.npm(2)}";\n` });
    const blocked = commit(repo, ['-a', '-m', 'edit app']);
    assert.equal(blocked.status, 1);
    assert.match(blocked.stderr, /src\/app\.js:2:\d+ {2}npm access token \(npm-access-token\)/);
    repo.git(['checkout', '--', 'src/app.js']);
  });

  it('lets a commit through when its secret is in the baseline', () => {
    const token = tokens.github(3);
    const baseline = join(repo.dir, '..', 'baseline.json');
    writeFileSync(
      baseline,
      JSON.stringify({
        schemaVersion: 1,
        findings: [{ fingerprint: fingerprint('github-pat', 'known.env', token) }],
      }),
    );
    writeFileSync(join(repo.dir, '.git/hooks/pre-commit'), hookScript([...command, baseline], false));
    repo.write({ 'known.env': `TOKEN=${token}\n` });
    repo.git(['add', 'known.env']);
    const result = commit(repo, ['-m', 'known secret']);
    assert.deepEqual(result, {
      status: 0,
      stderr: 'palisade: 1 known secret (in the baseline) not blocking\n',
    });
  });

  it('reinstalls over its own hook', async () => {
    const again = await installHook(repo.dir, { command });
    assert.equal(again.action, 'updated');
    assert.equal(readFileSync(again.path, 'utf8'), hookScript(command, false));
  });
});

describe('installHook with another hook in place', () => {
  it('chains the other hook: it runs first and can block the commit itself', async () => {
    const repo = makeRepo();
    try {
      repo.commit('init', { 'a.txt': 'a\n' });
      const hooks = join(repo.dir, '.git/hooks');
      const ran = join(repo.dir, '..', 'lint-ran');
      const lint = `#!/bin/sh\necho lint >> '${ran}'\n[ ! -e "$(git rev-parse --show-toplevel)/FAIL" ]\n`;
      writeFileSync(join(hooks, 'pre-commit'), lint, { mode: 0o755 });

      const installed = await installHook(repo.dir, { command });
      assert.deepEqual(installed, {
        path: join(hooks, 'pre-commit'),
        action: 'chained',
        previous: join(hooks, CHAINED_NAME),
      });
      assert.equal(readFileSync(join(hooks, CHAINED_NAME), 'utf8'), lint);

      repo.write({ 'b.txt': 'b\n' });
      repo.git(['add', 'b.txt']);
      assert.deepEqual(commit(repo, ['-m', 'b']), { status: 0, stderr: '' });
      assert.equal(readFileSync(ran, 'utf8'), 'lint\n');

      repo.write({ FAIL: '', 'c.txt': `${tokens.github(4)}\n` });
      repo.git(['add', 'c.txt']);
      const blocked = commit(repo, ['-m', 'c']);
      assert.deepEqual(blocked, { status: 1, stderr: '' }, 'the chained hook failed first');
      assert.equal(readFileSync(ran, 'utf8'), 'lint\nlint\n');

      // Reinstalling keeps the chain.
      assert.equal((await installHook(repo.dir, { command })).action, 'updated');
      assert.equal(readFileSync(join(hooks, 'pre-commit'), 'utf8'), hookScript(command, true));

      // Another tool replacing ours while the chained hook is kept: refuse, unless forced.
      writeFileSync(join(hooks, 'pre-commit'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
      await assert.rejects(installHook(repo.dir, { command }), {
        name: 'PalisadeError',
        code: 'usage',
        message:
          `${join(hooks, 'pre-commit')}: another pre-commit hook is installed and ${CHAINED_NAME} exists ` +
          'already; merge them by hand, or pass --force to replace the hook (it is kept as pre-commit.palisade-backup)',
      });
      const forced = await installHook(repo.dir, { command, force: true });
      assert.deepEqual(forced, {
        path: join(hooks, 'pre-commit'),
        action: 'replaced',
        previous: join(hooks, BACKUP_NAME),
      });
      assert.equal(readFileSync(join(hooks, BACKUP_NAME), 'utf8'), '#!/bin/sh\nexit 0\n');
    } finally {
      repo.remove();
    }
  });

  it('writes the hook where core.hooksPath points', async () => {
    const repo = makeRepo();
    try {
      repo.git(['config', 'core.hooksPath', '.githooks']);
      const installed = await installHook(join(repo.dir), { command });
      assert.deepEqual(installed, { path: join(repo.dir, '.githooks/pre-commit'), action: 'installed' });
      assert.equal(existsSync(join(repo.dir, '.git/hooks/pre-commit')), false);
      repo.write({ 'k.env': `KEY=${tokens.aws(5)}\n` });
      repo.git(['add', 'k.env']);
      const blocked = commit(repo, ['-m', 'k']);
      assert.equal(blocked.status, 1);
      assert.match(blocked.stderr, /k\.env:1:5 {2}AWS access key ID \(aws-access-token\)/);
    } finally {
      repo.remove();
    }
  });

  it('quotes the command for sh', () => {
    const script = hookScript(['/opt/my tools/node', "it's.ts", 'hook'], false);
    assert.ok(script.endsWith(`\nexec '/opt/my tools/node' 'it'\\''s.ts' hook\n`), script);
  });
});

describe('runPreCommit', () => {
  it('returns 0 and no message when nothing staged adds a secret', async () => {
    const repo = makeRepo();
    try {
      repo.commit('init', { 'a.txt': `${tokens.github(6)}\n` });
      repo.write({ 'a.txt': `${tokens.github(6)}\nmore\n` });
      repo.git(['add', 'a.txt']);
      assert.deepEqual(await runPreCommit(repo.dir, ruleset), {
        exitCode: 0,
        matches: [],
        known: [],
        warnings: [],
        message: '',
      });
    } finally {
      repo.remove();
    }
  });
});

describe('pre-commit framework definition', () => {
  it('declares one hook with the fields pre-commit requires, running the hook command without file names', () => {
    assert.deepEqual(parse(PRE_COMMIT_HOOKS_YAML), [
      {
        id: 'palisade-secrets',
        name: 'palisade secrets',
        description: 'Blocks commits whose staged changes add a secret (API keys, tokens, private keys).',
        entry: 'palisade hook pre-commit',
        language: 'node',
        pass_filenames: false,
        always_run: true,
        stages: ['pre-commit'],
        minimum_pre_commit_version: '3.2.0',
      },
    ]);
  });
});
