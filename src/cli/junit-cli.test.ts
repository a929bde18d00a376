// End-to-end: `--format junit` through the real CLI. A testcase fails exactly when its finding
// fails the build, so CI's test view and the exit code never disagree.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { example, palisade, type Run } from './testing.ts';

const DEMO_PASSWORD = 'Vq3nR8tLw2Zk7Pxb';

interface Case {
  '@name': string;
  failure?: unknown;
  skipped?: unknown;
}

/** `fail NAME` / `skip NAME` / `pass NAME`, one per testcase. */
function outcomes(run: Run): string[] {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    isArray: (name) => name === 'testsuite' || name === 'testcase',
  });
  const doc = parser.parse(run.stdout) as { testsuites: { testsuite?: { testcase: Case[] }[] } };
  return (doc.testsuites.testsuite ?? []).flatMap((s) =>
    s.testcase.map(
      (c) => `${c.failure !== undefined ? 'fail' : c.skipped !== undefined ? 'skip' : 'pass'} ${c['@name']}`,
    ),
  );
}

const failed = (run: Run): string[] => outcomes(run).filter((o) => o.startsWith('fail '));

describe('palisade scan --format junit', () => {
  let env: Record<string, string>;
  before(() => {
    env = { PALISADE_CACHE_DIR: mkdtempSync(join(tmpdir(), 'palisade-cache-')) };
    assert.equal(palisade(['db', 'import', join(example, 'advisories'), '--quiet'], env).code, 0);
  });

  it('with --fail-on, fails the findings the gate fails and passes the rest', () => {
    const args = ['scan', example, '--offline', '--fail-on', 'critical', '--quiet'];
    const junit = palisade([...args, '--format', 'junit'], env);
    assert.equal(junit.code, 1, junit.stderr);
    const { findings } = JSON.parse(palisade([...args, '--format', 'json'], env).stdout) as {
      findings: { ruleId: string; severity: string; suppressed?: unknown }[];
    };
    const critical = findings.filter((f) => f.severity === 'critical' && !f.suppressed);
    assert.ok(critical.length > 0);
    assert.equal(failed(junit).length, critical.length);
    assert.equal(outcomes(junit).length, findings.length);
    for (const f of failed(junit))
      assert.ok(
        critical.some((c) => f.startsWith(`fail ${c.ruleId} `)),
        f,
      );
  });

  it('with no gate, exits 0 and fails no testcase', () => {
    const run = palisade(['scan', example, '--offline', '--format', 'junit', '--quiet'], env);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(outcomes(run).length > 10);
    assert.deepEqual(failed(run), []);
  });

  it('fails the findings an enforced admission policy denies', () => {
    const run = palisade(
      ['scan', example, '--offline', '--policy', 'builtin:pss-baseline', '--format', 'junit', '--quiet'],
      env,
    );
    assert.equal(run.code, 1, run.stderr);
    assert.deepEqual(
      failed(run)
        .map((f) => f.split(' ')[1])
        .sort(),
      ['pss-baseline-host-namespaces', 'pss-baseline-privileged'],
    );
    // Each on its misconfiguration finding (not on the decision alone): the resource and the violation.
    for (const f of failed(run)) assert.match(f, /^fail pss-baseline-\S+ Deployment shop\/web: /);
  });
});

describe('palisade secrets --format junit', () => {
  it('fails every secret, named by its redacted value, exit 1', () => {
    const run = palisade(['secrets', join(example, 'api'), '--format', 'junit']);
    assert.equal(run.code, 1, run.stderr);
    assert.deepEqual(failed(run), ['fail database-url-password Vq3n…(16 chars)']);
    assert.ok(!run.stdout.includes(DEMO_PASSWORD), 'the secret is never written in full');
  });
});
