// End-to-end: secret scanning through the real CLI (`palisade scan`, `palisade secrets`,
// `palisade hook pre-commit`) in child processes, as users and CI run it.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { makeRepo, tokens } from '../secrets/git/testing.ts';
import { type Route, startFixtureServer } from '../testing/fixture-server.ts';
import { assertOneLineError, example, palisade, palisadeAsync, tree } from './testing.ts';

const DEMO_PASSWORD = 'Vq3nR8tLw2Zk7Pxb';

interface JsonFinding {
  kind: string;
  ruleId: string;
  severity: string;
  evidence: string;
  fingerprint: string;
  location: { path: string; line: number; column?: number; commit?: { sha: string; author: string } };
  risk: { score: number };
  verification?: { status: string; provider: string; checkedAt: string; detail?: string };
}

function findings(stdout: string): JsonFinding[] {
  return (JSON.parse(stdout) as { findings: JsonFinding[] }).findings;
}

const secretsOf = (stdout: string) => findings(stdout).filter((f) => f.kind === 'secret');
const where = (f: JsonFinding) => `${f.location.path}:${f.location.line} ${f.ruleId}`;

/** A cache with the demo's advisory database, so that `scan --offline` runs. */
function advisoryCache(): Record<string, string> {
  const env = { PALISADE_CACHE_DIR: mkdtempSync(join(tmpdir(), 'palisade-cache-')) };
  const imported = palisade(['db', 'import', join(example, 'advisories'), '--quiet'], env);
  assert.equal(imported.code, 0, imported.stderr);
  return env;
}

describe('palisade scan: secrets as one more stage', () => {
  let env: Record<string, string>;
  before(() => {
    env = advisoryCache();
  });

  it('reports the demo shop secret, redacted, ranked with the vulnerabilities, in every format', () => {
    const json = palisade(['scan', example, '--offline', '--format', 'json'], env);
    assert.equal(json.code, 0, json.stderr);
    const [secret, ...others] = secretsOf(json.stdout);
    assert.deepEqual(others, []);
    assert.equal(where(secret!), 'api/orders/settings.py:10 database-url-password');
    assert.equal(secret!.severity, 'high');
    assert.equal(secret!.evidence, 'Vq3n…(16 chars)');
    assert.equal(secret!.location.column, 35);
    assert.match(secret!.fingerprint, /^[0-9a-f]{64}$/);
    assert.equal(
      findings(json.stdout)[0]!.ruleId,
      'database-url-password',
      'a leaked credential ranks first',
    );
    assert.ok(secret!.risk.score >= 70, `risk ${secret!.risk.score}`);
    for (const format of ['table', 'json', 'sarif', 'markdown']) {
      const run = palisade(['scan', example, '--offline', '--format', format, '--quiet'], env);
      assert.equal(run.code, 0, run.stderr);
      assert.ok(run.stdout.includes('Vq3n…(16 chars)'), `${format} shows the redacted value`);
      assert.ok(!run.stdout.includes(DEMO_PASSWORD), `${format} never holds the secret`);
      assert.ok(!run.stderr.includes(DEMO_PASSWORD));
    }
  });

  it('walks the same tree as the inventory: excludes and .gitignore apply; --fail-on counts secrets', () => {
    const dir = tree({
      'app.js': `const token = "${tokens.github(1)}";\n`,
      'config/prod.env': `NPM_TOKEN=${tokens.npm(2)}\n`,
      'build/bundle.js': `var t="${tokens.github(3)}";\n`,
      '.gitignore': 'build/\n',
    });
    const all = palisade(['scan', dir, '--offline', '--format', 'json'], env);
    assert.equal(all.code, 0, all.stderr);
    assert.deepEqual(secretsOf(all.stdout).map(where), [
      'app.js:1 github-pat',
      'config/prod.env:1 npm-access-token',
    ]);
    const excluded = palisade(['scan', dir, '--offline', '--format', 'json', '--exclude', 'config/**'], env);
    assert.deepEqual(secretsOf(excluded.stdout).map(where), ['app.js:1 github-pat']);
    const unignored = palisade(['scan', dir, '--offline', '--format', 'json', '--no-gitignore'], env);
    assert.equal(secretsOf(unignored.stdout).length, 3);

    const gate = palisade(['scan', dir, '--offline', '--fail-on', 'critical'], env);
    assert.equal(gate.code, 1, gate.stderr);
    assert.match(gate.stderr, /2 findings at or above the --fail-on or --fail-on-risk threshold/);
    assert.match(gate.stdout, /github-pat\s+ghp_…\(40 chars\)/);
  });

  it('is turned off by --no-secrets, PALISADE_SECRETS=false or palisade.yaml secrets.enabled: false', () => {
    const dir = tree({ 'app.js': `const token = "${tokens.github(4)}";\n` });
    const off = tree({
      'app.js': `const token = "${tokens.github(4)}";\n`,
      'palisade.yaml': 'secrets:\n  enabled: false\n',
    });
    const runs = [
      palisade(['scan', dir, '--offline', '--fail-on', 'high', '--no-secrets'], env),
      palisade(['scan', dir, '--offline', '--fail-on', 'high'], { ...env, PALISADE_SECRETS: 'false' }),
      palisade(['scan', off, '--offline', '--fail-on', 'high'], env),
    ];
    for (const run of runs) {
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /^0 findings/m);
    }
    const flagWins = palisade(['scan', off, '--offline', '--fail-on', 'high'], {
      ...env,
      PALISADE_SECRETS: '1',
    });
    assert.equal(flagWins.code, 1, 'the environment outranks palisade.yaml');
  });
});

describe('palisade secrets', () => {
  it('finds a secret removed from the tree in the history, with its commit, redacted, exit 1', () => {
    const repo = makeRepo();
    try {
      const token = tokens.github(5);
      const sha = repo.commit('add client', { 'app.js': `const token = "${token}";\n` });
      repo.git(['rm', '-q', 'app.js']);
      repo.commit('remove it');
      const worktree = palisade(['secrets', repo.dir]);
      assert.equal(worktree.code, 0, 'nothing left in the working tree');
      const history = palisade(['secrets', repo.dir, '--history', '--format', 'json']);
      assert.equal(history.code, 1, history.stderr);
      const [finding] = findings(history.stdout);
      assert.equal(where(finding!), 'app.js:1 github-pat');
      assert.deepEqual(finding!.location.commit, {
        sha,
        author: 'Alice Example',
        email: 'alice@example.com',
        date: '2023-11-14T22:13:20+00:00',
      });
      const table = palisade(['secrets', repo.dir, '--history']);
      assert.match(table.stdout, new RegExp(`app\\.js:1 @${sha.slice(0, 12)}`));
      for (const run of [history, table]) assert.ok(!run.stdout.includes(token), 'never printed in full');
    } finally {
      repo.remove();
    }
  });
});

describe('secrets configuration: palisade.yaml and .gitleaks.toml', () => {
  let env: Record<string, string>;
  before(() => {
    env = advisoryCache();
  });

  const corpKey = 'corp_api_key = "8f3a9c1d2e4b6f708192a3b4c5d6e7f8091a2b3c"\n';
  const stopword = tokens.github(12).slice(4, 12);
  /** One secret per way of letting a secret through, and one that nothing lets through. */
  function configuredTree(gitleaks: string): string {
    return tree({
      'app.js': `const token = "${tokens.github(10)}";\n`,
      'fixtures/keys.env': `NPM_TOKEN=${tokens.npm(11)}\n`,
      'ci.env': `GH_TOKEN=${tokens.github(12)}\n`,
      'aws.env': `AWS_ACCESS_KEY_ID=${tokens.aws(13)}\n`,
      'slack.env': `SLACK_BOT_TOKEN=${tokens.slackBot(14)}\n`,
      'corp.cfg': corpKey,
      '.gitleaks.toml': gitleaks,
      'palisade.yaml': [
        'secrets:',
        '  allowlist:',
        '    paths: ["fixtures/**"]',
        '    regexes: ["^AKIA"]',
        `    stopwords: ["${stopword}"]`,
        '  disabledRules: [slack-bot-token, generic-api-key]',
        '',
      ].join('\n'),
    });
  }
  const corpRule = [
    '[extend]',
    'useDefault = true',
    "url = 'https://example.com/base.toml'",
    '[[rules]]',
    'id = "corp-api-key"',
    "regex = '''corp_api_key\\s*=\\s*\"([a-f0-9]{40})\"'''",
    'secretGroup = 1',
    'keywords = ["corp_api_key"]',
    '',
  ].join('\n');

  it('applies allowlists by path, regex and stopword, disabled rules and gitleaks rules in secrets and scan', () => {
    const dir = configuredTree(corpRule);
    const secrets = palisade(['secrets', dir, '--format', 'json']);
    assert.equal(secrets.code, 1, secrets.stderr);
    assert.deepEqual(findings(secrets.stdout).map(where), ['app.js:1 github-pat', 'corp.cfg:1 corp-api-key']);
    assert.match(secrets.stderr, /\.gitleaks\.toml: \[extend\] url is not supported/);
    const scan = palisade(['scan', dir, '--offline', '--format', 'json'], env);
    assert.equal(scan.code, 0, scan.stderr);
    assert.deepEqual(secretsOf(scan.stdout).map(where).sort(), [
      'app.js:1 github-pat',
      'corp.cfg:1 corp-api-key',
    ]);
    assert.match(scan.stderr, /\.gitleaks\.toml: \[extend\] url is not supported/);
  });

  it('reads the gitleaks file that --gitleaks-config or secrets.gitleaksConfig names', () => {
    const dir = configuredTree('title = "unused: only the defaults"\n[extend]\nuseDefault = true\n');
    const other = tree({ 'corp.toml': corpRule });
    const defaults = palisade(['secrets', dir, '--format', 'json']);
    assert.deepEqual(findings(defaults.stdout).map(where), ['app.js:1 github-pat']);
    const named = palisade(
      ['secrets', dir, '--format', 'json', '--gitleaks-config', 'corp.toml'],
      {},
      { cwd: other },
    );
    assert.deepEqual(findings(named.stdout).map(where), ['app.js:1 github-pat', 'corp.cfg:1 corp-api-key']);
    const fromYaml = tree({ 'corp.cfg': corpKey, 'security/corp.toml': corpRule });
    const yaml = tree({ 'palisade.yaml': 'secrets:\n  gitleaksConfig: security/corp.toml\n' });
    const configured = palisade([
      'secrets',
      fromYaml,
      '--format',
      'json',
      '--config',
      join(yaml, 'palisade.yaml'),
    ]);
    assert.deepEqual(findings(configured.stdout).map(where), ['corp.cfg:1 corp-api-key']);
  });

  it('applies them in the pre-commit hook too', () => {
    const repo = makeRepo();
    try {
      repo.commit('init', {
        'palisade.yaml': 'secrets:\n  allowlist:\n    paths: ["fixtures/**"]\n',
        '.gitleaks.toml': corpRule,
      });
      repo.write({ 'fixtures/keys.env': `NPM_TOKEN=${tokens.npm(15)}\n` });
      repo.git(['add', '-A']);
      assert.equal(palisade(['hook', 'pre-commit'], {}, { cwd: repo.dir }).code, 0, 'allowlisted path');
      repo.write({ 'corp.cfg': corpKey });
      repo.git(['add', '-A']);
      const blocked = palisade(['hook', 'pre-commit'], {}, { cwd: repo.dir });
      assert.equal(blocked.code, 1);
      assert.match(blocked.stderr, /corp\.cfg:1:\d+ {2}corp-api-key \(corp-api-key\) {2}8f3a…\(40 chars\)/);
    } finally {
      repo.remove();
    }
  });

  it('reports a mistake in either file on one line with its file and line, exit 2', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [
        { 'palisade.yaml': 'secrets:\n  allowlist:\n    regexes: ["(a"]\n' },
        /^palisade: \S*palisade\.yaml:3: 'secrets\.allowlist\.regexes\.0': not a valid JavaScript regular expression$/,
      ],
      [
        {
          'palisade.yaml': 'exclude: []\nsecrets:\n  disabledRules:\n    - github-pat\n    - no-such-rule\n',
        },
        /^palisade: \S*palisade\.yaml:5: 'secrets\.disabledRules': no rule 'no-such-rule'; `palisade secrets --list-rules` lists the rule ids$/,
      ],
      [
        { '.gitleaks.toml': "[[rules]]\nid = \"g\"\nregex = '''(a)b'''\nsecretGroup = 2\n" },
        /^palisade: \S*\.gitleaks\.toml:2: rule 'g': secretGroup 2 but the regex has 1 groups$/,
      ],
      [
        { 'palisade.yaml': 'secrets:\n  gitleaksConfig: missing.toml\n' },
        /^palisade: \S*missing\.toml: cannot read the gitleaks configuration \(no such file\); name a \.gitleaks\.toml with --gitleaks-config or secrets\.gitleaksConfig$/,
      ],
      [
        { 'palisade.yaml': "secrets:\n  allowlist:\n    regexes: ['(a+)+$']\n" },
        /^palisade: \S*palisade\.yaml:3: 'secrets\.allowlist\.regexes\.0': \(a\+\)\+\$: nested unbounded repetition such as \(a\+\)\+ can take exponential time; rewrite it$/,
      ],
    ];
    for (const [files, pattern] of cases) {
      const dir = tree(files);
      assertOneLineError(palisade(['secrets', dir]), pattern);
      assertOneLineError(palisade(['scan', dir, '--offline'], env), pattern);
      const repo = makeRepo();
      try {
        repo.write(files);
        assertOneLineError(palisade(['hook', 'pre-commit'], {}, { cwd: repo.dir }), pattern);
      } finally {
        repo.remove();
      }
    }
  });
});

describe('--verify against the providers (a local stub of their APIs)', () => {
  const valid = tokens.github(20);
  const revoked = tokens.github(21);
  const npm = tokens.npm(22);
  const slack = tokens.slackBot(23);
  const json = (status: number, body: unknown) => ({
    status,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const routes: Route[] = [
    {
      path: '/user',
      handle: (request) =>
        request.headers.authorization === `Bearer ${valid}`
          ? json(200, { login: 'octocat' })
          : json(401, { message: 'Bad credentials' }),
    },
    { path: '/-/whoami', ...json(200, { username: 'publisher' }) },
    { method: 'POST', path: '/api/auth.test', ...json(200, { ok: false, error: 'ratelimited' }) },
  ];
  const files = {
    'app.js': `const token = "${valid}";\n`,
    'scripts/release.sh': `export GH_TOKEN=${valid}\n`,
    'old.js': `const token = "${revoked}";\n`,
    '.npmrc': `//registry.npmjs.org/:_authToken=${npm}\n`,
    'slack.env': `SLACK_BOT_TOKEN=${slack}\n`,
    'aws.env': `AWS_ACCESS_KEY_ID=${tokens.aws(24)}\n`,
  };

  it('marks each finding verified, invalid or unknown, asking once per secret, in secrets and scan', async () => {
    const server = await startFixtureServer(routes);
    try {
      const dir = tree(files);
      const cache = advisoryCache();
      const env = {
        ...cache,
        PALISADE_VERIFY_GITHUB_URL: server.url,
        PALISADE_VERIFY_NPM_URL: server.url,
        PALISADE_VERIFY_SLACK_URL: server.url,
      };
      const unverified = await palisadeAsync(['secrets', dir, '--format', 'json'], env);
      assert.equal(server.requests.length, 0, 'no request without --verify');
      assert.ok(findings(unverified.stdout).every((f) => f.verification === undefined));

      const run = await palisadeAsync(['secrets', dir, '--verify', '--format', 'json'], env);
      assert.equal(run.code, 1, run.stderr);
      // Sorted: the findings come highest risk first, and the verdicts are what this checks.
      const verdicts = findings(run.stdout)
        .map((f) => {
          const v = f.verification;
          return `${f.location.path} ${v ? `${v.provider} ${v.status} ${v.detail}` : '-'}`;
        })
        .sort();
      assert.deepEqual(verdicts, [
        '.npmrc npm verified authenticates as publisher',
        'app.js github verified authenticates as octocat',
        'aws.env -',
        'old.js github invalid rejected (HTTP 401)',
        'scripts/release.sh github verified authenticates as octocat',
        'slack.env slack unknown no clear answer (ratelimited)',
      ]);
      assert.ok(
        findings(run.stdout).every(
          (f) => !f.verification || !Number.isNaN(Date.parse(f.verification.checkedAt)),
        ),
      );
      assert.equal(server.requests.length, 4, 'the token in two files is checked once');
      assert.deepEqual(server.unused(), []);
      for (const secret of [valid, revoked, npm, slack]) {
        assert.ok(!run.stdout.includes(secret) && !run.stderr.includes(secret), 'never printed');
      }

      const table = await palisadeAsync(['secrets', dir, '--verify'], env);
      assert.match(table.stdout, /github-pat\s+ghp_…\(40 chars\) invalid\s+.*old\.js:1/);
      const sarif = JSON.parse(
        (await palisadeAsync(['secrets', dir, '--verify', '--format', 'sarif'], env)).stdout,
      );
      const [npmResult] = sarif.runs[0].results.filter(
        (r: { ruleId: string }) => r.ruleId === 'npm-access-token',
      );
      assert.equal(npmResult.properties.verification.status, 'verified');
      assert.match(npmResult.message.text, /verified by npm: authenticates as publisher/);

      const scan = await palisadeAsync(['scan', dir, '--verify', '--format', 'json'], env);
      assert.equal(scan.code, 0, scan.stderr);
      assert.deepEqual(
        secretsOf(scan.stdout)
          .filter((f) => f.location.path === 'old.js')
          .map((f) => f.verification?.status),
        ['invalid'],
      );
    } finally {
      await server.close();
    }
  });

  it('refuses --verify offline, and a provider URL that is not one', () => {
    const dir = tree(files);
    assertOneLineError(
      palisade(['scan', dir, '--offline', '--verify']),
      /^palisade: --verify asks the providers over the network; drop --offline or --verify$/,
    );
    assertOneLineError(
      palisade(['secrets', dir, '--verify'], { PALISADE_OFFLINE: '1' }),
      /^palisade: --verify asks the providers over the network/,
    );
    assertOneLineError(
      palisade(['secrets', dir, '--verify'], { PALISADE_VERIFY_GITHUB_URL: 'not a url' }),
      /^palisade: PALISADE_VERIFY_GITHUB_URL: 'not a url' is not a URL$/,
    );
  });
});

describe('palisade hook pre-commit --baseline', () => {
  it('lets the secrets of a baseline report through and blocks new ones', () => {
    const repo = makeRepo();
    try {
      repo.commit('init', { 'README.md': '# shop\n' });
      const known = tokens.github(30);
      repo.write({ 'legacy.js': `const token = "${known}";\n` });
      repo.git(['add', '-A']);
      const baseline = join(mkdtempSync(join(tmpdir(), 'palisade-baseline-')), 'secrets.json');
      const written = palisade(
        ['secrets', '.', '--format', 'json', '--output', baseline],
        {},
        { cwd: repo.dir },
      );
      assert.equal(written.code, 1, written.stderr);
      assert.equal(
        palisade(['hook', 'pre-commit'], {}, { cwd: repo.dir }).code,
        1,
        'blocked without the baseline',
      );
      const accepted = palisade(['hook', 'pre-commit', '--baseline', baseline], {}, { cwd: repo.dir });
      assert.equal(accepted.code, 0, accepted.stderr);
      assert.match(accepted.stderr, /^palisade: 1 known secret \(in the baseline\) not blocking$/m);

      const fresh = tokens.npm(31);
      repo.write({ 'deploy/.npmrc': `//registry.npmjs.org/:_authToken=${fresh}\n` });
      repo.git(['add', '-A']);
      const blocked = palisade(['hook', 'pre-commit', '--baseline', baseline], {}, { cwd: repo.dir });
      assert.equal(blocked.code, 1);
      assert.match(
        blocked.stderr,
        /commit blocked: the staged changes add a secret\n {2}deploy\/\.npmrc:1:\d+ /,
      );
      assert.doesNotMatch(blocked.stderr, /legacy\.js/);
      assert.ok(!blocked.stderr.includes(fresh) && !blocked.stderr.includes(known));

      assertOneLineError(
        palisade(['hook', 'pre-commit', '--baseline', join(repo.dir, 'README.md')], {}, { cwd: repo.dir }),
        /^palisade: \S+README\.md: the baseline is not JSON \(.*\); write one with `palisade secrets --format json --output <file>`$/,
      );
    } finally {
      repo.remove();
    }
  });
});

describe('palisade secrets: risk', () => {
  it('scores a leaked credential as scan does, in JSON, the table and SARIF', () => {
    const scanned = palisade(['scan', example, '--offline', '--format', 'json', '--quiet'], advisoryCache());
    const fromScan = secretsOf(scanned.stdout)[0];
    assert.ok(fromScan && fromScan.risk.score > 0, scanned.stderr);
    const json = palisade(['secrets', example, '--format', 'json']);
    assert.equal(json.code, 1, json.stderr);
    assert.equal(secretsOf(json.stdout)[0]?.risk.score, fromScan.risk.score);
    const table = palisade(['secrets', example]);
    assert.match(table.stdout, new RegExp(`^${fromScan.risk.score}\\s+high\\s+database-url-password`, 'm'));
    const sarif = JSON.parse(palisade(['secrets', example, '--format', 'sarif']).stdout);
    assert.equal(sarif.runs[0].results[0].rank, fromScan.risk.score);
  });
});
