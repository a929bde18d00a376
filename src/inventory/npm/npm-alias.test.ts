import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseNpmAlias } from './npm-alias.ts';

describe('parseNpmAlias', () => {
  const cases: [string, ReturnType<typeof parseNpmAlias>][] = [
    ['npm:lodash@4.17.20', { name: 'lodash', spec: '4.17.20' }],
    ['npm:@types/node@^20.1.0', { name: '@types/node', spec: '^20.1.0' }],
    ['npm:string-width@^4.2.0', { name: 'string-width', spec: '^4.2.0' }],
    ['npm:left-pad', { name: 'left-pad', spec: '' }],
    ['npm:@scope/pkg', { name: '@scope/pkg', spec: '' }],
    ['npm:', undefined],
    ['npm:@', undefined],
    ['4.17.20', undefined],
    ['github:user/repo', undefined],
  ];
  for (const [spec, expected] of cases) {
    it(spec || '(empty)', () => assert.deepEqual(parseNpmAlias(spec), expected));
  }
});
