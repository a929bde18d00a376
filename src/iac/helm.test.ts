import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { PalisadeError } from '../model/index.ts';
import { findHelm, helmLabel, parseHelmChart, renderHelmChart } from './helm.ts';

const bin = mkdtempSync(join(tmpdir(), 'palisade-helm-'));
after(() => rmSync(bin, { recursive: true, force: true }));
const rendered = join(import.meta.dirname, 'testdata', 'kubernetes', 'helm-rendered.yaml');

/** A stand-in helm: a shell script, run by the real execFile path, that logs its arguments. */
function fakeHelm(body: string): { env: NodeJS.ProcessEnv; dir: string } {
  const dir = mkdtempSync(join(bin, 'helm-'));
  writeFileSync(join(dir, 'helm'), `#!/bin/sh\nprintf '%s\\n' "$@" > "${dir}/args"\n${body}\n`);
  chmodSync(join(dir, 'helm'), 0o755);
  return { env: { PATH: [dir, '/usr/bin', '/bin'].join(delimiter) }, dir };
}

describe('helm', () => {
  it('runs `helm template -- NAME DIR` without a shell and keeps each template as the source', async () => {
    const chart = mkdtempSync(join(bin, 'chart-'));
    const { env, dir } = fakeHelm(`cat "${rendered}"`);
    assert.equal(findHelm(env), join(dir, 'helm'));
    const result = await parseHelmChart(chart, { env, release: 'shop' });
    assert.deepEqual(readFileSync(join(dir, 'args'), 'utf8').split('\n'), [
      'template',
      '--',
      'shop',
      chart,
      '',
    ]);
    assert.deepEqual(
      result.resources.map((r) => [r.source.path, r.kind, r.source.template]),
      [
        [`${chart} (helm)`, 'ServiceAccount', 'shop/templates/serviceaccount.yaml'],
        [`${chart} (helm)`, 'ConfigMap', 'shop/templates/configmap.yaml'],
        [`${chart} (helm)`, 'Deployment', 'shop/templates/deployment.yaml'],
        [`${chart} (helm)`, 'Pod', 'shop/templates/tests/test-connection.yaml'],
      ],
    );
  });

  it('says clearly when helm is missing, and reports its failure with the first error line', async () => {
    const chart = mkdtempSync(join(bin, 'chart-'));
    await assert.rejects(renderHelmChart(chart, { env: { PATH: join(bin, 'nothing') } }), (error) => {
      assert.ok(error instanceof PalisadeError);
      assert.equal(
        error.message,
        `${chart}: helm is not on PATH, so a Helm chart cannot render it; install helm or render it yourself and pipe it in: \`helm template NAME DIR | palisade policy eval --policy REF -\``,
      );
      return true;
    });
    const { env } = fakeHelm("echo 'Error: Chart.yaml file is missing' >&2\nexit 1");
    await assert.rejects(
      renderHelmChart(chart, { env }),
      /: helm template failed \(Error: Chart\.yaml file is missing\); /,
    );
  });

  it('refuses what is not a local folder, and names rendered resources by their chart', async () => {
    await assert.rejects(
      renderHelmChart('oci://registry.example.com/charts/web'),
      /^PalisadeError: oci:\/\/registry\.example\.com\/charts\/web: not a directory; give the folder of a Chart\.yaml$/,
    );
    assert.equal(helmLabel('charts/web/'), 'charts/web (helm)');
  });
});
