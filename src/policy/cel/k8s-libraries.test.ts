import { test } from 'node:test';
import { admissionEngine } from './environments.ts';
import { assertCases, type Case } from './testing.ts';

// Examples from the Kubernetes CEL documentation (kubernetes.io/docs/reference/using-api/cel/)
// and the godoc of k8s.io/apiserver/pkg/cel/library, with the results the API server gives.
const engine = admissionEngine();
const evaluation = { error: 'evaluation' } as const;

test('Kubernetes list library', () => {
  const cases: Case[] = [
    ["['a', 'b', 'c'].isSorted()", true],
    ["['b', 'a'].isSorted()", false],
    ['[1, 2.0, 3].isSorted()', true],
    ['[0.25, 0.75].sum() == 1.0', true],
    ['[1, 2, 3].sum()', 6n],
    ['[].sum()', 0n],
    ["[duration('1s'), duration('2s')].sum() == duration('3s')", true],
    ['[3, 1, 2].min() < [4, 6, 5].max()', true],
    ["['should-be-first', 'x'].indexOf('should-be-first') == 0", true],
    ["['a', 'b', 'a'].lastIndexOf('a')", 2n],
    ["['a'].indexOf('z')", -1n],
    ['[].min()', { error: 'evaluation', message: /min called on empty list/ }],
    ['[1, 2, 3, 4].slice(1, 3)', [2n, 3n]],
    ['[[1], [2, [3]]].flatten()', [1n, 2n, [3n]]],
    ['[1, 2, 1].distinct()', [1n, 2n]],
    ['[3, 1, 2].sort()', [1n, 2n, 3n]],
    ['lists.range(3)', [0n, 1n, 2n]],
    ['[1, 2].first().value()', 1n],
    ['[].last().hasValue()', false],
  ];
  assertCases(engine, cases);
});

test('Kubernetes regex library (RE2 semantics, linear time)', () => {
  const cases: Case[] = [
    ["'abc 123'.find('[0-9]+')", '123'],
    // Go's FindString: `[0-9]*` matches the empty string at offset 0.
    ["'abc 123'.find('[0-9]*')", ''],
    ["'1, 2, 3, 4'.findAll('[0-9]+').map(x, int(x)).sum() < 100", true],
    // Go's FindAllString keeps an empty match unless it abuts the previous match.
    ["'1, 2'.findAll('[0-9]*')", ['1', '', '2']],
    ["'aaa'.findAll('a', 2)", ['a', 'a']],
    ["'abc'.findAll('x')", []],
    ["'hello'.matches('^h.*o$')", true],
    ["matches('hello', 'l+')", true],
    ["'HeLLo'.matches('(?i)^hello$')", true],
    ["'Big-Name'.matches('(?i)^[a-z-]+$')", true],
    ["'x1'.matches('\\\\Ax[[:digit:]]\\\\z')", true],
    ["'abc'.matches('(?P<first>a)bc')", true],
    // Counts above 16 are rewritten for V8's linear engine; the language stays the same.
    ["'my-name'.matches('^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$')", true],
    [`'${'a'.repeat(64)}'.matches('^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$')`, false],
    [`'ghp_${'x'.repeat(36)}'.matches('^gh[pousr]_[A-Za-z0-9]{36}$')`, true],
    [`'ghp_${'x'.repeat(35)}'.matches('^gh[pousr]_[A-Za-z0-9]{36}$')`, false],
    [`'${'ab'.repeat(20)}'.matches('^(ab){17,}$')`, true],
    ["'x'.matches('x{1001}')", { error: 'evaluation', message: /invalid repeat count/ }],
    ["'a'.matches('(')", { error: 'evaluation', message: /invalid regular expression/ }],
    ["'a'.matches('\\\\pL')", { error: 'evaluation', message: /unsupported regular expression/ }],
  ];
  assertCases(engine, cases);
});

test('regex: catastrophic patterns run in linear time', () => {
  const start = performance.now();
  assertCases(engine, [
    [`'${'a'.repeat(5000)}!'.matches('(a+)+$')`, false],
    [`'${'a'.repeat(5000)}!'.find('(a|aa)*b')`, ''],
  ]);
  if (performance.now() - start > 2000) throw new Error('regex evaluation took more than 2 s');
});

test('Kubernetes URL library', () => {
  const cases: Case[] = [
    ["url('https://example.com:80/').getHost()", 'example.com:80'],
    ["url('https://example.com/path with spaces/').getEscapedPath()", '/path%20with%20spaces/'],
    ["isURL('https://user:pass@example.com:80/path?query=val#fragment')", true],
    ["isURL('/absolute-path')", true],
    ["isURL('https://a:b:c/')", false],
    ["isURL('../relative-path')", false],
    ["url('https://a:b:c/')", evaluation],
    ["url('/path').getScheme()", ''],
    ["url('https://example.com/').getScheme()", 'https'],
    ["url('https://example.com/').getHost()", 'example.com'],
    ["url('https://[::1]:80/').getHost()", '[::1]:80'],
    ["url('https://[::1]/').getHost()", '[::1]'],
    ["url('/path').getHost()", ''],
    ["url('https://example.com:80/').getHostname()", 'example.com'],
    ["url('https://127.0.0.1:80/').getHostname()", '127.0.0.1'],
    ["url('https://[::1]:80/').getHostname()", '::1'],
    ["url('/path').getHostname()", ''],
    ["url('https://example.com:80/').getPort()", '80'],
    ["url('https://example.com/').getPort()", ''],
    ["url('/path').getPort()", ''],
    ["url('https://example.com/path').getEscapedPath()", '/path'],
    ["url('https://example.com').getEscapedPath()", ''],
    ["url('https://example.com/path?k1=a&k2=b&k2=c').getQuery()", { k1: ['a'], k2: ['b', 'c'] }],
    [
      "url('https://example.com/path?key with spaces=value with spaces').getQuery()",
      { 'key with spaces': ['value with spaces'] },
    ],
    ["url('https://example.com/path?').getQuery()", {}],
    ["url('https://example.com/path').getQuery()", {}],
    ["url('https://example.com/a#frag').getEscapedPath()", '/a'],
  ];
  assertCases(engine, cases);
});

test('Kubernetes quantity library', () => {
  const cases: Case[] = [
    ["quantity('500000G').isInteger()", true],
    ["quantity('50k').asInteger()", 50000n],
    ["quantity('9999999999999999999999999999999999999G').asApproximateFloat()", 1e46],
    ["quantity('50k').add(quantity('20k')) == quantity('70k')", true],
    ["quantity('50k').sub(20000) == quantity('30k')", true],
    ["quantity('50k').add(20).sub(quantity('100k')).sub(-50000) == quantity('20')", true],
    ["quantity('200M').compareTo(quantity('0.2G'))", 0n],
    ["quantity('150Mi').isGreaterThan(quantity('100Mi'))", true],
    ["quantity('50M').isLessThan(quantity('100M'))", true],
    ["quantity('1.5Gi').asInteger()", 1610612736n],
    ["quantity('100m').isInteger()", false],
    ["quantity('100m').asApproximateFloat()", 0.1],
    ["quantity('-1').sign()", -1n],
    ["quantity('0.1n') == quantity('1n')", true],
    ["quantity('1e3') == quantity('1k')", true],
    ["quantity('1Ki') == quantity('1024')", true],
    ["isQuantity('20Mi')", true],
    ["isQuantity('20MiB')", false],
    ["isQuantity('1.2.3')", false],
    ["isQuantity('')", false],
    ["quantity('100m').asInteger()", { error: 'evaluation', message: /cannot convert value to integer/ }],
    ["quantity('3x')", { error: 'evaluation', message: /quantities must match the regular expression/ }],
  ];
  assertCases(engine, cases);
});

test('Kubernetes IP library', () => {
  const cases: Case[] = [
    ["isIP('127.0.0.1')", true],
    ["isIP('::1')", true],
    ["isIP('127.0.0.256')", false],
    ["isIP(':::1')", false],
    ["isIP('127.0.0.01')", false],
    ["isIP('::ffff:1.2.3.4')", false],
    ["isIP('fe80::1%eth0')", false],
    ["ip('127.0.0.256')", evaluation],
    ["ip.isCanonical('127.0.0.1')", true],
    ["ip.isCanonical('2001:db8::abcd')", true],
    ["ip.isCanonical('2001:DB8::ABCD')", false],
    ["ip.isCanonical('2001:db8::0:0:0:abcd')", false],
    ["ip('127.0.0.1').family() == 4", true],
    ["ip('::1').family() == 6", true],
    ["ip('0.0.0.0').isUnspecified()", true],
    ["ip('127.0.0.1').isUnspecified()", false],
    ["ip('::').isUnspecified()", true],
    ["ip('::1').isUnspecified()", false],
    ["ip('127.0.0.1').isLoopback()", true],
    ["ip('192.168.0.1').isLoopback()", false],
    ["ip('::1').isLoopback()", true],
    ["ip('2001:db8::abcd').isLoopback()", false],
    ["ip('224.0.0.1').isLinkLocalMulticast()", true],
    ["ip('224.0.1.1').isLinkLocalMulticast()", false],
    ["ip('ff02::1').isLinkLocalMulticast()", true],
    ["ip('fd00::1').isLinkLocalMulticast()", false],
    ["ip('169.254.169.254').isLinkLocalUnicast()", true],
    ["ip('192.168.0.1').isLinkLocalUnicast()", false],
    ["ip('fe80::1').isLinkLocalUnicast()", true],
    ["ip('fd80::1').isLinkLocalUnicast()", false],
    ["ip('192.168.0.1').isGlobalUnicast()", true],
    ["ip('255.255.255.255').isGlobalUnicast()", false],
    ["ip('2001:db8::abcd').isGlobalUnicast()", true],
    ["ip('ff00::1').isGlobalUnicast()", false],
    ["string(ip('2001:0db8:0:0:1:0:0:1'))", '2001:db8::1:0:0:1'],
    ["ip('::1') == ip('0:0:0:0:0:0:0:1')", true],
  ];
  assertCases(engine, cases);
});

test('Kubernetes CIDR library', () => {
  const cases: Case[] = [
    ["isCIDR('192.168.0.0/16')", true],
    ["isCIDR('::1/128')", true],
    ["isCIDR('192.168.0.0/33')", false],
    ["isCIDR('::1/129')", false],
    ["cidr('192.168.0.0/33')", evaluation],
    ["cidr('192.168.0.0/24').containsIP(ip('192.168.0.1'))", true],
    ["cidr('192.168.0.0/24').containsIP(ip('192.168.1.1'))", false],
    ["cidr('192.168.0.0/24').containsIP('192.168.0.1')", true],
    ["cidr('192.168.0.0/24').containsIP('192.168.1.1')", false],
    ["cidr('192.168.0.0/16').containsCIDR(cidr('192.168.10.0/24'))", true],
    ["cidr('192.168.1.0/24').containsCIDR(cidr('192.168.2.0/24'))", false],
    ["cidr('192.168.0.0/16').containsCIDR('192.168.10.0/24')", true],
    ["cidr('192.168.1.0/24').containsCIDR('192.168.2.0/24')", false],
    ["cidr('192.168.0.1/24').ip() == ip('192.168.0.1')", true],
    ["cidr('192.168.0.1/24').ip().family()", 4n],
    ["cidr('::1/128').ip() == ip('::1')", true],
    ["cidr('::1/128').ip().family()", 6n],
    ["cidr('192.168.0.0/24').masked() == cidr('192.168.0.0/24')", true],
    ["cidr('192.168.0.1/24').masked() == cidr('192.168.0.0/24')", true],
    ["cidr('192.168.0.0/24') == cidr('192.168.0.0/24').masked()", true],
    ["cidr('192.168.0.1/24') == cidr('192.168.0.1/24').masked()", false],
    ["cidr('192.168.0.0/16').prefixLength()", 16n],
    ["cidr('::1/128').prefixLength()", 128n],
    ["cidr('10.0.0.0/8').containsIP('::1')", false],
    ["string(cidr('2001:db8::/32'))", '2001:db8::/32'],
  ];
  assertCases(engine, cases);
});

test('Kubernetes semver library', () => {
  const cases: Case[] = [
    ["isSemver('1.0.0')", true],
    ["isSemver('0.1.0-alpha.1')", true],
    ["isSemver('hello')", false],
    ["isSemver('v1.0')", false],
    ["isSemver('v1.0', true)", true],
    ["isSemver('01.01.01')", false],
    ["semver('200K')", evaluation],
    ["semver('Three')", evaluation],
    ["semver('Mi')", evaluation],
    ["semver('v1.0.0', true) == semver('1.0.0')", true],
    ["semver('1.0', true) == semver('1.0.0')", true],
    ["semver('01.01.01', true) == semver('1.1.1')", true],
    ["semver('1.2.3').major()", 1n],
    ["semver('1.2.3').minor()", 2n],
    ["semver('1.2.3').patch()", 3n],
    ["semver('1.2.3').compareTo(semver('1.2.3'))", 0n],
    ["semver('1.2.3').compareTo(semver('2.0.0'))", -1n],
    ["semver('1.2.3').compareTo(semver('0.1.2'))", 1n],
    ["semver('1.0.0-alpha').isLessThan(semver('1.0.0'))", true],
    ["semver('1.10.0').isGreaterThan(semver('1.9.9'))", true],
  ];
  assertCases(engine, cases);
});

test('Kubernetes format library', () => {
  const cases: Case[] = [
    ["format.dns1123Label().validate('my-label-name')", { optional: 'none' }],
    ["format.dns1123Subdomain().validate('apiextensions.k8s.io')", { optional: 'none' }],
    ["format.dns1035Label().validate('my-label-name')", { optional: 'none' }],
    ["format.qualifiedName().validate('apiextensions.k8s.io/v1beta1')", { optional: 'none' }],
    ["format.dns1123LabelPrefix().validate('my-label-prefix-')", { optional: 'none' }],
    ["format.dns1123SubdomainPrefix().validate('mysubdomain.prefix.-')", { optional: 'none' }],
    ["format.dns1035LabelPrefix().validate('my-label-prefix-')", { optional: 'none' }],
    ["format.uri().validate('http://example.com')", { optional: 'none' }],
    ["format.uuid().validate('123e4567-e89b-12d3-a456-426614174000')", { optional: 'none' }],
    ["format.byte().validate('aGVsbG8=')", { optional: 'none' }],
    ["format.date().validate('2021-01-01')", { optional: 'none' }],
    ["format.datetime().validate('2021-01-01T00:00:00Z')", { optional: 'none' }],
    ["format.named('dns1123Label').hasValue()", true],
    ["format.named('nope').hasValue()", false],
    ["format.labelValue().validate('MyValue').hasValue()", false],
    [
      "format.dns1123Label().validate('Not_A_Label').value()",
      [
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
      ],
    ],
    [`format.dns1123Label().validate('${'a'.repeat(64)}').value()[0]`, 'must be no more than 63 characters'],
    ["format.date().validate('2021-02-30').value()", ['invalid date']],
    ["format.uuid().validate('nope').value()", ['does not match the UUID format']],
    ["format.byte().validate('###').value()", ['invalid base64']],
    ["format.qualifiedName().validate('/x').value()", ['prefix part must be non-empty']],
  ];
  assertCases(engine, cases);
});

test('Kubernetes authorizer library, outside a cluster', () => {
  assertCases(
    engine,
    [
      ["authorizer.group('').resource('pods').namespace('default').check('create').allowed()", false],
      ["authorizer.path('/healthz').check('get').reason()", 'no authorizer: evaluated outside a cluster'],
      ["authorizer.serviceAccount('default', 'sa').resource('deployments').check('delete').errored()", false],
      ["authorizer.requestResource.check('create').allowed()", false],
    ],
    { authorizer: offlineAuthorizer() },
  );
});

import { Authorizer, OFFLINE_AUTHORIZER } from './k8s-authz.ts';

function offlineAuthorizer(): Authorizer {
  return new Authorizer(OFFLINE_AUTHORIZER, 'jane', { group: '', resource: 'pods', namespace: 'default' });
}
