import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { readIacTargets } from './targets.ts';

const dir = mkdtempSync(join(tmpdir(), 'palisade-targets-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {containers: [{name: c, image: nginx}]}\n';
const BOMB = `a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n`;
const YAML_FIX = 'fix the YAML (`kubectl apply --dry-run=client -f` shows the details)';
const PIPE_FIX = 'pipe rendered manifests, e.g. helm template . | palisade policy eval -';

/** The coverage entry of one target: its status and one-line error. */
async function coverage(target: string, options: Parameters<typeof readIacTargets>[1]): Promise<string> {
  const result = await readIacTargets([target], options);
  assert.equal(result.files.length, 1);
  const [file] = result.files;
  assert.ok(!(file?.error ?? '').includes('\n'));
  return `${file?.status}: ${file?.error ?? `${result.resources.length} resources`}`;
}

describe('policy eval - (stdin)', () => {
  const cases: [string, Uint8Array, string][] = [
    ['one pod', Buffer.from(POD), 'parsed: 1 resources'],
    ['empty stdin', Buffer.alloc(0), `failed: (stdin): empty; ${PIPE_FIX}`],
    [
      'YAML without Kubernetes objects',
      Buffer.from('a: 1\n---\n- x\n'),
      `failed: (stdin): nothing to evaluate: not a Kubernetes object (no apiVersion and kind); ${PIPE_FIX}`,
    ],
    [
      'binary garbage',
      Buffer.from([0x00, 0x9f, 0x92, 0x96, 0xff, 0x00]),
      'failed: (stdin): not UTF-8 text (byte 0x9f at offset 1); convert it to UTF-8 (iconv -t UTF-8)',
    ],
    [
      'Latin-1 text',
      Buffer.from(POD.replace('name: a', 'name: caf\u00e9'), 'latin1'),
      'failed: (stdin): not UTF-8 text (byte 0xe9 at offset 45); convert it to UTF-8 (iconv -t UTF-8)',
    ],
    [
      'a truncated UTF-8 character at the end',
      Buffer.concat([Buffer.from(POD), Buffer.from([0xe2, 0x82])]),
      `failed: (stdin): not UTF-8 text (byte 0xe2 at offset ${POD.length}); convert it to UTF-8 (iconv -t UTF-8)`,
    ],
    [
      'a YAML alias bomb',
      Buffer.from(BOMB),
      `failed: (stdin):1: unreadable YAML (ReferenceError: Excessive alias count indicates a resource exhaustion attack); ${YAML_FIX}`,
    ],
    [
      'a truncated document',
      Buffer.from('apiVersion: v1\nkind: Pod\nmetadata: {name: "a'),
      `failed: (stdin):3: invalid YAML (Missing closing "quote); ${YAML_FIX}`,
    ],
    [
      'a map as a key (no Node warning on stderr either)',
      Buffer.from('{a: 1}: 2\n'),
      `failed: (stdin): nothing to evaluate: not a Kubernetes object (no apiVersion and kind); ${PIPE_FIX}`,
    ],
    [
      'a 50 MB document',
      Buffer.from(`${POD}data: ${'x'.repeat(50 * 1024 * 1024)}\n`),
      'failed: (stdin):1: 50 MB of YAML is over the 16 MB limit; split it',
    ],
  ];
  for (const [name, bytes, expected] of cases) {
    it(`gives one coverage entry: ${name}`, async () => {
      assert.equal(await coverage('-', { readStdin: () => bytes }), expected);
    });
  }
});

describe('rendered charts', () => {
  const chart = mkdtempSync(join(dir, 'chart-'));
  writeFileSync(join(chart, 'Chart.yaml'), 'name: c\n');

  /** A stand-in helm on PATH: a shell script run by the real execFile path. */
  function withHelm(body: string): { env: NodeJS.ProcessEnv } {
    const bin = mkdtempSync(join(dir, 'bin-'));
    writeFileSync(join(bin, 'helm'), `#!/bin/sh\n${body}\n`);
    chmodSync(join(bin, 'helm'), 0o755);
    return { env: { PATH: [bin, '/usr/bin', '/bin'].join(delimiter) } };
  }
  const RENDER_FIX =
    'render it yourself and pipe it in: `helm template NAME DIR | palisade policy eval --policy REF -`';

  const cases: [string, string, string][] = [
    ['a pod', `printf '${POD.replaceAll('\n', '\\n')}'`, 'parsed: 1 resources'],
    [
      'output over the limit',
      `head -c 20000000 /dev/zero | tr '\\0' a`,
      `failed: ${chart}: helm template printed more than 16 MB; ${RENDER_FIX}`,
    ],
    [
      'no output',
      'true',
      `failed: ${chart} (helm): nothing to evaluate: no Kubernetes objects (apiVersion and kind); check that it renders resources with its default values`,
    ],
    [
      'HTML instead of YAML',
      `echo '<html>'; echo 'not yaml: ['`,
      `failed: ${chart} (helm):1: invalid YAML (Implicit keys need to be on a single line); ${YAML_FIX}`,
    ],
    [
      'binary output',
      `printf 'kind: \\377\\376'`,
      `failed: ${chart}: helm template output: not UTF-8 text (byte 0xff at offset 6); convert it to UTF-8 (iconv -t UTF-8)`,
    ],
  ];
  for (const [name, script, expected] of cases) {
    it(`gives one coverage entry: ${name}`, async () => {
      assert.equal(await coverage(chart, withHelm(script)), expected);
    });
  }
});
