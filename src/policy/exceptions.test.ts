import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { expiredExceptions, globMatches, isExpired, matchException } from './exceptions.ts';
import { loadPolicies } from './load.ts';

const load = (text: string) => loadPolicies([{ path: 'exceptions.yaml', text }]);
const { exceptions } = loadPolicies([
  {
    path: 'testdata/exceptions.yaml',
    text: readFileSync(join(import.meta.dirname, 'testdata', 'exceptions.yaml'), 'utf8'),
  },
]);

test('exceptions parse with owner, reason and expiry (YAML dates or strings)', () => {
  assert.deepEqual(
    exceptions.map((e) => [
      e.name,
      e.policies,
      e.namespaces,
      e.names,
      e.kinds,
      e.labels,
      e.expires,
      e.source.line,
    ]),
    [
      [
        'legacy-batch-hostpath',
        ['pss-baseline-host-path-volumes'],
        ['legacy'],
        ['batch-*'],
        undefined,
        undefined,
        '2026-09-30',
        1,
      ],
      [
        'monitoring-host-network',
        ['pss-baseline-host-namespaces', 'pss-restricted-*'],
        undefined,
        undefined,
        ['DaemonSet'],
        { 'app.kubernetes.io/part-of': 'monitoring' },
        '2025-01-31',
        14,
      ],
    ],
  );
});

test('an exception applies through its expiry day, then only warns', () => {
  const target = { kind: 'Job', namespace: 'legacy', name: 'batch-nightly', labels: {} };
  const on = matchException(
    exceptions,
    'pss-baseline-host-path-volumes',
    target,
    new Date('2026-09-30T23:59:59Z'),
  );
  assert.equal(on.applied?.name, 'legacy-batch-hostpath');
  assert.deepEqual(on.warnings, []);
  const off = matchException(
    exceptions,
    'pss-baseline-host-path-volumes',
    target,
    new Date('2026-10-01T00:00:00Z'),
  );
  assert.equal(off.applied, undefined);
  assert.equal(off.warnings.length, 1);
  assert.equal(matchException(exceptions, 'other-policy', target, new Date('2026-01-01')).applied, undefined);
  assert.equal(
    matchException(
      exceptions,
      'pss-baseline-host-path-volumes',
      { ...target, namespace: 'prod' },
      new Date('2026-01-01'),
    ).applied,
    undefined,
  );
  assert.equal(isExpired({ expires: '2025-01-31' }, new Date('2025-02-01T00:00:00Z')), true);
  assert.deepEqual(
    expiredExceptions(exceptions, new Date('2025-06-01')).map((e) => e.name),
    ['monitoring-host-network'],
  );
});

test('every match criterion must hold: labels and kinds', () => {
  const now = new Date('2024-12-01');
  const ds = {
    kind: 'DaemonSet',
    namespace: 'monitoring',
    name: 'node-exporter',
    labels: { 'app.kubernetes.io/part-of': 'monitoring' },
  };
  assert.equal(
    matchException(exceptions, 'pss-restricted-run-as-non-root', ds, now).applied?.name,
    'monitoring-host-network',
  );
  assert.equal(
    matchException(exceptions, 'pss-restricted-run-as-non-root', { ...ds, kind: 'Deployment' }, now).applied,
    undefined,
  );
  assert.equal(
    matchException(exceptions, 'pss-restricted-run-as-non-root', { ...ds, labels: {} }, now).applied,
    undefined,
  );
});

test('globs', () => {
  const cases: [string, string, boolean][] = [
    ['a*', 'abc', true],
    ['*c', 'abc', true],
    ['a*c', 'abc', true],
    ['a*c', 'ac', true],
    ['a*b*c', 'aXbYc', true],
    ['a*b*c', 'acb', false],
    ['ab*ba', 'aba', false],
    ['*', '', true],
    ['abc', 'abcd', false],
  ];
  for (const [pattern, value, expected] of cases)
    assert.equal(globMatches(pattern, value), expected, `${pattern} ~ ${value}`);
});

test('malformed exceptions are rejected with their line', () => {
  const head =
    'apiVersion: palisade.dev/v1alpha1\nkind: PolicyException\nmetadata: {name: x}\nspec:\n  policy: p\n';
  assert.throws(
    () => load(`${head}  match: {}\n  owner: me\n  reason: r\n  expires: 2026-01-01\n`),
    /^PalisadeError: exceptions.yaml:6: PolicyException: spec.match: give at least one of namespaces, names, kinds or labels/,
  );
  assert.throws(
    () => load(`${head}  match: {names: [a]}\n  owner: me\n  reason: r\n  expires: next week\n`),
    /^PalisadeError: exceptions.yaml:9: PolicyException: spec.expires: expected a date like 2026-12-31/,
  );
  assert.throws(
    () => load(`${head}  match: {names: [a]}\n  reason: r\n  expires: 2026-01-01\n`),
    /^PalisadeError: exceptions.yaml:4: PolicyException: spec.owner: required field is missing/,
  );
});
