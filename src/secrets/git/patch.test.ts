import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { NumberedLine } from '../types.ts';
import { type CommitInfo, type PatchLimits, PatchParser } from './patch.ts';

interface Parsed {
  commits: CommitInfo[];
  files: { commit: string; path: string; lines: NumberedLine[] }[];
  truncated: string[];
}

/** Feeds the patch in chunks of `chunk` bytes, so that lines split across chunks are exercised. */
function parse(patch: string | Buffer, chunk = 7, limits: PatchLimits = {}): Parsed {
  const out: Parsed = { commits: [], files: [], truncated: [] };
  const parser = new PatchParser(
    {
      commit: (info) => out.commits.push(info),
      file: (path, lines) => out.files.push({ commit: out.commits.at(-1)?.sha ?? '', path, lines }),
      truncated: (path, scope, limit) => out.truncated.push(`${path} ${scope} ${limit}`),
    },
    limits,
  );
  const bytes = Buffer.isBuffer(patch) ? patch : Buffer.from(patch, 'utf8');
  for (let i = 0; i < bytes.length; i += chunk) parser.write(bytes.subarray(i, i + chunk));
  parser.end();
  return out;
}

const header = (sha: string) =>
  `${['', sha, 'Alice Example', 'alice@example.com', '2024-01-02T03:04:05+01:00'].join('\0')}\n\n`;

describe('PatchParser', () => {
  it('reports added lines with their new line numbers across hunks, and the commit', () => {
    const patch = [
      header('a'.repeat(40)),
      'diff --git a/src/app.js b/src/app.js',
      'index 1111111..2222222 100644',
      '--- a/src/app.js',
      '+++ b/src/app.js',
      '@@ -3,0 +4,2 @@ function main() {',
      '+const one = 1;',
      '+++ b/not-a-header',
      '@@ -10 +12 @@',
      '-old',
      '+new',
      '\\ No newline at end of file',
      'diff --git a/gone.txt b/gone.txt',
      'deleted file mode 100644',
      '--- a/gone.txt',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      '-bye',
      '',
    ].join('\n');
    const parsed = parse(patch);
    assert.deepEqual(parsed.commits, [
      {
        sha: 'a'.repeat(40),
        author: 'Alice Example',
        email: 'alice@example.com',
        date: '2024-01-02T03:04:05+01:00',
      },
    ]);
    assert.deepEqual(parsed.files, [
      {
        commit: 'a'.repeat(40),
        path: 'src/app.js',
        lines: [
          { text: 'const one = 1;', line: 4 },
          { text: '++ b/not-a-header', line: 5 },
          { text: 'new', line: 12 },
        ],
      },
    ]);
  });

  it('reads quoted paths, paths with spaces (tab-terminated) and strips CR', () => {
    const patch = [
      'diff --git "a/tab\\there" "b/tab\\there"',
      'new file mode 100644',
      '--- /dev/null',
      '+++ "b/tab\\there\\303\\251\\"q\\\\"',
      '@@ -0,0 +1 @@',
      '+x\r',
      'diff --git a/my file.env b/my file.env',
      '--- a/my file.env\t',
      '+++ b/my file.env\t',
      '@@ -0,0 +1,1 @@',
      '+y',
      'diff --git a/café.txt b/café.txt',
      '--- /dev/null',
      '+++ b/café.txt',
      '@@ -0,0 +7 @@',
      '+z',
    ].join('\n');
    assert.deepEqual(
      parse(patch, 3).files.map((f) => [f.path, f.lines]),
      [
        ['tab\there\u00e9"q\\', [{ text: 'x', line: 1 }]],
        ['my file.env', [{ text: 'y', line: 1 }]],
        ['café.txt', [{ text: 'z', line: 7 }]],
      ],
    );
  });

  it('skips binary files, mode changes and pure renames', () => {
    const patch = [
      header('b'.repeat(40)),
      'diff --git a/logo.png b/logo.png',
      'new file mode 100644',
      'index 0000000..88768ef',
      'Binary files /dev/null and b/logo.png differ',
      'diff --git a/run.sh b/run.sh',
      'old mode 100644',
      'new mode 100755',
      'diff --git a/a.txt b/b.txt',
      'similarity index 100%',
      'rename from a.txt',
      'rename to b.txt',
      'diff --git a/c.txt b/d.txt',
      'similarity index 80%',
      'rename from c.txt',
      'rename to d.txt',
      '--- a/c.txt',
      '+++ b/d.txt',
      '@@ -2,0 +3 @@',
      '+added after the rename',
    ].join('\n');
    assert.deepEqual(
      parse(patch).files.map((f) => [f.path, f.lines]),
      [['d.txt', [{ text: 'added after the rename', line: 3 }]]],
    );
  });

  it('takes from a combined diff only the lines new against every parent', () => {
    const patch = [
      header('c'.repeat(40)),
      'diff --cc f.txt',
      'index 6dcce7d,759d298..bfa47c2',
      '--- a/f.txt',
      '+++ b/f.txt',
      '@@@ -3,1 -4,0 +4,3 @@@',
      ' +from the second parent',
      '- removed from the first parent',
      '++evil merge line',
      '+ from the first parent',
      '',
      header('d'.repeat(40)),
      'diff --cc g.txt',
      '--- a/g.txt',
      '+++ b/g.txt',
      '@@@@ -1,0 -1,0 -1,0 +1,2 @@@@',
      '+++octopus line',
      '++ not new against the third parent',
    ].join('\n');
    assert.deepEqual(
      parse(patch).files.map((f) => [f.commit[0], f.path, f.lines]),
      [
        ['c', 'f.txt', [{ text: 'evil merge line', line: 5 }]],
        ['d', 'g.txt', [{ text: 'octopus line', line: 1 }]],
      ],
    );
  });

  it('stops a file or a commit at its byte limit and says so once', () => {
    const lines = Array.from({ length: 10 }, (_, i) => `+line ${i}`);
    const patch = [
      header('e'.repeat(40)),
      'diff --git a/big.txt b/big.txt',
      '--- /dev/null',
      '+++ b/big.txt',
      '@@ -0,0 +1,10 @@',
      ...lines,
      'diff --git a/next.txt b/next.txt',
      '--- /dev/null',
      '+++ b/next.txt',
      '@@ -0,0 +1,10 @@',
      ...lines,
      header('f'.repeat(40)),
      'diff --git a/small.txt b/small.txt',
      '--- /dev/null',
      '+++ b/small.txt',
      '@@ -0,0 +1 @@',
      '+ok',
    ].join('\n');
    const byFile = parse(patch, 64, { maxFileBytes: 20 });
    assert.deepEqual(
      byFile.files.map((f) => [f.path, f.lines.length]),
      [
        ['big.txt', 3],
        ['next.txt', 3],
        ['small.txt', 1],
      ],
    );
    assert.deepEqual(byFile.truncated, ['big.txt file 20', 'next.txt file 20']);
    const byCommit = parse(patch, 64, { maxCommitBytes: 30 });
    assert.deepEqual(
      byCommit.files.map((f) => [f.path, f.lines.length]),
      [
        ['big.txt', 5],
        ['small.txt', 1],
      ],
    );
    assert.deepEqual(byCommit.truncated, ['big.txt commit 30']);
  });

  it('drops a file whose added lines hold a NUL byte (binary diffed as text), and joins long lines', () => {
    const long = 'x'.repeat(100_000);
    const patch = Buffer.concat([
      Buffer.from(
        'diff --git a/logo.png b/logo.png\n--- /dev/null\n+++ b/logo.png\n@@ -0,0 +1,3 @@\n+\x89PNG\n+',
      ),
      Buffer.from([0, 0, 0, 13]),
      Buffer.from('IHDR\n+more\n'),
      Buffer.from(
        `diff --git a/min.js b/min.js\n--- /dev/null\n+++ b/min.js\n@@ -0,0 +1,2 @@\n+${long}\n+end\n`,
      ),
    ]);
    assert.deepEqual(
      parse(patch, 1000).files.map((f) => [f.path, f.lines.map((l) => [l.text.length, l.line])]),
      [
        [
          'min.js',
          [
            [100_000, 1],
            [3, 2],
          ],
        ],
      ],
    );
  });

  it('ignores garbage and truncated input without throwing', () => {
    const inputs = [
      '@@ -1 +1 @@\n+orphan hunk before any file\n',
      'diff --git a/x b/x\n+++ b/x\n@@ nonsense @@\n+not in a hunk\n',
      'diff --git a/x b/x\n+++ b/x\n@@ -0,0 +1',
      `${header('1'.repeat(40)).slice(0, 20)}`,
      Buffer.from([0xff, 0xfe, 0x00, 0x0a, 0x2b, 0x80]),
    ];
    for (const input of inputs) assert.deepEqual(parse(input).files, []);
    const invalidUtf8 = Buffer.concat([
      Buffer.from('diff --git a/x b/x\n+++ b/x\n@@ -0,0 +1 @@\n+'),
      Buffer.from([0xc3, 0x28, 0x41]),
    ]);
    assert.deepEqual(parse(invalidUtf8).files[0]?.lines, [{ text: '\ufffd(A', line: 1 }]);
  });
});
