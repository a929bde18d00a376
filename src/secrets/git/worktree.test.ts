import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { tokens } from './testing.ts';
import { scanWorkingTree, type WorkerReply, type WorkerSetup } from './worktree.ts';

function writeTree(root: string, files: Record<string, string | Buffer>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

describe('scanWorkingTree', () => {
  let root: string;
  const files: Record<string, string | Buffer> = {};
  const size = (...paths: string[]) => paths.reduce((n, p) => n + Buffer.byteLength(files[p]!), 0);
  const filler = 'export function add(a, b) {\n  return a + b;\n}\n'.repeat(20);

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'palisade-tree-'));
    Object.assign(files, {
      '.gitignore': '.env\n',
      '.env': `GITHUB_TOKEN=${tokens.github(1)}\n`,
      'src/config.js': `// config\nexport const npmToken = "${tokens.npm(2)}";\n`,
      'deploy/aws.sh': `#!/bin/sh\n\nexport AWS_ACCESS_KEY_ID=${tokens.aws(3)}\n`,
      'assets/blob.bin': Buffer.concat([Buffer.from([1, 2, 0, 3]), Buffer.from(tokens.github(4))]),
      'dump/huge.sql': `-- ${tokens.github(5)}\n${'x'.repeat(3000)}\n`,
      'node_modules/dep/index.js': `module.exports = "${tokens.github(6)}";\n`,
      'generated/out.js': `var t = "${tokens.github(7)}";\n`,
    });
    for (let i = 0; i < 300; i++) files[`lib/mod${String(i).padStart(3, '0')}.js`] = filler;
    files['lib/mod150.js'] = `${filler}const slack = "${tokens.slackBot(8)}";\n`;
    writeTree(root, files);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  const options = { exclude: ['generated/**'], maxFileBytes: 2048 };

  it('scans the files git would commit, skipping binary, too large, excluded and dependency files', async () => {
    const result = await scanWorkingTree(root, {}, { ...options, threads: 1 });
    assert.deepEqual(
      result.matches.map((m) => [m.path, m.line, m.ruleId]),
      [
        ['deploy/aws.sh', 3, 'aws-access-token'],
        ['lib/mod150.js', 61, 'slack-bot-token'],
        ['src/config.js', 2, 'npm-access-token'],
      ],
    );
    assert.deepEqual(result.skipped, [
      { path: 'assets/blob.bin', status: 'binary' },
      { path: 'dump/huge.sql', status: 'too-large' },
    ]);
    const text = Object.keys(files).filter((p) => /^(lib|src|deploy)\/|^\.gitignore$/.test(p));
    assert.equal(result.files, text.length + 2);
    assert.equal(result.bytes, size(...text));
    assert.deepEqual(result.warnings, []);
  });

  it('scans .gitignored files when asked', async () => {
    const result = await scanWorkingTree(root, {}, { ...options, threads: 1, gitignore: false });
    assert.deepEqual(
      result.matches.filter((m) => m.path === '.env').map((m) => [m.line, m.ruleId]),
      [[1, 'github-pat']],
    );
  });

  it('gives the same result when other threads join, and passes their secrets on', async () => {
    const alone: string[] = [];
    const together: string[] = [];
    const one = await scanWorkingTree(
      root,
      {},
      { ...options, threads: 1, onSecret: (m) => alone.push(m.path) },
    );
    const two = await scanWorkingTree(
      root,
      {},
      {
        ...options,
        threads: 2,
        threadsAfterBytes: 0,
        onSecret: (m) => together.push(m.path),
      },
    );
    assert.deepEqual(two, one);
    assert.deepEqual(together.sort(), alone.sort());
    assert.equal(alone.length, 3);
  });

  it('answers a batch on a scanning thread with what is worth reporting and the secrets', async () => {
    const setup: WorkerSetup = { root, rules: {}, scan: { maxFileBytes: 2048 }, wantSecrets: true };
    const worker = new Worker(new URL('./worktree-worker.ts', import.meta.url), { workerData: setup });
    try {
      const reply = await new Promise<WorkerReply>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
        worker.postMessage(['src/config.js', 'lib/mod000.js', 'assets/blob.bin', 'missing.txt']);
      });
      assert.deepEqual(
        reply.outcomes.map((o) => [o.path, o.status, o.matches.map((m) => m.ruleId), o.warnings]),
        [
          ['src/config.js', 'scanned', ['npm-access-token'], []],
          ['assets/blob.bin', 'binary', [], []],
          [
            'missing.txt',
            'unreadable',
            [],
            [
              `missing.txt: not scanned: ENOENT: no such file or directory, open '${join(root, 'missing.txt')}'`,
            ],
          ],
        ],
      );
      assert.equal(reply.bytes, size('src/config.js', 'lib/mod000.js'));
      assert.deepEqual(
        reply.secrets.map(([m, secret]) => [m.ruleId, secret]),
        [['npm-access-token', tokens.npm(2)]],
      );
    } finally {
      await worker.terminate();
    }
  });

  it('refuses a directory it cannot read', async () => {
    await assert.rejects(scanWorkingTree(join(root, 'missing'), {}), {
      name: 'PalisadeError',
      code: 'input',
    });
  });
});
