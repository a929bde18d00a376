import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
// The policy engine (src/policy) wraps this library; until it is merged, the examples are checked
// against the library itself.
import { evaluate } from '@marcbachmann/cel-js';
import { IAC_INPUTS } from './registry.ts';
import type { IacResource } from './resource.ts';

const here = dirname(fileURLToPath(import.meta.url));
const doc = readFileSync(join(here, '..', '..', 'docs', 'iac-shapes.md'), 'utf8');

interface Example {
  id: string;
  input: string;
  kinds: string[];
  expression: string;
  field: string[];
}

/** The rows of the example table in docs/iac-shapes.md, `\|` unescaped. */
function examples(): Example[] {
  const section = doc.slice(doc.indexOf('## Example policies (CEL)'));
  const rows = section.split('\n').filter((line) => /^\| [A-Z]{2}-[A-Z0-9-]+ \|/.test(line));
  return rows.map((row) => {
    const cells = row
      .slice(2, -2)
      .split(/ (?<!\\)\| /)
      .map((cell) => cell.replaceAll('\\|', '|'));
    const [id, input, kinds, expression, field] = cells;
    const code = (text: string | undefined): string => (text ?? '').replace(/^`|`$/g, '');
    return {
      id: id ?? '',
      input: input ?? '',
      kinds: (kinds ?? '').split(', '),
      expression: code(expression),
      field: code(field).split('.'),
    };
  });
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

/** What each example flags among the fixtures: `file resource:line of the field`. */
const EXPECTED: Record<string, string[]> = {
  'DF-ROOT': ['Dockerfile.heredoc:22', 'Dockerfile.untagged:1', 'Dockerfile.windows:3'],
  'DF-LATEST': ['Dockerfile.heredoc:2', 'Dockerfile.untagged:1'],
  'DF-DIGEST': [
    'Dockerfile.heredoc:2',
    'Dockerfile.inherit:3',
    'Dockerfile.multistage:7',
    'Dockerfile.untagged:1',
    'Dockerfile.windows:3',
  ],
  'DF-ADD-URL': ['Dockerfile.heredoc:19'],
  'DF-SECRET': ['Dockerfile.multistage:5', 'Dockerfile.windows:4'],
  'DF-SECRET-ARG': ['Dockerfile.multistage:5', 'Dockerfile.windows:4'],
  'DF-CURL-SH': ['Dockerfile.heredoc:6'],
  'DF-HEALTHCHECK': [
    'Dockerfile.heredoc:2',
    'Dockerfile.inherit:12',
    'Dockerfile.multistage:23',
    'Dockerfile.untagged:1',
    'Dockerfile.windows:3',
  ],
  'TF-S3-ACL': ['aws.tf aws_s3_bucket.assets:27', 'tricky.tf aws_s3_bucket_acl.public:28'],
  'TF-S3-PAB': ['aws.tf aws_s3_bucket_public_access_block.assets:37'],
  'TF-EBS-ENC': ['aws.tf aws_ebs_volume.data:48'],
  'TF-EC2-ROOT-ENC': ['tricky.tf aws_instance.web:38'],
  'TF-SG-ADMIN': ['aws.tf aws_security_group.bastion:56'],
  'TF-IAM-STAR': ['aws.tf aws_iam_policy.admin:92', 'aws.tf aws_iam_role_policy.deploy:108'],
  'TF-IAM-DOC-STAR': ['aws.tf data.aws_iam_policy_document.bucket_admin:154'],
  'TF-TRAIL-LOG': ['aws.tf aws_cloudtrail.main:135'],
  'TF-GCS-PUBLIC': [
    'gcp.tf google_storage_bucket_iam_member.public_read:14',
    'gcp.tf google_storage_bucket_iam_binding.writers:17',
  ],
  'TF-GCS-UNIFORM': ['gcp.tf google_storage_bucket.public:4'],
  'TF-GCP-FW-ADMIN': ['gcp.tf google_compute_firewall.ssh:32'],
  'TF-AZ-HTTPS': ['azure.tf azurerm_storage_account.logs:7'],
  'TF-AZ-TLS': ['azure.tf azurerm_storage_account.logs:8'],
  'TF-AZ-NSG-ADMIN': ['azure.tf azurerm_network_security_rule.rdp:23'],
};

describe('docs/iac-shapes.md: example policies', async () => {
  const table = examples();
  const resources = await fixtureResources();

  it('lists every example the test expects, once', () => {
    assert.deepEqual(
      table.map((e) => e.id),
      Object.keys(EXPECTED),
    );
  });

  for (const example of table) {
    it(`${example.id} flags exactly the misconfigured fixtures, at the field's line`, () => {
      const flagged: string[] = [];
      for (const resource of resources.filter((r) => example.kinds.includes(r.kind))) {
        const verdict: unknown = evaluate(example.expression, { object: resource.object });
        assert.equal(typeof verdict, 'boolean', `${example.id} on ${resource.source.path}`);
        if (!verdict) continue;
        const label =
          resource.kind === 'Dockerfile'
            ? resource.name
            : `${resource.source.path} ${resource.kind}.${resource.name}`;
        flagged.push(`${label}:${resource.lineOf(example.field)}`);
      }
      assert.deepEqual(flagged, EXPECTED[example.id]);
    });
  }
});
