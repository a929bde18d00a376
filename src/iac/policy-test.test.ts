// `palisade policy test` over Dockerfiles and Terraform: PolicyTest cases naming such files (or
// holding them inline) are parsed by the IaC inputs and judged as `scan --policy` judges them.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { confinedReader, runTestFiles } from '../policy/index.ts';
import { iacCaseEvaluator } from './policy-test.ts';

const suites = join(import.meta.dirname, '..', 'policy', 'testdata', 'iac-tests');
const file = (path: string) => ({ path: join(suites, path), text: readFileSync(join(suites, path), 'utf8') });
const rel = (text: string) => text.replaceAll(`${suites}/`, '');

describe('policy test: Dockerfile and Terraform cases', () => {
  it('passes a suite of file and inline cases for an own Dockerfile policy, an own Terraform policy and a built-in one', async () => {
    const { report } = await runTestFiles([file('suite.yaml')], undefined, iacCaseEvaluator);
    assert.deepEqual(report.errors, []);
    assert.deepEqual(
      report.results.map((r) => `${r.status} ${r.case} | ${r.policy} on ${rel(r.resource)}: ${r.actual}`),
      [
        'pass build stage from Docker Hub, final stage as root | base-images-from-our-registry on fixtures/hub.Dockerfile: deny',
        'pass build stage from Docker Hub, final stage as root | dockerfile-root-user on fixtures/hub.Dockerfile: deny',
        'pass mirrored base image, non-root user | base-images-from-our-registry on fixtures/mirrored.Dockerfile: allow',
        'pass mirrored base image, non-root user | dockerfile-root-user on fixtures/mirrored.Dockerfile: allow',
        'pass one bucket without the tag (an audit-mode policy warns) | require-cost-center-tag on fixtures/untagged.tf: warn',
        'pass one bucket without the tag (an audit-mode policy warns) | base-images-from-our-registry on fixtures/untagged.tf: allow',
        'pass inline Terraform, tagged | require-cost-center-tag on main.tf: allow',
        'pass inline Dockerfile | base-images-from-our-registry on Dockerfile: deny',
        'pass inline Dockerfile | dockerfile-root-user on Dockerfile: deny',
      ],
    );
  });

  it('fails wrong expectations with the policy message, and reports unreadable files as errors at their case', async () => {
    const { report } = await runTestFiles([file('failing/suite.yaml')], undefined, iacCaseEvaluator);
    assert.deepEqual(
      report.results.map((r) => `${r.status} ${r.case}: ${r.message}`),
      [
        'fail expects the Docker Hub image to pass: expected allow, got deny: base images from other registries: node:22-alpine',
        'fail expects the untagged bucket to pass: expected allow, got warn: aws_s3_bucket.logs has no CostCenter tag',
      ],
    );
    assert.deepEqual(
      report.errors.map((e) => `${e.line} ${rel(e.message)}`),
      [
        '14 invalid HCL: failing/broken.tf:1: invalid HCL (Unclosed configuration block); fix the HCL (`terraform validate` shows the details)',
        '17 a Dockerfile without FROM: failing/Dockerfile:1: RUN before the first FROM; fix the Dockerfile (`docker build --check` shows the details)',
        '20 a file no input reads: failing/notes.txt: no IaC input reads this file name; call it Dockerfile, Containerfile, *.dockerfile or *.tf (Kubernetes resources are .yaml/.yml/.json)',
      ],
    );
  });

  it('without the IaC evaluator (the policy module alone), such a case is an error, never a pass', async () => {
    const { report } = await runTestFiles([file('suite.yaml')]);
    assert.equal(report.results.length, 0);
    assert.equal(report.errors.length, 5);
    assert.match(
      report.errors[0]?.message ?? '',
      /hub\.Dockerfile is not Kubernetes YAML, and no IaC evaluator was given/,
    );
  });

  it('hostile Dockerfile and Terraform cases are errors at their case, and the next cases still run', async () => {
    const root = mkdtempSync(join(tmpdir(), 'palisade-iac-suite-'));
    after(() => rmSync(root, { recursive: true, force: true }));
    writeFileSync(
      join(root, 'deep.tf'),
      `resource "a" "b" {\n${'block {\n'.repeat(50_000)}${'}\n'.repeat(50_000)}}\n`,
    );
    writeFileSync(join(root, 'esc.Dockerfile'), '\u001b]0;pwned\u0007\nFROM x\n');
    writeFileSync(join(root, 'ok.tf'), 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n');
    const suite = `apiVersion: palisade.dev/v1alpha1
kind: PolicyTest
metadata: { name: hostile }
spec:
  policies: [builtin:dockerfile, builtin:terraform]
  cases:
    - name: nested past the parser
      resource: deep.tf
      expect: { terraform-aws-s3-public-acl: allow }
    - name: escape sequences for instructions
      resource: esc.Dockerfile
      expect: { dockerfile-root-user: deny }
    - name: a bucket after all that
      resource: ok.tf
      expect: { terraform-aws-s3-public-acl: allow }
`;
    const { report } = await runTestFiles(
      [{ path: join(root, 'suite.yaml'), text: suite }],
      confinedReader([root]),
      iacCaseEvaluator,
    );
    assert.deepEqual(
      report.errors.map((e) => `${e.line} ${e.message.replaceAll(root, '<root>')}`),
      [
        '7 nested past the parser: <root>/deep.tf:257: HCL nested deeper than 256 brackets; fix the HCL (`terraform validate` shows the details)',
        "10 escape sequences for instructions: <root>/esc.Dockerfile:1: unknown instruction '\\x1b]0;PWNED\\x07'; fix the Dockerfile (`docker build --check` shows the details)",
      ],
    );
    assert.deepEqual(
      report.results.map((r) => `${r.status} ${r.case}: ${r.actual}`),
      ['pass a bucket after all that: allow'],
    );
    // A file outside the suite's root stops the suite, as a missing one does, before any reading.
    const outside = suite.replace('resource: ok.tf', 'resource: ../../../../../../etc/hosts');
    await assert.rejects(
      runTestFiles(
        [{ path: join(root, 'suite.yaml'), text: outside }],
        confinedReader([root]),
        iacCaseEvaluator,
      ),
      {
        message: `${root}/suite.yaml:14: cannot read /etc/hosts: it is outside ${root}; a test names only files inside its repository (copy the file next to the test)`,
      },
    );
  });
});
