import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { identifyKey, type LockFormat, packageKeyOfSnapshot, referenceKey } from './dep-path.ts';

describe('referenceKey', () => {
  const CASES: [LockFormat, string, string, string | undefined][] = [
    [5, 'react', '18.3.1', '/react/18.3.1'],
    [5, 'react-dom', '18.3.1_react@18.3.1', '/react-dom/18.3.1_react@18.3.1'],
    [5, '@types/react', '18.3.3_@types+prop-types@15.7.15', '/@types/react/18.3.3_@types+prop-types@15.7.15'],
    [5, 'string-width-cjs', '/string-width/4.2.3', '/string-width/4.2.3'],
    [5, 'local-util', 'file:vendor/local-util', 'file:vendor/local-util'],
    [5, 'remote-pkg', '@127.0.0.1+18431/remote-pkg-1.4.0.tgz', '@127.0.0.1+18431/remote-pkg-1.4.0.tgz'],
    [5, 'ci-info', 'github.com/watson/ci-info/f43f6a1', 'github.com/watson/ci-info/f43f6a1'],
    [5, '@shop/web', 'link:../web', undefined],
    [6, 'react-dom', '18.3.1(react@18.3.1)', '/react-dom@18.3.1(react@18.3.1)'],
    [6, 'x', '1.0.0(@types/react@18.3.3)', '/x@1.0.0(@types/react@18.3.3)'],
    [6, 'string-width-cjs', '/string-width@4.2.3', '/string-width@4.2.3'],
    [6, 'my-lib', 'localhost/tmp/my-lib/fc7c4b6', 'localhost/tmp/my-lib/fc7c4b6'],
    [6, 'vendored', 'file:vendor/vendored-2.0.0.tgz', 'file:vendor/vendored-2.0.0.tgz'],
    [6, '@shop/web', 'link:../web', undefined],
    [9, 'react-dom', '18.3.1(react@18.3.1)', 'react-dom@18.3.1(react@18.3.1)'],
    [9, 'string-width-cjs', 'string-width@4.2.3', 'string-width@4.2.3'],
    [9, 'types-alias', '@types/node@20.12.7', '@types/node@20.12.7'],
    [9, 'b', '1.0.0(patch_hash=abc)', 'b@1.0.0(patch_hash=abc)'],
    [9, 'local-util', 'file:vendor/local-util', 'local-util@file:vendor/local-util'],
    [
      9,
      'ci-info',
      'https://codeload.github.com/watson/ci-info/tar.gz/f43f6a1',
      'ci-info@https://codeload.github.com/watson/ci-info/tar.gz/f43f6a1',
    ],
    [
      9,
      'evil',
      'git+ssh://git@github.com/example/evil.git#abc',
      'evil@git+ssh://git@github.com/example/evil.git#abc',
    ],
    [9, '@shop/web', 'link:../web', undefined],
  ];
  for (const [format, name, reference, key] of CASES) {
    it(`${format}.x ${name}: ${reference}`, () => {
      assert.equal(referenceKey(format, name, reference), key);
    });
  }
});

describe('identifyKey', () => {
  const CASES: [LockFormat, string, { name: string; version: string | undefined } | undefined][] = [
    [5, '/ms/2.1.3', { name: 'ms', version: '2.1.3' }],
    [5, '/@types/node/20.12.7', { name: '@types/node', version: '20.12.7' }],
    [5, '/react-dom/18.3.1_react@18.3.1', { name: 'react-dom', version: '18.3.1' }],
    [5, '/x/1.0.0-rc.1_@types+react@18.0.0', { name: 'x', version: '1.0.0-rc.1' }],
    [5, 'registry.example.com/left-pad/1.3.0', { name: 'left-pad', version: '1.3.0' }],
    [5, 'file:vendor/local-util', undefined],
    [5, 'github.com/watson/ci-info/f43f6a1', undefined],
    [5, '/tmp/pnpmgen/my-lib/fc7c4b6', undefined],
    [
      6,
      '/use-sync-external-store@1.2.2(react@17.0.2)',
      { name: 'use-sync-external-store', version: '1.2.2' },
    ],
    [6, '/@types/react@18.3.3', { name: '@types/react', version: '18.3.3' }],
    [6, '@127.0.0.1+18431/remote-pkg-1.4.0.tgz', undefined],
    [9, 'debug@4.4.3(supports-color@7.2.0)', { name: 'debug', version: '4.4.3' }],
    [9, '@types/node@20.12.7', { name: '@types/node', version: '20.12.7' }],
    [9, 'local-util@file:vendor/local-util', { name: 'local-util', version: undefined }],
    [9, 'remote-pkg@http://127.0.0.1:18431/remote-pkg-1.4.0.tgz', { name: 'remote-pkg', version: undefined }],
    [9, 'no-version-here', undefined],
  ];
  for (const [format, key, identity] of CASES) {
    it(`${format}.x ${key}`, () => {
      assert.deepEqual(identifyKey(format, key), identity);
    });
  }

  it('strips the peer and patch suffix of a 9.x snapshot key', () => {
    assert.equal(packageKeyOfSnapshot('react-dom@18.3.1(react@18.3.1)'), 'react-dom@18.3.1');
    assert.equal(packageKeyOfSnapshot('@types/x@1.0.0(patch_hash=abc)(react@18.3.1)'), '@types/x@1.0.0');
    assert.equal(packageKeyOfSnapshot('ms@2.1.3'), 'ms@2.1.3');
  });
});
