// docs/iac-shapes.md stays true: its table of built-in Dockerfile and Terraform policies is the
// shipped library, its example policies run as written, and both flag the fixtures as stated.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadBuiltinSet, loadPolicies, mergeBundles, type PolicyBundle } from '../policy/index.ts';
import { evaluateIacResources } from './evaluate.ts';
import { IAC_INPUTS } from './registry.ts';
import type { IacResource } from './resource.ts';

const here = import.meta.dirname;
const doc = readFileSync(join(here, '..', '..', 'docs', 'iac-shapes.md'), 'utf8');

function section(title: string): string {
  const start = doc.indexOf(`### ${title}`);
  assert.ok(start >= 0, `docs/iac-shapes.md has a '### ${title}' section`);
  const end = doc.indexOf('\n#', start + 4);
  return doc.slice(start, end < 0 ? undefined : end);
}

/** Rows of the built-in policy table: policy, resources, severity, mode, title. */
function tableRows(): string[][] {
  return section('Built-in policies')
    .split('\n')
    .filter((line) => /^\| [a-z]/.test(line) && !line.startsWith('| policy |'))
    .map((line) => line.slice(2, -2).split(' | '));
}

async function fixtureResources(): Promise<IacResource[]> {
  const resources: IacResource[] = [];
  for (const folder of ['dockerfile', 'terraform']) {
    for (const name of readdirSync(join(here, 'testdata', folder)).sort()) {
      const input = IAC_INPUTS.find((i) => i.matches(name));
      if (!input) continue;
      const result = await input.parse(name, readFileSync(join(here, 'testdata', folder, name), 'utf8'));
      resources.push(...result.resources);
    }
  }
  return resources;
}

/** What each policy flags among the fixtures, as `file:line` of the offending field. */
function flagged(resources: readonly IacResource[], bundle: PolicyBundle): Record<string, string[]> {
  const evaluation = evaluateIacResources(resources, bundle);
  assert.deepEqual(evaluation.errors, []);
  const out: Record<string, string[]> = Object.fromEntries(bundle.policies.map((p) => [p.name, []]));
  for (const f of evaluation.findings) out[f.ruleId]?.push(`${f.location.path}:${f.location.line}`);
  return out;
}

const BUILTIN_EXPECTED: Record<string, string[]> = {
  'dockerfile-root-user': ['Dockerfile.heredoc:22', 'Dockerfile.untagged:1', 'Dockerfile.windows:3'],
  'dockerfile-latest-base-image': ['Dockerfile.heredoc:2', 'Dockerfile.untagged:1'],
  'dockerfile-add-remote-url': ['Dockerfile.heredoc:19'],
  'dockerfile-secret-value': ['Dockerfile.multistage:17', 'Dockerfile.windows:5'],
  'dockerfile-secret-build-arg': ['Dockerfile.multistage:5', 'Dockerfile.windows:4'],
  'dockerfile-curl-pipe-shell': ['Dockerfile.heredoc:6'],
  'dockerfile-tls-verification-disabled': [],
  'dockerfile-ssh-port': [],
  'terraform-aws-s3-public-acl': ['aws.tf:27', 'tricky.tf:28'],
  'terraform-aws-s3-public-access-block': ['aws.tf:37'],
  'terraform-aws-s3-public-policy': [],
  'terraform-aws-iam-admin': ['aws.tf:92'],
  'terraform-aws-iam-service-wildcard': ['aws.tf:154'],
  'terraform-aws-open-admin-ports': ['aws.tf:56'],
  'terraform-aws-ebs-encryption': ['aws.tf:48', 'tricky.tf:38'],
  'terraform-aws-storage-encryption': [],
  'terraform-aws-database-public': [],
  'terraform-aws-ec2-imdsv2': ['tricky.tf:43'],
  'terraform-aws-cloudtrail-disabled': ['aws.tf:135'],
  'terraform-aws-cloudtrail-log-validation': ['aws.tf:138'],
  'terraform-aws-s3-access-logging': [],
  'terraform-gcp-storage-public': ['gcp.tf:14', 'gcp.tf:20'],
  'terraform-gcp-storage-uniform-access': ['gcp.tf:4'],
  'terraform-gcp-storage-logging': ['gcp.tf:1'],
  'terraform-gcp-firewall-open-admin-ports': ['gcp.tf:32'],
  'terraform-gcp-sql-public': [],
  'terraform-azure-storage-public-access': ['azure.tf:9'],
  'terraform-azure-storage-https-only': ['azure.tf:7'],
  'terraform-azure-storage-min-tls': ['azure.tf:8'],
  'terraform-azure-nsg-open-admin-ports': ['azure.tf:24'],
  'terraform-azure-database-open-firewall': [],
};

describe('docs/iac-shapes.md', async () => {
  const resources = await fixtureResources();
  const shipped = mergeBundles(loadBuiltinSet('dockerfile'), loadBuiltinSet('terraform'));

  it('lists every built-in Dockerfile and Terraform policy as shipped: resources, severity, mode, title', () => {
    const expected = shipped.policies.map((p) => {
      const annotations = p.document.metadata.annotations ?? {};
      const resources = (p.document.spec.matchConstraints?.resourceRules ?? []).flatMap(
        (r) => r.resources ?? [],
      );
      return [
        p.name,
        resources.map((r) => `\`${r}\``).join(', '),
        annotations['palisade.dev/severity'] ?? '',
        annotations['palisade.dev/mode'] ?? 'enforce',
        annotations['palisade.dev/title'] ?? '',
      ];
    });
    assert.deepEqual(tableRows(), expected);
  });

  it('the built-in policies flag exactly the misconfigured fixtures, at the field line', () => {
    assert.deepEqual(flagged(resources, shipped), BUILTIN_EXPECTED);
  });

  it('the example policies load and run as written', () => {
    const yaml = /```yaml\n([\s\S]*?)```/.exec(section('Writing one'))?.[1] ?? '';
    const examples = loadPolicies([{ path: 'docs/iac-shapes.md', text: yaml }]);
    assert.deepEqual(flagged(resources, examples), {
      'require-cost-center-tag': ['aws.tf:29', 'tricky.tf:31'],
      'base-images-from-our-registry': [
        'Dockerfile.heredoc:2',
        'Dockerfile.inherit:3',
        'Dockerfile.multistage:7',
        'Dockerfile.untagged:1',
        'Dockerfile.windows:3',
      ],
    });
  });
});
