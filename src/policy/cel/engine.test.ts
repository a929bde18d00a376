import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CostMeter, PER_CALL_LIMIT } from './cost.ts';
import { admissionEngine } from './environments.ts';
import { CelError } from './errors.ts';
import { toCelValue } from './values.ts';

const engine = admissionEngine();

function compileError(expression: string): CelError {
  try {
    engine.compile(expression);
  } catch (error) {
    assert.ok(error instanceof CelError, String(error));
    return error;
  }
  return assert.fail(`${expression} compiled`);
}

function evaluationError(
  expression: string,
  activation: Record<string, unknown>,
  meter?: CostMeter,
): CelError {
  try {
    engine.compile(expression).evaluate(activation, meter);
  } catch (error) {
    assert.ok(error instanceof CelError, String(error));
    return error;
  }
  return assert.fail(`${expression} evaluated`);
}

test('compile errors are typed and point into the expression', () => {
  const syntax = compileError('object.spec.replicas >');
  assert.equal(syntax.kind, 'syntax');
  assert.equal(syntax.code, 'input');
  assert.deepEqual(syntax.position, { offset: 22, line: 1, column: 23 });
  assert.equal(syntax.message, 'Unexpected token: EOF (at 1:23)');

  const type = compileError("object.x == 1 &&\n  request.namex == 'a'");
  assert.equal(type.kind, 'type');
  assert.equal(type.summary, 'No such key: namex');
  assert.deepEqual(type.position, { offset: 27, line: 2, column: 11 });

  assert.equal(compileError('nope + 1').summary, 'Unknown variable: nope');
  assert.equal(compileError("'a'.noSuchFunction()").kind, 'type');
  assert.equal(compileError('1 + "a"').kind, 'type');
  assert.equal(compileError('x'.repeat(70_000)).kind, 'syntax');
});

test('renamed built-ins keep their own names in messages', () => {
  assert.match(compileError('(1).matches("a")').summary, /matches/);
  assert.doesNotMatch(compileError('(1).matches("a")').summary, /palisade/);
});

test('compiled programs are cached by text and record the variables they read', () => {
  const a = engine.compile('variables.pod.spec.x == variables["other"] && has(variables.third)');
  assert.equal(engine.compile('variables.pod.spec.x == variables["other"] && has(variables.third)'), a);
  assert.deepEqual([...a.variables.names].sort(), ['other', 'pod', 'third']);
  assert.equal(a.variables.dynamic, false);
  assert.equal(engine.compile('variables.size() > 0').variables.dynamic, true);
  assert.equal(engine.compile('true').type, 'bool');
});

test('evaluation errors carry the position of the failing call', () => {
  const error = evaluationError("object.a + quantity('3x').sign()", {
    object: toCelValue({ a: 1 }, 'object'),
  });
  assert.equal(error.kind, 'evaluation');
  assert.match(error.message, /^quantities must match the regular expression .* \(at 1:12\)$/);
  assert.equal(
    evaluationError('object.missing', { object: toCelValue({}, 'object') }).summary,
    'No such key: missing',
  );
});

test('nested comprehensions over large lists stop at the per-expression limit', () => {
  const object = toCelValue({ items: Array.from({ length: 3000 }, (_, i) => i) }, 'object');
  const start = performance.now();
  const error = evaluationError('object.items.all(x, object.items.all(y, x + y >= 0))', { object });
  assert.equal(error.kind, 'cost');
  assert.equal(
    error.message,
    `expression exceeded the per-expression cost budget of ${PER_CALL_LIMIT} units and was stopped`,
  );
  assert.ok(performance.now() - start < 1000, 'stopped promptly');
});

test('an error absorbed by || or exists() does not hide a blown budget', () => {
  const object = toCelValue({ items: Array.from({ length: 3000 }, (_, i) => i) }, 'object');
  assert.equal(
    evaluationError('object.items.all(x, object.items.all(y, y >= 0)) || true', { object }).kind,
    'cost',
  );
  assert.equal(
    evaluationError('object.items.exists(x, object.items.exists(y, y < 0) || x == 2999)', { object }).kind,
    'cost',
  );
});

test('strings doubled by concatenation are charged by length', () => {
  const doubling = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].reduceRight((body, name, i, names) => {
    const prev = i === 0 ? "'0123456789012345678901234567890123456789'" : names[i - 1];
    return `cel.bind(${name}, ${Array.from({ length: 10 }, () => prev).join(' + ')}, ${body})`;
  }, 'h.size() > 0');
  const start = performance.now();
  assert.equal(evaluationError(doubling, {}).kind, 'cost');
  assert.ok(performance.now() - start < 1000);
  // Lists double the same way.
  const lists =
    'cel.bind(a, [1,2,3,4,5,6,7,8,9,10], cel.bind(b, a+a+a+a+a+a+a+a+a+a, cel.bind(c, b+b+b+b+b+b+b+b+b+b, cel.bind(d, c+c+c+c+c+c+c+c+c+c, cel.bind(e, d+d+d+d+d+d+d+d+d+d, cel.bind(f, e+e+e+e+e+e+e+e+e+e, f.size() > 0))))))';
  assert.equal(evaluationError(lists, {}).kind, 'cost');
});

test('regular expressions are charged by string and pattern length', () => {
  const object = toCelValue(
    { s: 'a'.repeat(100_000), items: Array.from({ length: 200 }, (_, i) => i) },
    'object',
  );
  assert.equal(
    evaluationError("object.items.all(i, object.s.matches('^(a|b|c|d|e|f|g|h)+$'))", { object }).kind,
    'cost',
  );
});

test('a meter shares one budget across expressions and lowers the per-call limit to what remains', () => {
  const object = toCelValue({ items: Array.from({ length: 1000 }, (_, i) => i) }, 'object');
  const meter = new CostMeter(12_000);
  const program = engine.compile('object.items.all(x, x >= 0)');
  assert.equal(program.evaluate({ object }, meter), true);
  assert.ok(meter.spent > 1000 && meter.spent < 8000, String(meter.spent));
  const error = evaluationError(
    'object.items.all(x, x >= 0) && object.items.all(x, x >= 0)',
    { object },
    meter,
  );
  assert.equal(error.kind, 'cost');
  assert.match(error.message, /remaining policy cost budget/);
});

test('a lazily computed variable runs inside the expression that reads it and shares its count', () => {
  const object = toCelValue({ items: Array.from({ length: 420 }, (_, i) => i) }, 'object');
  const inner = engine.compile('object.items.all(x, object.items.all(y, y >= 0))');
  const variables = Object.create(null);
  Object.defineProperty(variables, 'slow', { enumerable: true, get: () => inner.evaluate({ object }) });
  // 420 × 420 iterations of the inner expression alone fit; counted together with the outer they do not.
  assert.equal(inner.evaluate({ object }), true);
  const error = evaluationError('variables.slow && object.items.all(x, object.items.all(y, y >= 0))', {
    object,
    variables,
  });
  assert.equal(error.kind, 'cost');
});

test('inputs larger than the API server accepts are refused with a clear error, quickly', () => {
  const start = performance.now();
  const huge = {
    data: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'x'.repeat(1024 * 1024)])),
  };
  assert.throws(
    () => toCelValue(huge, 'ConfigMap default/huge'),
    (error: unknown) =>
      error instanceof CelError &&
      error.kind === 'size' &&
      error.message ===
        'ConfigMap default/huge: larger than 3 MiB, the most the API server accepts in one request; refusing to evaluate it',
  );
  let deep: unknown = 'leaf';
  for (let i = 0; i < 1000; i++) deep = { a: deep };
  assert.throws(() => toCelValue(deep, 'x'), /nested deeper than 256 levels/);
  assert.ok(performance.now() - start < 2000);
});

test('toCelValue decodes like the API server: integers are int, prototype keys are data', () => {
  const value = toCelValue(
    JSON.parse('{"a": 3, "b": 1.5, "c": [true, null], "__proto__": {"x": 1}}'),
    'x',
  ) as Record<string, unknown>;
  assert.equal(value.a, 3n);
  assert.equal(value.b, 1.5);
  assert.deepEqual(value.c, [true, null]);
  assert.equal(Object.getPrototypeOf(value), null);
  assert.equal(engine.compile("object['__proto__'].x + object.a").evaluate({ object: value }), 4n);
});

test('literal lists and maps are built once, and nothing that evaluates them can change them', () => {
  const cases: [string, unknown][] = [
    ['[3, 1, 2].sort()', [1n, 2n, 3n]],
    ['[3, 1, 2]', [3n, 1n, 2n]],
    ['[1, 2, 3].reverse() + [4]', [3n, 2n, 1n, 4n]],
    ['[1, 2].map(x, x * 2) + [1, 2].map(x, x * 2)', [2n, 4n, 2n, 4n]],
    ["{'a': 1}.transformMap(k, v, v + 1)", { a: 2n }],
    ["'a' in ['a', 'b'] && {'k': 'v'}['k'] == 'v'", true],
  ];
  for (let round = 0; round < 2; round++) {
    for (const [expression, expected] of cases) {
      const value = engine.compile(expression).evaluate({});
      assert.deepEqual(
        JSON.parse(JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? `${v}n` : v))),
        JSON.parse(JSON.stringify(expected, (_, v) => (typeof v === 'bigint' ? `${v}n` : v))),
        expression,
      );
    }
  }
});
