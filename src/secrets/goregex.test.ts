import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RegexTranslationError, translateGoRegex } from './goregex.ts';

/** [Go pattern, input, does it match in Go] */
const MATCHES: [string, string, boolean][] = [
  ['(?i)akia[a-z0-9]{4}', 'AKIAab12', true],
  ['\\b(LTAI(?i)[a-z0-9]{4})\\b', 'LTAIaB12', true],
  ['\\b(LTAI(?i)[a-z0-9]{4})\\b', 'ltaiaB12', false],
  ['(?i)key(?-i:ETSY|[Ee]tsy)', 'KEYEtsy', true],
  ['(?i)key(?-i:ETSY|[Ee]tsy)', 'KEYetsY', false],
  ['(?i:abc)d', 'ABCd', true],
  ['(?i:abc)d', 'ABCD', false],
  ['(?P<name>a)b', 'ab', true],
  ['ab\\z', 'ab', true],
  ['ab\\z', 'ab\n', false],
  ['\\Aab', 'ab', true],
  ['\\Qa.b\\E', 'a.b', true],
  ['\\Qa.b\\E', 'axb', false],
  ['[[:alpha:]]{2}[[:digit:]]', 'ab1', true],
  ['[[:xdigit:]]{2}', 'fG', false],
  ['a.b', 'a\nb', false],
  ['(?s)a.b', 'a\nb', true],
  ['(?m)^b$', 'a\nb\nc', true],
  ['^b$', 'a\nb\nc', false],
  ['[]a]+', ']a]', true],
  ['[^]a]', 'b', true],
  ['\\x{41}\\101\\x41', 'AAA', true],
  ['\\a\\t', '\u0007\t', true],
  ['(?i)[^a-c]', 'B', false],
  ['(?i)[^a-c]', 'd', true],
  ['a{,2}', 'a{,2}', true],
  ['x{2,}', 'xxx', true],
];

const REJECTED: [string, RegExp][] = [
  ['(a)\\1', /backreference \\1 is not RE2 syntax/],
  ['a(?=b)', /lookaround/],
  ['(?<!a)b', /lookaround/],
  ['\\pL+', /Unicode classes/],
  ['(?U)a+', /ungreedy flag/],
  ['(?x)a', /unknown flag 'x'/],
  ['(a+)+b', /nested unbounded repetition/],
  ['(?:\\w+\\s?)*$', /nested unbounded repetition/],
  ['(a', /missing closing \)/],
  ['a)', /unmatched \)/],
  ['[a-', /missing closing \]/],
  ['[z-a]', /invalid character class range/],
  ['\\y', /invalid escape sequence \\y/],
  ['+a', /missing argument to repetition operator/],
  ['[[:^alpha:]]', /negated POSIX classes/],
];

describe('Go regex translation', () => {
  for (const [pattern, input, expected] of MATCHES) {
    it(`${pattern} ${expected ? 'matches' : 'does not match'} ${JSON.stringify(input)}`, () => {
      const { source, flags } = translateGoRegex(pattern);
      assert.equal(new RegExp(source, flags).test(input), expected, `${source} /${flags}`);
    });
  }

  it('turns a leading (?i) into the i flag and spells out scoped ones', () => {
    assert.deepEqual(translateGoRegex('(?i)abc'), { source: 'abc', flags: 'i', groups: 0 });
    assert.deepEqual(translateGoRegex('x(?i:ab)'), { source: 'x(?:[aA][bB])', flags: '', groups: 0 });
  });

  it('counts capture groups, named ones included', () => {
    assert.equal(translateGoRegex('(a)(?:b)(?P<c>c)').groups, 2);
  });

  it('translates the gitleaks default generic pattern', () => {
    const { source, flags } = translateGoRegex(
      '(?i)[\\w.-]{0,50}?(?:access|auth|(?-i:[Aa]pi|API)|credential|creds|key|passw(?:or)?d|secret|token)(?:[ \\t\\w.-]{0,20})[\\s\'"]{0,3}(?:=|>|:{1,3}=|\\|\\||:|=>|\\?=|,)[\\x60\'"\\s=]{0,5}([\\w.=-]{10,150}|[a-z0-9][a-z0-9+/]{11,}={0,3})(?:[\\x60\'"\\s;]|\\\\[nr]|$)',
    );
    const match = new RegExp(source, flags).exec('DB_PASSWORD = "x9Rt2kLm0PqZ"');
    assert.equal(match?.[1], 'x9Rt2kLm0PqZ');
    assert.equal(new RegExp(source, flags).test('myAPi = "abcdefghijk123"'), false);
  });

  for (const [pattern, message] of REJECTED) {
    it(`rejects ${pattern}`, () => {
      assert.throws(
        () => translateGoRegex(pattern),
        (error: unknown) => error instanceof RegexTranslationError && message.test(error.message),
      );
    });
  }
});
