// biome-ignore-all lint/suspicious/noTemplateCurlyInString: inputs quote ${VAR} references literally, as files do
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { PalisadeError } from '../model/index.ts';
import { scanText } from './engine.ts';
import { loadGitleaksConfig, locateGitleaksConfig, parseGitleaksConfig } from './gitleaks.ts';
import { ALNUM, fake, HEX } from './rules/build.ts';
import { BUILTIN_RULES } from './rules/index.ts';
import { buildRuleset } from './ruleset.ts';

const testdata = (name: string) => fileURLToPath(new URL(`testdata/gitleaks/${name}`, import.meta.url));
const GHP = `ghp_${fake('gl-ghp', ALNUM, 36)}`;
const ACME = `acme_live_${fake('gl-acme', ALNUM, 32)}`;

function found(text: string, path: string, set: ReturnType<typeof buildRuleset>, commit?: string): string[] {
  const options = commit ? { commit } : {};
  return scanText(path, text, set, options).matches.map((m) => `${m.line}:${m.ruleId}`);
}

function configError(text: string): string {
  try {
    parseGitleaksConfig('.gitleaks.toml', text);
  } catch (error) {
    assert.ok(error instanceof PalisadeError && error.code === 'config', String(error));
    assert.ok(!error.message.includes('\n'), error.message);
    return error.message;
  }
  assert.fail('expected a configuration error');
}

describe('.gitleaks.toml with [extend] useDefault', () => {
  const config = loadGitleaksConfig(testdata('extend-default.toml'));
  const ruleset = buildRuleset({ gitleaks: config });

  it('keeps the built-in rules, adds its own and drops the disabled ones', () => {
    const ids = ruleset.rules.map((r) => r.id);
    assert.ok(ids.includes('acme-service-token') && ids.includes('aws-access-token'));
    assert.ok(!ids.includes('generic-password') && !ids.includes('jwt'));
    assert.equal(ids.length, BUILTIN_RULES.length - 2 + 1);
    assert.deepEqual(config.warnings, []);
  });

  it('runs its own rule, with its tags, under its allowlist (condition AND)', () => {
    const [match] = scanText('src/billing.ts', `const t = "${ACME}";`, ruleset).matches;
    assert.deepEqual([match?.ruleId, match?.tags], ['acme-service-token', ['internal']]);
    const testToken = `acme_test_${fake('gl-acme-test', ALNUM, 32)}`;
    assert.deepEqual(found(`t = "${testToken}"`, 'test/billing.test.ts', ruleset), []);
    assert.deepEqual(found(`t = "${testToken}"`, 'src/billing.ts', ruleset), ['1:acme-service-token']);
  });

  it('reports a secret its own rule finds once, not again under a generic built-in rule', () => {
    const own = parseGitleaksConfig(
      '.gitleaks.toml',
      "[extend]\nuseDefault = true\n[[rules]]\nid = 'corp-api-key'\nregex = '''corp_api_key\\s*=\\s*\"([a-f0-9]{40})\"'''\nkeywords = ['corp_api_key']\n",
    );
    const line = `x = 1; corp_api_key = "${fake('gl-corp-generic', HEX, 40)}"`;
    assert.deepEqual(found(line, 'corp.cfg', buildRuleset()), ['1:generic-api-key']);
    assert.deepEqual(found(line, 'corp.cfg', buildRuleset({ gitleaks: own })), ['1:corp-api-key']);
  });

  it('extends a default rule with an allowlist without replacing it', () => {
    assert.deepEqual(found(`T=${GHP}`, '.env', ruleset), ['1:github-pat']);
    assert.deepEqual(found(`T=ghp_docs${fake('gl-docs', ALNUM, 32)}`, '.env', ruleset), []);
  });

  it('applies global allowlists by path, by line and targeted at one rule', () => {
    assert.deepEqual(found(`T=${GHP}`, 'vendor/lib/a.go', ruleset), []);
    assert.deepEqual(found(`T=${GHP}`, 'pkg/api.generated.go', ruleset), []);
    assert.deepEqual(found(`T=${GHP} # sample`, 'a.env', ruleset), []);
    assert.deepEqual(found(`K=sk_live_acmedemo${fake('gl-stripe', ALNUM, 24)}`, 'a.env', ruleset), []);
    assert.deepEqual(found(`K=sk_live_${fake('gl-stripe2', ALNUM, 24)}`, 'a.env', ruleset), [
      '1:stripe-access-token',
    ]);
  });
});

describe('.gitleaks.toml without [extend]', () => {
  const ruleset = buildRuleset({ gitleaks: loadGitleaksConfig(testdata('standalone.toml')) });

  it('uses its rules only', () => {
    assert.deepEqual(
      ruleset.rules.map((r) => r.id),
      ['corp-api-key', 'corp-session-blob', 'pkcs12-file'],
    );
    assert.deepEqual(found(`T=${GHP}`, 'a.env', ruleset), []);
  });

  it('takes the secret group, and its [rules.allowlist] and global [allowlist]', () => {
    const key = fake('gl-corp', HEX, 40);
    const [match] = scanText('a.ini', `corp_api_key = "${key}"`, ruleset).matches;
    assert.equal(match?.redacted, `${key.slice(0, 4)}…(40 chars)`);
    assert.deepEqual(found(`corp_api_key = ${'0'.repeat(40)}`, 'a.ini', ruleset), []);
    assert.deepEqual(found(`corp_api_key = ${key}`, 'docs/setup.md', ruleset), []);
    assert.deepEqual(found(`corp_api_key = deadbeef${key.slice(8)}`, 'a.ini', ruleset), []);
    assert.deepEqual(found(`corp_api_key = ${key}`, 'a.ini', ruleset, '4e5f6a7b8c9d'), []);
  });

  it('matches across lines over the whole file, as gitleaks does', () => {
    const text = `header\nSESSION-BEGIN\n${fake('gl-sess', '0123456789ABCDEF', 16)}\nSESSION-END\n`;
    const [match] = scanText('s.txt', text, ruleset).matches;
    assert.deepEqual([match?.ruleId, match?.line, match?.endLine], ['corp-session-blob', 2, 4]);
  });

  it('reports files by path alone, binary ones included', () => {
    const result = scanText('certs/client.p12', '\u0000\u0001binary', ruleset);
    assert.deepEqual(
      result.matches.map((m) => [m.ruleId, m.redacted]),
      [['pkcs12-file', '(the whole file)']],
    );
  });
});

describe('locating the configuration', () => {
  it('takes the named file, none when disabled, else .gitleaks.toml at the root when present', () => {
    const dir = fileURLToPath(new URL('testdata/gitleaks/', import.meta.url));
    assert.equal(locateGitleaksConfig(dir, 'standalone.toml'), testdata('standalone.toml'));
    assert.equal(locateGitleaksConfig(dir, false), undefined);
    assert.equal(locateGitleaksConfig(dir, undefined), undefined);
  });
});

describe('[extend] path', () => {
  it('merges the extended file: overrides field by field, disabled rules dropped', () => {
    const config = loadGitleaksConfig(testdata('extends-file.toml'));
    const ruleset = buildRuleset({ gitleaks: config });
    assert.deepEqual(
      ruleset.rules.map((r) => [r.id, r.description, r.entropy]),
      [['base-rule', 'Base rule, stricter', 3.5]],
    );
    assert.deepEqual(found(`x = base_${fake('gl-base', 'abcdefghij0123456789', 20)}`, 'a.txt', ruleset), [
      '1:base-rule',
    ]);
  });
});

describe('configured regexes', () => {
  it('cannot stall a scan: a slow one runs out of time, the file is scanned with the built-ins', () => {
    const config = parseGitleaksConfig(
      '.gitleaks.toml',
      "[extend]\nuseDefault = true\n[[rules]]\nid = \"slow\"\nregex = '''(?:\\w+\\w+\\w+)x'''\n",
    );
    const ruleset = buildRuleset({ gitleaks: config });
    const text = `${'w'.repeat(30_000)}\nT=${GHP}\n`;
    const result = scanText('slow.txt', text, ruleset, { customRegexBudgetMs: 200 });
    assert.deepEqual(
      result.matches.map((m) => m.ruleId),
      ['github-pat'],
    );
    assert.equal(result.warnings.length, 1);
    assert.match(result.warnings[0]!, /^slow\.txt: configured secret rules or allowlists ran out of time/);
  });

  it('cannot stall a scan across files: after 3 files out of time, configured regexes are skipped', () => {
    // Overlapping alternatives under a repetition backtrack exponentially and pass the shape check.
    const ruleset = buildRuleset({ config: { allowlist: { regexes: ['^(\\w|\\w\\w|_)+!$'] } } });
    const warnings = ['a', 'b', 'c', 'd', 'e'].flatMap(
      (name) => scanText(`${name}.txt`, `T=${GHP}\n`, ruleset, { customRegexBudgetMs: 50 }).warnings,
    );
    const timedOut = (name: string, rest = '') =>
      `${name}.txt: configured secret rules or allowlists ran out of time (50 ms); the file was checked with the built-in rules and allowlists only${rest}`;
    assert.deepEqual(warnings, [
      timedOut('a'),
      timedOut('b'),
      timedOut(
        'c',
        '; after 3 such files they are skipped for the rest of the scan (simplify their regexes)',
      ),
    ]);
    assert.deepEqual(found(`T=${GHP}\n`, 'f.txt', ruleset), ['1:github-pat']);
  });

  it('keep gitleaks quirks: generic rules need a digit, keys are case-insensitive', () => {
    const config = parseGitleaksConfig(
      '.gitleaks.toml',
      "[[Rules]]\nID = \"generic-x\"\nRegex = '''x=(\\w{12})'''\nSecretGroup = 1\n",
    );
    const ruleset = buildRuleset({ gitleaks: config });
    assert.deepEqual(found('x=abcdefghijkl', 'a', ruleset), []);
    assert.deepEqual(found('x=abcdefghijk1', 'a', ruleset), ['1:generic-x']);
  });
});

describe('errors in .gitleaks.toml', () => {
  const cases: [string, string, string][] = [
    ['TOML syntax', '[[rules]\nid = "x"\n', '.gitleaks.toml:1:'],
    [
      'a regex JavaScript cannot run',
      '[[rules]]\nid = "x"\nregex = "a"\n\n[[rules]]\nid = "bad"\nregex = \'\'\'\\pL+\'\'\'\n',
      ".gitleaks.toml:6: rule 'bad': regex: Unicode classes \\p{...} are not supported; use an explicit class",
    ],
    [
      'a regex with exponential backtracking',
      "[[rules]]\nid = \"redos\"\nregex = '''(a+)+$'''\n",
      ".gitleaks.toml:2: rule 'redos': regex: nested unbounded repetition such as (a+)+ can take exponential time; rewrite it",
    ],
    [
      'a lookahead',
      "[[rules]]\nid = \"look\"\nregex = '''a(?=b)'''\n",
      ".gitleaks.toml:2: rule 'look': regex: lookaround (?= (?! (?<= (?<! is not RE2 syntax",
    ],
    [
      'a rule without regex or path',
      '[[rules]]\nid = "empty"\n',
      ".gitleaks.toml:2: rule 'empty': set a regex, a path or both",
    ],
    [
      'a secret group the regex does not have',
      "[[rules]]\nid = \"g\"\nregex = '''(a)b'''\nsecretGroup = 2\n",
      ".gitleaks.toml:2: rule 'g': secretGroup 2 but the regex has 1 groups",
    ],
    [
      'an unknown allowlist condition',
      "[[rules]]\nid = \"c\"\nregex = 'x'\n[[rules.allowlists]]\ncondition = 'XOR'\nregexes = ['y']\n",
      ".gitleaks.toml:2: rule 'c': allowlist condition 'XOR': expected 'and' or 'or'",
    ],
    [
      'a targeted allowlist for a missing rule',
      "[[allowlists]]\ntargetRules = ['nope']\nstopwords = ['x']\n",
      ".gitleaks.toml:1: [[allowlists]] targetRules: no rule 'nope'",
    ],
    [
      'both useDefault and path',
      '[extend]\nuseDefault = true\npath = "x.toml"\n',
      '.gitleaks.toml: [extend] sets both',
    ],
    ['a wrong type', '[[rules]]\nid = 3\n', ".gitleaks.toml: 'rules.0.id': Invalid input: expected string"],
  ];
  for (const [name, text, expected] of cases) {
    it(`names the file, line and rule for ${name}`, () => {
      let message: string;
      try {
        const config = parseGitleaksConfig('.gitleaks.toml', text);
        buildRuleset({ gitleaks: config });
        assert.fail('expected an error');
      } catch (error) {
        assert.ok(error instanceof PalisadeError, String(error));
        message = error.message;
      }
      assert.ok(message.startsWith(expected), `${message}\n  should start with\n${expected}`);
      assert.ok(!message.includes('\n'));
    });
  }

  it('warns about what it does not support instead of failing', () => {
    const config = parseGitleaksConfig(
      '.gitleaks.toml',
      "[extend]\nurl = 'https://x'\n[[rules]]\nid = \"a\"\nregex = 'a'\n[[rules.required]]\nid = 'b'\n[[rules]]\nid = \"b\"\nregex = 'b'\nskipReport = true\n",
    );
    assert.deepEqual(config.warnings, [
      '.gitleaks.toml: [extend] url is not supported (gitleaks ignores it too); it was skipped',
      ".gitleaks.toml:4: rule 'a': composite rules ([[rules.required]]) are not supported; the rule reports on its own",
      ".gitleaks.toml:9: rule 'b': skipReport rules only serve composite rules, which are not supported; it was skipped",
    ]);
  });

  it('reports a file it cannot read', () => {
    const fix = 'name a .gitleaks.toml with --gitleaks-config or secrets.gitleaksConfig';
    assert.throws(() => loadGitleaksConfig(testdata('missing.toml')), {
      message: `${testdata('missing.toml')}: cannot read the gitleaks configuration (no such file); ${fix}`,
    });
    const folder = testdata('');
    assert.throws(() => loadGitleaksConfig(folder), {
      message: `${folder}: cannot read the gitleaks configuration (it is a directory); ${fix}`,
    });
    assert.match(configError('\u0000\u00ff\u0001 = binary'), /^\.gitleaks\.toml:1: /);
    assert.ok(configError('[[rules]]\nid = ""\n').includes("'rules.0.id'"));
  });
});
