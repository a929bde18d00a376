import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PalisadeError } from '../../model/index.ts';
import { assertShallowNesting, sourceOfReference, splitNameRange } from './js-common.ts';

describe('splitNameRange', () => {
  const CASES: [string, { name: string; range: string }][] = [
    ['lodash@^4.17.21', { name: 'lodash', range: '^4.17.21' }],
    ['@types/node@20.1.0', { name: '@types/node', range: '20.1.0' }],
    [
      'string-width-cjs@npm:string-width@^4.2.0',
      { name: 'string-width-cjs', range: 'npm:string-width@^4.2.0' },
    ],
    ['@scope/only', { name: '@scope/only', range: '' }],
    ['plain', { name: 'plain', range: '' }],
  ];
  for (const [spec, expected] of CASES) {
    it(spec, () => assert.deepEqual(splitNameRange(spec), expected));
  }
});

describe('sourceOfReference', () => {
  const CASES: [string, ReturnType<typeof sourceOfReference>][] = [
    ['^1.2.3', undefined],
    ['npm:string-width@^4', undefined],
    ['1.2.3', undefined],
    ['file:../shared', { type: 'path', path: '../shared', link: false }],
    ['link:./vendor/x::locator=app%40workspace%3A.', { type: 'path', path: './vendor/x', link: true }],
    ['portal:./vendor/p', { type: 'path', path: './vendor/p', link: true }],
    [
      'git+https://github.com/o/r.git#v1.0.0',
      { type: 'git', url: 'git+https://github.com/o/r.git', ref: 'v1.0.0' },
    ],
    [
      'https://github.com/o/r.git#commit=abc123',
      { type: 'git', url: 'https://github.com/o/r.git', ref: 'abc123' },
    ],
    ['git@github.com:o/r.git#semver:^1', { type: 'git', url: 'ssh://git@github.com/o/r.git' }],
    ['github:o/r#main', { type: 'git', url: 'https://github.com/o/r.git', ref: 'main' }],
    ['gitlab:o/r', { type: 'git', url: 'https://gitlab.com/o/r.git' }],
    ['o/r#abc', { type: 'git', url: 'https://github.com/o/r.git', ref: 'abc' }],
    ['../x.tgz', undefined],
    ['https://example.com/x-1.0.0.tgz', { type: 'url', url: 'https://example.com/x-1.0.0.tgz' }],
  ];
  for (const [reference, expected] of CASES) {
    it(reference, () => assert.deepEqual(sourceOfReference(reference), expected));
  }
});

describe('assertShallowNesting', () => {
  it('accepts lockfile depths and brackets inside strings', () => {
    assertShallowNesting('x.lock', `{"a": [{"b": "${'['.repeat(500)}"}]}`);
  });

  it('rejects deep nesting with the line', () => {
    assert.throws(
      () => assertShallowNesting('x.lock', `{\n${'['.repeat(65)}`),
      (error: unknown) =>
        error instanceof PalisadeError &&
        error.message ===
          'x.lock:2: nested deeper than 64 levels, which no lockfile is; fix or regenerate the file',
    );
  });
});
