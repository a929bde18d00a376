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

  it('keeps going through hostile Dockerfiles and Terraform: each is one coverage entry', async () => {
    const root = mkdtempSync(join(tmpdir(), 'palisade-iac-'));
    const DOCKER_FIX = 'fix the Dockerfile (`docker build --check` shows the details)';
    const HCL_FIX = 'fix the HCL (`terraform validate` shows the details)';
    // [file, contents, coverage entry ('parsed' or the error)]
    const cases: [string, string | Buffer, string][] = [
      ['a.dockerfile', 'FROM alpine\nRUN apk add \\\n', 'parsed'],
      [
        'b.dockerfile',
        `FROM alpine\nRUN echo ${'x'.repeat(20 * 1024 * 1024)}\n`,
        'b.dockerfile:1: 20 MB is too large for a Dockerfile; check the file',
      ],
      [
        'c.dockerfile',
        'FROM alpine\nRUN <<EOF\necho hi\n',
        `c.dockerfile:2: here-document EOF is not terminated; ${DOCKER_FIX}`,
      ],
      [
        'd.dockerfile',
        Buffer.from([0x1b, 0x5b, 0x32, 0x4a, 0x00, 0xff, 0x0a]),
        `d.dockerfile:1: unknown instruction '\\x1b[2J\\x00\ufffd'; ${DOCKER_FIX}`,
      ],
      ['e.dockerfile', `FROM alpine\nRUN ["a", ${'['.repeat(100_000)}\n`, 'parsed'],
      [
        'a.tf',
        'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n',
        `a.tf:1: invalid HCL (Unclosed configuration block); ${HCL_FIX}`,
      ],
      [
        'b.tf',
        `resource "a" "b" {\n${'block {\n'.repeat(50_000)}${'}\n'.repeat(50_000)}}\n`,
        `b.tf:257: HCL nested deeper than 256 brackets; ${HCL_FIX}`,
      ],
      [
        'c.tf',
        `resource "a" "b" { x = "${'x'.repeat(9 * 1024 * 1024)}" }\n`,
        'c.tf:1: 9 MB is too large for a Terraform file; split it',
      ],
      [
        'd.tf',
        Buffer.from('resource "x" {{{ ]] "\xff\n'),
        `d.tf:1: invalid HCL (Invalid multi-line string); ${HCL_FIX}`,
      ],
      [
        'e.tf',
        'resource "a" "b" {\n  x = <<EOT\nnever closed\n',
        `e.tf:4: invalid HCL (Unterminated template string); ${HCL_FIX}`,
      ],
      ['z.tf', 'resource "aws_ebs_volume" "v" {\n  encrypted = false\n}\n', 'parsed'],
    ];
    try {
      for (const [name, text] of cases) writeFileSync(join(root, name), text);
      const result = await scanIacDirectory(root);
      assert.deepEqual(
        result.files.map((f) => `${f.path}: ${f.error ?? f.status}`),
        cases.map(([name, , entry]) => `${name}: ${entry}`).sort(),
      );
      assert.ok(result.resources.some((r) => r.source.path === 'z.tf'));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
