import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { secretsConfigSchema } from './config.ts';

describe('secrets section of palisade.yaml', () => {
  it('accepts allowlists, disabled rules and the gitleaks file', () => {
    const value = {
      allowlist: { paths: ['test/fixtures/**'], regexes: ['^AKIA[0-9A-Z]{12}TEST$'], stopwords: ['dummy'] },
      disabledRules: ['generic-api-key'],
      gitleaksConfig: 'security/.gitleaks.toml',
      maxFileSize: 10,
    };
    assert.deepEqual(secretsConfigSchema.parse(value), value);
    assert.deepEqual(secretsConfigSchema.parse({ gitleaksConfig: false }), { gitleaksConfig: false });
  });

  const invalid: [string, unknown, string][] = [
    ['an unknown key', { allowlist: { path: ['x'] } }, 'Unrecognized key: "path"'],
    [
      'a regex that does not compile',
      { allowlist: { regexes: ['(a'] } },
      'not a valid JavaScript regular expression',
    ],
    [
      'a regex with exponential backtracking',
      { allowlist: { regexes: ['(a+)+$'] } },
      '(a+)+$: nested unbounded repetition such as (a+)+ can take exponential time; rewrite it',
    ],
    [
      'a lookahead (not linear-time)',
      { allowlist: { regexes: ['key(?!_test)'] } },
      'key(?!_test): lookaround (?= (?! (?<= (?<! is not RE2 syntax',
    ],
    [
      'a backreference',
      { allowlist: { regexes: ['(a)\\1'] } },
      '(a)\\1: backreference \\1 is not RE2 syntax',
    ],
    ['a regex that is not a string', { allowlist: { regexes: [5] } }, 'expected string, received number'],
    ['regexes that are not a list', { allowlist: { regexes: 'x' } }, 'expected array, received string'],
    ['an empty rule id', { disabledRules: [''] }, 'Too small'],
    ['a non-positive size', { maxFileSize: 0 }, 'Too small'],
  ];
  for (const [name, value, message] of invalid) {
    it(`rejects ${name}`, () => {
      const result = secretsConfigSchema.safeParse(value);
      assert.equal(result.success, false);
      assert.ok(result.error?.issues[0]?.message.includes(message), result.error?.issues[0]?.message);
    });
  }
});
