import { test } from 'node:test';
import { admissionEngine } from './environments.ts';
import { assertCases, type Case } from './testing.ts';
import { toCelValue } from './values.ts';

// cel-go extension libraries Kubernetes enables, with the results cel-go gives.
const engine = admissionEngine();

test('strings extension', () => {
  const cases: Case[] = [
    ["'hello'.charAt(4)", 'o'],
    ["'hello'.charAt(5)", ''],
    ["'hello'.charAt(6)", { error: 'evaluation' }],
    ["'hello mellow'.indexOf('')", 0n],
    ["'hello mellow'.indexOf('ello')", 1n],
    ["'hello mellow'.indexOf('jello')", -1n],
    ["'hello mellow'.indexOf('ello', 6)", 7n],
    ["'hello mellow'.lastIndexOf('ello')", 7n],
    ["'TacoCat'.lowerAscii()", 'tacocat'],
    ["'TacoCat'.upperAscii()", 'TACOCAT'],
    ["'hello hello'.replace('he', 'we')", 'wello wello'],
    ["'hello hello'.replace('he', 'we', -1)", 'wello wello'],
    ["'hello hello'.replace('he', 'we', 1)", 'wello hello'],
    ["'hello hello'.replace('he', 'we', 0)", 'hello hello'],
    ["'ab'.replace('', '-')", '-a-b-'],
    ["'hello hello hello'.split(' ')", ['hello', 'hello', 'hello']],
    ["'hello hello hello'.split(' ', 2)", ['hello', 'hello hello']],
    ["'hello hello hello'.split(' ', -1)", ['hello', 'hello', 'hello']],
    ["'tacocat'.substring(4)", 'cat'],
    ["'tacocat'.substring(0, 4)", 'taco'],
    ["'  \\ttrim\\n    '.trim()", 'trim'],
    ["['hello', 'mellow'].join()", 'hellomellow'],
    ["['hello', 'mellow'].join(' ')", 'hello mellow'],
    ["[].join('/')", ''],
    ["'gums'.reverse()", 'smug'],
    ['strings.quote(\'single-quote with "double quote"\')', '"single-quote with \\"double quote\\""'],
    ["strings.quote('two escape sequences \\\\a\\\\n')", '"two escape sequences \\\\a\\\\n"'],
    ["'%s is %d years old'.format(['Ann', 30])", 'Ann is 30 years old'],
    ["'%.2f and %f'.format([3.14159, 2])", '3.14 and 2.000000'],
    ["'%e'.format([1000.0])", '1.000000e+03'],
    ["'%x %X %o %b'.format([255, 255, 8, 5])", 'ff FF 10 101'],
    ["'%x'.format(['Hi'])", '4869'],
    ["'%s'.format([[1, 'a']])", '[1, "a"]'],
    ["'%s'.format([{'b': 1, 'a': true}])", '{"a": true, "b": 1}'],
    ["'100%%'.format([])", '100%'],
    ["'%d'.format([1.5])", { error: 'evaluation', message: /decimal clause/ }],
  ];
  assertCases(engine, cases);
});

test('sets extension', () => {
  assertCases(engine, [
    ['sets.contains([], [])', true],
    ['sets.contains([], [1])', false],
    ['sets.contains([1, 2, 3, 4], [2, 3])', true],
    ['sets.contains([1, 2.0, 3u], [1.0, 2u, 3])', true],
    ['sets.equivalent([], [])', true],
    ['sets.equivalent([1], [1, 1])', true],
    ['sets.equivalent([1], [1u, 1.0])', true],
    ['sets.equivalent([1, 2, 3], [3u, 2.0, 1])', true],
    ['sets.equivalent([1, 2], [2, 2, 2])', false],
    ['sets.intersects([1], [1])', true],
    ['sets.intersects([1], [1.0, 2])', true],
    ['sets.intersects([1], [2])', false],
    ["sets.intersects([[1], ['a']], [['a']])", true],
  ]);
});

test('math extension', () => {
  assertCases(engine, [
    ['math.greatest(1)', 1n],
    ['math.greatest(1u, 42u) == 42u', true],
    ['math.greatest(-42.0, -21.5, -100.0)', -21.5],
    ['math.greatest([-42.0, -21.5, -100.0])', -21.5],
    ['math.greatest(1, 2.5)', 2.5],
    ['math.least(-42.0, -21.5, -100.0)', -100],
    ['math.least([1, 2, 0])', 0n],
    ['math.greatest([])', { error: 'evaluation' }],
    ['math.ceil(1.2)', 2],
    ['math.floor(-1.2)', -2],
    ['math.round(1.5)', 2],
    ['math.round(-1.5)', -2],
    ['math.trunc(-1.7)', -1],
    ['math.abs(-5)', 5n],
    ['math.abs(-5.5)', 5.5],
    ['math.sign(-5)', -1n],
    ['math.isNaN(0.0 / 0.0)', true],
    ['math.isInf(1.0 / 0.0)', true],
    ['math.isFinite(1.0)', true],
    ['math.bitAnd(3, 5)', 1n],
    ['math.bitOr(3, 5)', 7n],
    ['math.bitXor(3, 5)', 6n],
    ['math.bitShiftLeft(1, 3)', 8n],
    ['math.bitShiftRight(-1024, 3)', -128n],
  ]);
});

test('two-variable comprehensions', () => {
  const object = toCelValue(
    {
      metadata: { labels: { app: 'web', tier: 'frontend' } },
      spec: { containers: [{ name: 'a' }, { name: 'b' }] },
    },
    'object',
  );
  assertCases(
    engine,
    [
      ['[1, 2, 3].all(i, v, i < v)', true],
      ['[1, 2, 3].exists(i, v, i == 1 && v == 2)', true],
      ["{'a': 1, 'b': 2}.existsOne(k, v, v == 2)", true],
      ["{'a': 1, 'b': 2}.exists_one(k, v, v > 0)", false],
      ["object.metadata.labels.all(k, v, k.size() > 0 && v != '')", true],
      ["object.metadata.labels.exists(k, v, k == 'tier' && v == 'frontend')", true],
      ["object.spec.containers.transformList(i, c, '%d:%s'.format([i, c.name]))", ['0:a', '1:b']],
      ['[1, 2, 3].transformList(i, v, i > 0, v * 2)', [4n, 6n]],
      ["{'a': 1, 'b': 2}.transformMap(k, v, v + 1)", { a: 2n, b: 3n }],
      ["{'a': 1, 'b': 2}.transformMap(k, v, k == 'b', v + 1)", { b: 3n }],
      ["{'a': 'x'}.transformMapEntry(k, v, {v: k})", { x: 'a' }],
      [
        "{'a': 'x', 'b': 'x'}.transformMapEntry(k, v, {v: k})",
        { error: 'evaluation', message: /already exists/ },
      ],
      // An error is absorbed when another element decides the result, as in cel-go.
      ['[0, 1].exists(i, v, 1 / v == 1)', true],
      ['[0, 1].all(i, v, 1 / v == 0)', false],
      ['[0].all(i, v, 1 / v == 1)', { error: 'evaluation', message: /division by zero/ }],
      ['[1, 2].existsOne(x, x == 2)', true],
    ],
    { object },
  );
});

test('optional types and cel.bind', () => {
  const object = toCelValue(
    { spec: { containers: [{ name: 'a', securityContext: { privileged: true } }] } },
    'object',
  );
  assertCases(
    engine,
    [
      ['object.?spec.?replicas.orValue(1)', 1n],
      ['object.spec.containers[0].?securityContext.?privileged.orValue(false)', true],
      ['object.spec.?template.?spec.hasValue()', false],
      ["object.spec.containers[?5].orValue({'name': 'none'}).name", 'none'],
      ['optional.of(1).or(optional.none()).value()', 1n],
      ['optional.none().or(optional.of(2)).value()', 2n],
      ['optional.ofNonZeroValue([]).hasValue()', false],
      ['optional.of(2).optMap(x, x * 3).value()', 6n],
      ['optional.none().optMap(x, x * 3).hasValue()', false],
      ['optional.of(2).optFlatMap(x, optional.of(x + 1)).value()', 3n],
      ['optional.none().value()', { error: 'evaluation' }],
      ['cel.bind(c, object.spec.containers[0], c.name + c.name)', 'aa'],
      ['cel.bind(a, 1, cel.bind(b, a + 1, a + b))', 3n],
    ],
    { object },
  );
});
