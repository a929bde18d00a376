import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ArrayTableLines, withoutArtifacts } from './toml.ts';

describe('ArrayTableLines', () => {
  it('finds each [[package]] header with the name under it', () => {
    const text = [
      '[metadata]', // 1
      'name = "not-a-package"',
      '',
      '[[package]] # first', // 4
      'name = "Django"',
      '',
      '[package.dependencies]',
      'name = "x"',
      '',
      '  [[ package ]]', // 10
      "name = 'requests'",
      '[[package.wheels]]',
      'url = "…"',
      '[[package]]', // 14
      'version = "1"',
    ].join('\n');
    const lines = new ArrayTableLines(text, 'package');
    assert.equal(lines.lineOf(0, 'django'), 4);
    assert.equal(lines.lineOf(1, 'requests'), 10);
    assert.equal(lines.lineOf(2), 14);
    // A pairing that does not hold falls back to the name, then to the index.
    assert.equal(lines.lineOf(0, 'Requests'), 10);
    assert.equal(lines.lineOf(2, 'unknown'), 14);
    assert.equal(lines.lineOf(7, 'unknown'), 1);
  });

  it('reads CRLF files', () => {
    const lines = new ArrayTableLines(
      'version = 1\r\n\r\n[[package]]\r\nname = "a"\r\n[[package]]\r\nname = "b"\r\n',
      'package',
    );
    assert.equal(lines.lineOf(0, 'a'), 3);
    assert.equal(lines.lineOf(1, 'b'), 5);
  });
});

describe('withoutArtifacts', () => {
  it('blanks the distribution-file keys lock tools write, keeping every line', () => {
    const text = [
      '[[package]]',
      'name = "django"',
      'files = [',
      '    {file = "Django-3.2-py3-none-any.whl", hash = "sha256:aa"},',
      '    {file = "Django-3.2.tar.gz", hash = "sha256:bb"},',
      ']',
      'sdist = { url = "https://x/django-3.2.tar.gz", hash = "sha256:cc", size = 1 }',
      'wheels = [{ url = "https://x/django-3.2-py3-none-any.whl", hashes = { sha256 = "dd" } }]',
      'version = "3.2"',
    ].join('\n');
    assert.equal(
      withoutArtifacts(text),
      ['[[package]]', 'name = "django"', '', '', '', '', '', '', 'version = "3.2"'].join('\n'),
    );
  });

  it('leaves shapes it does not recognize to the parser', () => {
    for (const text of [
      'files = [\n    {file = "a"},\n', // truncated: no closing bracket
      'files = [\n{file = "a"},\n]\n', // items not indented
      'files = [ "a",\n  "b" ]\n', // array opened mid-line
      '  files = []\n', // indented key
      'filesize = [1]\n',
      // Would backtrack exponentially if an item line could be matched in more than one way.
      `files = [\n${'      a\n'.repeat(40)}x`,
    ]) {
      assert.equal(withoutArtifacts(text), text, text);
    }
  });
});
