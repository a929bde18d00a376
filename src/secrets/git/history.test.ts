import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PalisadeError } from '../../model/index.ts';
import { toFinding } from '../findings.ts';
import { buildRuleset } from '../ruleset.ts';
import { type HistoryMatch, scanHistory, scanStaged } from './history.ts';
import { ALICE, makeRepo, type TestRepo, tokens } from './testing.ts';

const ruleset = buildRuleset();
const BOB = { name: 'Bob Builder', email: 'bob@example.com', time: 1_710_000_000 };

/** What a test asserts about a match: everything but hashes and entropy. */
function summary(m: HistoryMatch) {
  return { commit: m.commit.sha, rule: m.ruleId, path: m.path, line: m.line, redacted: m.redacted };
}

const byCommit = (a: { commit: string; line: number }, b: { commit: string; line: number }) =>
  a.commit < b.commit ? -1 : a.commit > b.commit ? 1 : a.line - b.line;

describe('scanHistory', () => {
  let repo: TestRepo;
  const commits = {
    init: '',
    leak: '',
    removed: '',
    renamed: '',
    binary: '',
    branch: '',
    main: '',
    merge: '',
  };
  const gh1 = tokens.github(1);
  const gh2 = tokens.github(2);
  const npm1 = tokens.npm(1);
  const aws1 = tokens.aws(1);
  const slack1 = tokens.slackBot(1);

  before(() => {
    repo = makeRepo();
    commits.init = repo.commit('init', { 'README.md': '# demo\n', 'src/app.js': 'const a = 1;\n' });
    commits.leak = repo.commit(
      'add config',
      { 'src/config.js': `// settings\nconst port = 8080;\nconst token = "${gh1}";\n` },
      BOB,
    );
    commits.removed = repo.commit('remove the token', {
      'src/config.js': '// settings\nconst port = 8080;\nconst token = process.env.TOKEN;\n',
    });
    repo.git(['mv', 'src/config.js', 'src/settings.js']);
    commits.renamed = repo.commit('rename config', {
      'src/settings.js': `// settings\nconst port = 8080;\nconst token = process.env.TOKEN;\nconst npm = '${npm1}';\n`,
    });
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), Buffer.from(gh2)]);
    commits.binary = repo.commit('logo and a spaced name', {
      'assets/logo.png': png,
      'deploy/my env.sh': `export AWS_ACCESS_KEY_ID=${aws1}\n`,
    });
    repo.git(['checkout', '-q', '-b', 'feature']);
    commits.branch = repo.commit('feature work', { 'src/feature.js': `export const key = "${gh2}";\n` });
    repo.git(['checkout', '-q', 'main']);
    commits.main = repo.commit('main work', { 'src/app.js': 'const a = 1;\nconst b = 2;\n' });
    repo.git(['merge', '-q', '--no-commit', '--no-ff', 'feature']);
    // An "evil merge": a line that neither parent has.
    commits.merge = repo.commit('merge feature', {
      'src/app.js': `const a = 1;\nconst b = 2;\nconst slack = "${slack1}";\n`,
    });
  });
  after(() => repo.remove());

  it('finds every added secret once, with the commit that added it, even when removed later', async () => {
    const result = await scanHistory(repo.dir, ruleset);
    assert.equal(result.commits, 8);
    assert.deepEqual(result.warnings, []);
    assert.deepEqual(
      result.matches.map(summary).sort(byCommit),
      [
        {
          commit: commits.leak,
          rule: 'github-pat',
          path: 'src/config.js',
          line: 3,
          redacted: 'ghp_…(40 chars)',
        },
        {
          commit: commits.renamed,
          rule: 'npm-access-token',
          path: 'src/settings.js',
          line: 4,
          redacted: 'npm_…(40 chars)',
        },
        {
          commit: commits.binary,
          rule: 'aws-access-token',
          path: 'deploy/my env.sh',
          line: 1,
          redacted: 'AKIA…(20 chars)',
        },
        {
          commit: commits.branch,
          rule: 'github-pat',
          path: 'src/feature.js',
          line: 1,
          redacted: 'ghp_…(40 chars)',
        },
        {
          commit: commits.merge,
          rule: 'slack-bot-token',
          path: 'src/app.js',
          line: 3,
          redacted: 'xoxb…(56 chars)',
        },
      ].sort(byCommit),
    );
    const leak = result.matches.find((m) => m.commit.sha === commits.leak)!;
    assert.deepEqual(leak.commit, {
      sha: commits.leak,
      author: 'Bob Builder',
      email: 'bob@example.com',
      date: '2024-03-09T16:01:00+00:00',
    });
    assert.equal(JSON.stringify(result).includes(gh1), false, 'the secret never leaves the engine');
  });

  it('hands each secret to onSecret for verification', async () => {
    const seen: string[] = [];
    await scanHistory(repo.dir, ruleset, { onSecret: (m, secret) => seen.push(`${m.ruleId}=${secret}`) });
    assert.deepEqual(
      seen.sort(),
      [
        `aws-access-token=${aws1}`,
        `github-pat=${gh1}`,
        `github-pat=${gh2}`,
        `npm-access-token=${npm1}`,
        `slack-bot-token=${slack1}`,
      ].sort(),
    );
  });

  it('scans only the commits after --since', async () => {
    const result = await scanHistory(repo.dir, ruleset, { since: commits.renamed.slice(0, 10) });
    assert.equal(result.since, commits.renamed);
    assert.equal(result.commits, 4);
    assert.deepEqual(
      result.matches.map((m) => [m.commit.sha, m.ruleId]).sort(),
      [
        [commits.binary, 'aws-access-token'],
        [commits.branch, 'github-pat'],
        [commits.merge, 'slack-bot-token'],
      ].sort(),
    );
    const onMain = await scanHistory(repo.dir, ruleset, { since: 'main' });
    assert.equal(onMain.commits, 0);
  });

  it('refuses a --since that is not a commit, without passing it to git as an option', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'palisade-since-')), 'leak.txt');
    for (const since of [`--output=${out}`, 'no-such-branch', `${commits.init}^^`]) {
      await assert.rejects(
        scanHistory(repo.dir, ruleset, { since }),
        (error: unknown) =>
          error instanceof PalisadeError &&
          error.code === 'usage' &&
          error.message ===
            `--since ${JSON.stringify(since)}: not a commit in ${repo.dir}; give a branch, tag or commit id`,
      );
    }
    assert.equal(existsSync(out), false);
    rmSync(join(out, '..'), { recursive: true, force: true });
  });

  it('reports a commit whose added lines exceed the limit', async () => {
    const result = await scanHistory(repo.dir, ruleset, { maxCommitBytes: 30 });
    assert.ok(
      result.warnings.includes(
        `commit ${commits.leak.slice(0, 12)}: src/config.js: the commit's added lines exceed ` +
          `${30 / 1024 / 1024} MiB; the rest of the commit was not scanned`,
      ),
      result.warnings.join('\n'),
    );
    assert.equal(
      result.matches.some((m) => m.commit.sha === commits.leak),
      false,
    );
  });

  it('scans a repository without commits, and refuses a directory outside git', async () => {
    const empty = makeRepo();
    try {
      const result = await scanHistory(empty.dir, ruleset);
      assert.deepEqual([result.commits, result.matches], [0, []]);
    } finally {
      empty.remove();
    }
    const plain = mkdtempSync(join(tmpdir(), 'palisade-plain-'));
    try {
      await assert.rejects(scanHistory(plain, ruleset), (error: unknown) => {
        assert.ok(error instanceof PalisadeError);
        assert.equal(error.code, 'input');
        assert.match(
          error.message,
          /^\/\S+: not a git work tree \(not a git repository.*\); run the scan in a clone/,
        );
        return true;
      });
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
    await assert.rejects(scanHistory(join(plain, 'missing'), ruleset), {
      message: `${join(plain, 'missing')}: no such directory; give the path of a git work tree`,
    });
  });
});

describe('scanHistory against evasion', () => {
  it('reads files that .gitattributes marks binary, and shows where a secret was added', async () => {
    const repo = makeRepo();
    try {
      const token = tokens.github(30);
      const sha = repo.commit('hide it', {
        '.gitattributes': '*.env -diff\nsecret.txt binary\n',
        'prod.env': `TOKEN=${token}\n`,
        'secret.txt': `npm=${tokens.npm(31)}\n`,
      });
      const result = await scanHistory(repo.dir, ruleset);
      assert.deepEqual(
        result.matches.map((m) => [m.path, m.line, m.ruleId]),
        [
          ['prod.env', 1, 'github-pat'],
          ['secret.txt', 1, 'npm-access-token'],
        ],
      );
      const finding = toFinding(result.matches[0]!);
      assert.deepEqual(finding.location, {
        path: 'prod.env',
        line: 1,
        column: 7,
        commit: {
          sha,
          author: 'Alice Example',
          email: 'alice@example.com',
          date: finding.location.commit?.date,
        },
      });
      assert.match(finding.location.commit?.date ?? '', /^2023-11-14T22:13:20[+-]00:00$/);
      assert.equal(finding.evidence, 'ghp_…(40 chars)');
      const staged = makeRepo();
      try {
        staged.write({ '.gitattributes': '* -diff\n', 'a.env': `TOKEN=${token}\n` });
        staged.git(['add', '.']);
        assert.deepEqual(
          (await scanStaged(staged.dir, ruleset)).matches.map((m) => [m.path, m.ruleId]),
          [['a.env', 'github-pat']],
        );
      } finally {
        staged.remove();
      }
    } finally {
      repo.remove();
    }
  });
});

describe('scanStaged', () => {
  it('finds secrets in staged lines only, at their line numbers in the staged file', async () => {
    const repo = makeRepo();
    try {
      const committed = tokens.github(10);
      const staged = tokens.github(11);
      const unstaged = tokens.npm(12);
      const newFile = tokens.aws(13);
      repo.commit('base', { 'app.js': `line1\nconst old = "${committed}";\nline3\n` }, ALICE);
      repo.write({ 'app.js': `line1\nconst old = "${committed}";\nline3\nconst added = "${staged}";\n` });
      repo.write({ 'new/creds.env': `# creds\n\nAWS_ACCESS_KEY_ID=${newFile}\n` });
      repo.git(['add', 'app.js', 'new/creds.env']);
      repo.write({
        'app.js': `line1\nconst old = "${committed}";\nline3\nconst added = "${staged}";\nconst npm = "${unstaged}";\n`,
      });
      repo.write({ 'untracked.js': `const t = "${tokens.github(14)}";\n` });
      const result = await scanStaged(repo.dir, ruleset);
      assert.equal(result.files, 2);
      assert.deepEqual(
        result.matches.map((m) => [m.path, m.line, m.ruleId]),
        [
          ['app.js', 4, 'github-pat'],
          ['new/creds.env', 3, 'aws-access-token'],
        ],
      );
    } finally {
      repo.remove();
    }
  });

  it('scans the first commit of a repository (no HEAD yet)', async () => {
    const repo = makeRepo();
    try {
      repo.write({ 'a.txt': `token: ${tokens.github(20)}\n` });
      repo.git(['add', 'a.txt']);
      const result = await scanStaged(repo.dir, ruleset);
      assert.deepEqual(
        result.matches.map((m) => [m.path, m.line, m.ruleId]),
        [['a.txt', 1, 'github-pat']],
      );
    } finally {
      repo.remove();
    }
  });
});
