import { test } from 'node:test';
import { assertInvalid, assertPairs, assertValid } from './testing.ts';

// dpkg scripts/t/Dpkg_Version.t __DATA__: "a b result" for version_compare and dpkg --compare-versions.
const DPKG_TABLE = `
1.0-1 2.0-2 -1
2.2~rc-4 2.2-1 -1
2.2-1 2.2~rc-4 1
1.0000-1 1.0-1 0
1 0:1 0
0 0:0-0 0
2:2.5 1:7.5 1
1:foo foo 1
0:foo foo 0
foo foo 0
foo- foo 0
foo- foo-0 0
foo fo 1
foo- foo+ -1
foo~1 foo -1
foo~foo+Bar foo~foo+bar -1
foo~~ foo~ -1
1~ 1 -1
12345+that-really-is-some-ver-0 12345+that-really-is-some-ver-10 -1
foo-0 foo-01 -1
foo.bar foobar 1
foo.bar foo1bar 1
foo.bar foo0bar 1
1foo-1 foo-1 -1
foo2.0 foo2 1
foo2.0.0 foo2.10.0 -1
foo2.0 foo2.0.0 -1
foo2.0 foo2.10 -1
foo2.1 foo2.10 -1
1.09 1.9 0
1.0.8+nmu1 1.0.8 1
3.11 3.10+nmu1 1
0.9j-20080306-4 0.9i-20070324-2 1
1.2.0~b7-1 1.2.0~b6-1 1
1.011-1 1.06-2 1
0.0.9+dfsg1-1 0.0.8+dfsg1-3 1
4.6.99+svn6582-1 4.6.99+svn6496-1 1
53 52 1
0.9.9~pre122-1 0.9.9~pre111-1 1
2:2.3.2-2+lenny2 2:2.3.2-2 1
1:3.8.1-1 3.8.GA-1 1
1.0.1+gpl-1 1.0.1-2 1
1a 1000a -1
`;

test('Debian: dpkg Dpkg_Version.t comparison table', () => {
  const rows = DPKG_TABLE.trim()
    .split('\n')
    .map((line) => {
      const [a, b, result] = line.split(' ');
      return [a!, b!, Number(result)] as const;
    });
  assertPairs('Debian', rows);
});

test('Debian: security-update spellings (Policy 5.6.12: ~ sorts before everything)', () => {
  assertPairs('Debian', [
    ['1.1.1n-0+deb11u4', '1.1.1n-0+deb11u5', -1],
    ['1.1.1n-0+deb10u3', '1.1.1n-0+deb11u1', -1],
    ['2.36-9+deb12u3', '2.36-9+deb12u10', -1],
    ['7.74.0-1.3+deb11u7', '7.88.1-10+deb12u5', -1],
    ['1:2.0~beta1-1', '1:2.0-1', -1],
    ['1:0.1', '2.0', 1],
    ['1.0~rc1~git1', '1.0~rc1', -1],
  ]);
});

// dpkg lib/dpkg/t/t-version.c test_version_parse.
test('Debian: parseversion accepts and rejects', () => {
  assertValid('Debian', [
    '0',
    '0:0',
    '0:0-',
    '0:0-0',
    '0:0.0-0.0',
    '1:0',
    '5:1',
    '0:0-0-0',
    '0:0:0-0',
    '0:09azAZ.-+~:-0',
    '0:0-azAZ09.+~',
    '  \t0:0-1',
    '0:0-1\t  ',
  ]);
  assertInvalid('Debian', [
    '',
    '  ',
    '0:',
    '0:0 0-1',
    '-1:0-1',
    '999999999999999999999999:0-1',
    'a:0-0',
    'A:0-0',
    '-0',
    '0:-0',
    '0:0-0:0',
    ...[..."!#@$%&/|\\<>()[]{};,_=*^'"].map((c) => `0:0${c}-0`),
    ...[..."!#@$%&/|\\<>()[]{}:;,_=*^'"].map((c) => `0:0-0${c}`),
  ]);
});
