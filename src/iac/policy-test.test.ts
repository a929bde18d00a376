// `palisade policy test` over Dockerfiles and Terraform: PolicyTest cases naming such files (or
// holding them inline) are parsed by the IaC inputs and judged as `scan --policy` judges them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runTestFiles } from '../policy/index.ts';
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
});
