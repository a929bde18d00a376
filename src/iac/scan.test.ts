import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { scanIacDirectory } from './scan.ts';

const testdata = join(dirname(fileURLToPath(import.meta.url)), 'testdata');

describe('scanIacDirectory', () => {
  it('walks the tree once, parses every IaC file and records each one in coverage', async () => {
    const seen: string[] = [];
    const result = await scanIacDirectory(testdata, { onFile: (e) => seen.push(`${e.done}/${e.total}`) });
    assert.deepEqual(
      result.files.map((f) => `${f.status} ${f.type} ${f.path}`),
      [
        'parsed iac/dockerfile dockerfile/Dockerfile.heredoc',
        'parsed iac/dockerfile dockerfile/Dockerfile.inherit',
        'parsed iac/dockerfile dockerfile/Dockerfile.multistage',
        'parsed iac/dockerfile dockerfile/Dockerfile.untagged',
        'parsed iac/dockerfile dockerfile/Dockerfile.windows',
        'skipped iac/kubernetes kubernetes/chart/templates/deployment.yaml',
        'parsed iac/kubernetes kubernetes/helm-rendered.yaml',
        'parsed iac/kubernetes kubernetes/list.yaml',
        'parsed iac/kubernetes kubernetes/overlay/kustomization.yaml',
        'parsed iac/kubernetes kubernetes/rbac.yaml',
        'parsed iac/kubernetes kubernetes/workloads.yaml',
        'parsed iac/terraform terraform/aws.tf',
        'parsed iac/terraform terraform/azure.tf',
        'parsed iac/terraform terraform/gcp.tf',
        'parsed iac/terraform terraform/tricky.tf',
      ],
    );
    assert.equal(seen.at(-1), '15/15');
    assert.equal(result.resources.length, 5 + 4 + 3 + 1 + 4 + 5 + 12 + 2 + 4 + 3);
    assert.deepEqual(
      result.skipped.map((s) => `${s.path}:${s.line}`),
      [
        'kubernetes/chart/templates/deployment.yaml:1',
        'kubernetes/list.yaml:21',
        'kubernetes/workloads.yaml:120',
      ],
    );
  });

  it('records a file that fails and goes on', async () => {
    const root = mkdtempSync(join(tmpdir(), 'palisade-iac-'));
    try {
      mkdirSync(join(root, 'infra'));
      writeFileSync(join(root, 'infra', 'broken.tf'), 'resource "aws_s3_bucket" "a" {\n  acl = \n}\n');
      writeFileSync(
        join(root, 'infra', 'ok.tf'),
        'resource "aws_ebs_volume" "v" {\n  encrypted = false\n}\n',
      );
      writeFileSync(join(root, 'Dockerfile'), 'FROM alpine:3.19\nUSER nobody\n');
      writeFileSync(join(root, 'notes.yaml'), 'title: not a manifest\n');
      writeFileSync(join(root, '.gitignore'), 'ignored/\n');
      mkdirSync(join(root, 'ignored'));
      writeFileSync(join(root, 'ignored', 'main.tf'), 'this is not read');
      const result = await scanIacDirectory(root);
      assert.deepEqual(result.files, [
        { path: 'Dockerfile', type: 'iac/dockerfile', status: 'parsed' },
        {
          path: 'infra/broken.tf',
          type: 'iac/terraform',
          status: 'failed',
          error:
            'infra/broken.tf:2: invalid HCL (Invalid expression); fix the HCL (`terraform validate` shows the details)',
        },
        { path: 'infra/ok.tf', type: 'iac/terraform', status: 'parsed' },
        { path: 'notes.yaml', type: 'iac/kubernetes', status: 'skipped' },
      ]);
      assert.deepEqual(
        result.resources.map((r) => `${r.source.path}:${r.source.line} ${r.kind}`),
        ['Dockerfile:1 Dockerfile', 'infra/ok.tf:1 aws_ebs_volume'],
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
