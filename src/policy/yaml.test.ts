import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PalisadeError } from '../model/index.ts';
import { loadPolicies } from './load.ts';
import { parseYamlDocuments } from './yaml.ts';

function error(text: string): string {
  try {
    loadPolicies([{ path: 'p.yaml', text }]);
  } catch (e) {
    assert.ok(e instanceof PalisadeError, String(e));
    assert.equal(e.code, 'input');
    assert.ok(!e.message.includes('\n'), 'one line');
    return e.message;
  }
  return assert.fail('loaded');
}

test('hostile and malformed policy files end in one-line errors naming file and line', () => {
  const start = performance.now();
  assert.equal(
    error('['.repeat(100_000)),
    'p.yaml:1: nested more than 256 levels deep; refusing to parse it',
  );
  assert.equal(
    error(`a: ${'{b: '.repeat(50_000)}`),
    'p.yaml:1: nested more than 256 levels deep; refusing to parse it',
  );
  assert.equal(
    error(`${'- '.repeat(20_000)}x`),
    'p.yaml:1: nested more than 256 levels deep; refusing to parse it',
  );
  const bomb = `a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n`;
  assert.match(error(bomb), /^p\.yaml:\d+: Excessive alias count/);
  assert.equal(
    error('a: 1\nb: [1, 2\n'),
    'p.yaml:3: Flow sequence in block collection must be sufficiently indented and end with a ]',
  );
  assert.equal(error('- 1\n- 2\n'), 'p.yaml:1: expected a Kubernetes-style object with apiVersion and kind');
  assert.equal(error('apiVersion: v1\nkind: X\nkind: Y\n'), 'p.yaml:3: Map keys must be unique');
  assert.equal(error('\u0000\u0001\u0002binary'), error('\u0000\u0001\u0002binary'));
  assert.equal(
    error(`x: ${'y'.repeat(17 * 1024 * 1024)}`),
    'p.yaml:1: file is larger than 16 MiB; refusing to parse it',
  );
  // A truncated policy.
  assert.equal(
    error(
      'apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata:\n  name: x\nspec:\n  validations:\n  - expression: "object.a ==\n',
    ),
    'p.yaml:8: Missing closing "quote',
  );
  assert.ok(performance.now() - start < 3000);
});

test('documents keep their lines; empty documents are skipped', () => {
  const docs = parseYamlDocuments('m.yaml', '# comment\n---\n---\na: 1\n---\nb:\n  c: [1, 2]\n');
  assert.deepEqual(
    docs.map((d) => [d.index, d.line, d.value]),
    [
      [1, 4, { a: 1 }],
      [2, 6, { b: { c: [1, 2] } }],
    ],
  );
  assert.equal(docs[1]?.lineOf(['b', 'c', 1]), 7);
  assert.equal(docs[1]?.lineOf(['b', 'missing']), 6);
});
