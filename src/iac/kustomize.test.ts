import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { PalisadeError } from '../model/index.ts';
import { findKubectl, kustomizeLabel, parseKustomize, renderKustomize } from './kustomize.ts';

const testdata = join(dirname(fileURLToPath(import.meta.url)), 'testdata', 'kubernetes');
const overlay = join(testdata, 'overlay');
const bin = mkdtempSync(join(tmpdir(), 'palisade-kubectl-'));
after(() => rmSync(bin, { recursive: true, force: true }));

/** A stand-in kubectl: a shell script, run by the real execFile path, that logs its arguments. */
function fakeKubectl(dir: string, body: string): NodeJS.ProcessEnv {
  const script = join(dir, 'kubectl');
  writeFileSync(script, `#!/bin/sh\nprintf '%s\\n' "$@" > "${dir}/args"\n${body}\n`);
  chmodSync(script, 0o755);
  return { PATH: [dir, '/usr/bin', '/bin'].join(delimiter) };
}

function subdir(name: string): string {
  return mkdtempSync(join(bin, `${name}-`));
}

async function rejection(run: () => Promise<unknown>): Promise<PalisadeError> {
  try {
    await run();
  } catch (error) {
    assert.ok(error instanceof PalisadeError, String(error));
    assert.equal(error.code, 'input');
    assert.ok(!error.message.includes('\n'), error.message);
    return error;
  }
  assert.fail('expected a rejection');
}

describe('kustomize', () => {
  it('says clearly when kubectl is not on PATH', async () => {
    const empty = subdir('empty');
    assert.equal(findKubectl({ PATH: empty }), undefined);
    const error = await rejection(() => renderKustomize(overlay, { env: { PATH: empty } }));
    assert.equal(
      error.message,
      `${overlay}: kubectl is not on PATH, so Kustomize cannot render it; install kubectl or render it yourself and pipe it in: \`kubectl kustomize DIR | palisade policy eval --policy REF -\``,
    );
  });

  it('refuses what is not a local directory, without running kubectl', async () => {
    const dir = subdir('unused');
    const env = fakeKubectl(dir, 'exit 0');
    const error = await rejection(() =>
      renderKustomize('https://github.com/acme/deploy//overlays/prod', { env }),
    );
    assert.equal(
      error.message,
      'https://github.com/acme/deploy//overlays/prod: not a directory; give the folder of a kustomization.yaml',
    );
  });

  it('runs `kubectl kustomize DIR` without a shell and parses its output', async () => {
    const dir = subdir('ok');
    const env = fakeKubectl(dir, `cat "${join(testdata, 'kustomize-output.txt')}"`);
    assert.equal(findKubectl(env), join(dir, 'kubectl'));
    const result = await parseKustomize(overlay, { env });
    assert.deepEqual(readFileSync(join(dir, 'args'), 'utf8').split('\n'), ['kustomize', '--', overlay, '']);
    assert.deepEqual(
      result.resources.map((r) => [r.source.path, r.source.line, r.kind, r.namespace ?? '-', r.name]),
      [
        [`${overlay} (kustomize)`, 1, 'ServiceAccount', 'staging', 'deployer'],
        [`${overlay} (kustomize)`, 7, 'ClusterRole', '-', 'deployer'],
      ],
    );
    assert.equal(result.resources[1]?.lineOf(['rules', '0', 'verbs', '0']), 17);
  });

  it('reports kubectl failure with its first error line', async () => {
    const dir = subdir('fails');
    const env = fakeKubectl(dir, "echo 'error: accumulating resources: missing file' >&2\nexit 1");
    const error = await rejection(() => renderKustomize(overlay, { env }));
    assert.equal(
      error.message,
      `${overlay}: kubectl kustomize failed (error: accumulating resources: missing file); render it yourself and pipe it in: \`kubectl kustomize DIR | palisade policy eval --policy REF -\``,
    );
  });

  it('stops kubectl at the timeout', async () => {
    const dir = subdir('slow');
    const env = fakeKubectl(dir, 'exec sleep 5');
    const error = await rejection(() => renderKustomize(overlay, { env, timeoutMs: 200 }));
    assert.match(error.message, /: kubectl kustomize did not finish within 0\.2 s; /);
  });

  it('labels rendered resources by their directory', () => {
    assert.equal(kustomizeLabel('deploy/overlays/prod/'), 'deploy/overlays/prod (kustomize)');
    assert.equal(kustomizeLabel('.'), '. (kustomize)');
    assert.equal(kustomizeLabel('/'), '/ (kustomize)');
  });
});
