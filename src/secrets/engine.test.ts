// biome-ignore-all lint/suspicious/noTemplateCurlyInString: inputs quote ${VAR} references literally, as files do
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scanBytes, scanLines, scanText } from './engine.ts';
import { fingerprint } from './redact.ts';
import { ALNUM, BASE64, fake, HEX } from './rules/build.ts';
import { buildRuleset } from './ruleset.ts';

const ruleset = buildRuleset();
const GHP = `ghp_${fake('engine-ghp', ALNUM, 36)}`;
const STRIPE = `sk_live_${fake('engine-stripe', ALNUM, 32)}`;

function ids(text: string, path = 'app/config.ts', set = ruleset): string[] {
  return scanText(path, text, set).matches.map((m) => `${m.line}:${m.column}:${m.ruleId}`);
}

describe('scanText', () => {
  it('reports rule, line, column, redacted value and fingerprint', () => {
    const text = `// settings\nconst token = "${GHP}";\n`;
    const [match, ...rest] = scanText('src/settings.ts', text, ruleset).matches;
    assert.deepEqual(rest, []);
    assert.deepEqual(match, {
      ruleId: 'github-pat',
      description: 'GitHub personal access token (classic)',
      severity: 'critical',
      path: 'src/settings.ts',
      line: 2,
      endLine: 2,
      column: 16,
      redacted: 'ghp_…(40 chars)',
      length: 40,
      entropy: match!.entropy,
      fingerprint: fingerprint('github-pat', 'src/settings.ts', GHP),
      tags: [],
    });
    assert.ok(match!.entropy > 4);
  });

  it('counts columns in UTF-16 units after non-ASCII text, and lines across CRLF', () => {
    assert.deepEqual(ids(`# café ☕\r\nx = "é ${GHP}"\r\n`), ['2:8:github-pat']);
  });

  it('keeps the fingerprint across line moves and changes it across files', () => {
    const a = scanText('a.env', `A=1\nT=${GHP}`, ruleset).matches[0]!;
    const moved = scanText('a.env', `T=${GHP}\nA=1\nB=2`, ruleset).matches[0]!;
    const elsewhere = scanText('b.env', `T=${GHP}`, ruleset).matches[0]!;
    assert.equal(a.fingerprint, moved.fingerprint);
    assert.notEqual(a.fingerprint, elsewhere.fingerprint);
  });

  it('reports several secrets on one line and the same secret on two lines', () => {
    assert.deepEqual(ids(`${GHP} ${STRIPE}\nagain ${GHP}`), [
      '1:1:github-pat',
      '1:42:stripe-access-token',
      '2:7:github-pat',
    ]);
  });

  it('lets a provider rule claim a value before the generic rules', () => {
    assert.deepEqual(ids(`GITHUB_TOKEN="${GHP}"`), ['1:15:github-pat']);
    assert.deepEqual(ids(`SERVICE_TOKEN="${fake('engine-generic', ALNUM, 40)}"`), ['1:16:generic-api-key']);
  });

  it('honours inline palisade:allow and gitleaks:allow markers on the line', () => {
    assert.deepEqual(ids(`T=${GHP} # palisade:allow test fixture`), []);
    assert.deepEqual(ids(`T=${GHP} // gitleaks:allow`), []);
    assert.deepEqual(ids(`# palisade:allow\nT=${GHP}`), ['2:3:github-pat']);
  });

  it('reports a multi-line private key on the line of its header, with its end line', () => {
    const body = fake('engine-pem', BASE64, 900).replace(/(.{64})/g, '$1\n');
    const text = `key: |\n  -----BEGIN RSA PRIVATE KEY-----\n  MIIE${body}\n  -----END RSA PRIVATE KEY-----\n`;
    const [match] = scanText('deploy/values.yaml', text, ruleset).matches;
    assert.equal(match?.ruleId, 'private-key');
    assert.equal(match?.line, 2);
    assert.ok(match!.endLine > 10);
  });

  it('finds a secret inside a long minified line, at its column', () => {
    const filler = 'var a=function(b){return b*2};'.repeat(4000);
    const text = `${filler}var k="${STRIPE}";${filler}`;
    const [match] = scanText('dist/app.min.js', text, ruleset).matches;
    assert.equal(match?.ruleId, 'stripe-access-token');
    assert.equal(match?.column, filler.length + 8);
  });

  it('skips binary files, files over the size cap and allowlisted paths, and says so', () => {
    const binary = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]), Buffer.from(GHP)]);
    assert.equal(scanBytes('logo.bin', binary, ruleset).status, 'binary');
    assert.equal(scanText('big.txt', `T=${GHP}`, ruleset, { maxFileBytes: 10 }).status, 'too-large');
    const lockfile = scanText('web/package-lock.json', `"x": "${GHP}"`, ruleset);
    assert.deepEqual([lockfile.status, lockfile.matches], ['allowlisted', []]);
  });

  it('applies a rule limited to some paths only there', () => {
    const line = `<add key="ClearTextPassword" value="${fake('engine-nuget', ALNUM, 20)}" />`;
    assert.deepEqual(ids(line, 'NuGet.Config'), ['1:37:nuget-config-password']);
    assert.deepEqual(ids(line, 'docs/nuget.md'), []);
  });

  it('hands each reported value to onSecret and keeps none in its results', () => {
    const seen: [string, string][] = [];
    const result = scanText('a.env', `A=${GHP}\nB=${STRIPE}`, ruleset, {
      onSecret: (match, secret) => seen.push([match.ruleId, secret]),
    });
    assert.deepEqual(seen, [
      ['github-pat', GHP],
      ['stripe-access-token', STRIPE],
    ]);
    const serialized = JSON.stringify(result);
    assert.ok(!serialized.includes(GHP) && !serialized.includes(STRIPE.slice(8)));
  });
});

describe('scanLines', () => {
  it('reports the line numbers the caller gives (added lines of a diff)', () => {
    const result = scanLines(
      'config/prod.env',
      [
        { text: 'DEBUG=false', line: 10 },
        { text: `GITHUB_TOKEN=${GHP}`, line: 42 },
        { text: `STRIPE_KEY=${STRIPE}`, line: 97 },
      ],
      ruleset,
    );
    assert.deepEqual(
      result.matches.map((m) => [m.line, m.ruleId]),
      [
        [42, 'github-pat'],
        [97, 'stripe-access-token'],
      ],
    );
  });
});

describe('allowlists and disabled rules from palisade.yaml', () => {
  it('drops matches by path glob, regex and stopword', () => {
    const configured = buildRuleset({
      config: {
        allowlist: {
          paths: ['test/fixtures/**'],
          regexes: ['^ghp_[A-Za-z0-9]{4}TEST'],
          stopwords: ['fixture'],
        },
      },
    });
    assert.deepEqual(ids(`T=${GHP}`, 'test/fixtures/a.env', configured), []);
    assert.deepEqual(ids(`T=ghp_abcdTEST${fake('e-test', ALNUM, 28)}`, 'a.env', configured), []);
    assert.deepEqual(ids(`T=ghp_fixture${fake('e-fix', ALNUM, 29)}`, 'a.env', configured), []);
    assert.deepEqual(ids(`T=${GHP}`, 'a.env', configured), ['1:3:github-pat']);
  });

  it('turns rules off by id and refuses an unknown id', () => {
    const configured = buildRuleset({ config: { disabledRules: ['github-pat'] } });
    assert.deepEqual(ids(`T="${GHP}"`, 'a.ts', configured), []);
    assert.throws(
      () => buildRuleset({ config: { disabledRules: ['github-pta'] } }),
      /secrets.disabledRules: no rule 'github-pta'/,
    );
  });

  it('keeps hex digests and references out of the generic rules', () => {
    assert.deepEqual(ids(`integrity_hash: "${fake('e-sha', HEX, 64)}"`), []);
    assert.deepEqual(ids('token: "${{ secrets.DEPLOY_TOKEN }}"'), []);
  });
});
