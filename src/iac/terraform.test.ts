// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${…} here is Terraform interpolation under test
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { IacParseResult, IacResource } from './resource.ts';
import { matchesTerraform, parseTerraform } from './terraform.ts';
import { assertInputErrorAsync } from './testing.ts';

const testdata = join(dirname(fileURLToPath(import.meta.url)), 'testdata', 'terraform');

function parseFixture(name: string): Promise<IacParseResult> {
  return parseTerraform(name, readFileSync(join(testdata, name), 'utf8'));
}

function find(result: IacParseResult, kind: string, name: string): IacResource {
  const resource = result.resources.find((r) => r.kind === kind && r.name === name);
  assert.ok(resource, `${kind}.${name}`);
  return resource;
}

describe('terraform: AWS', async () => {
  const result = await parseFixture('aws.tf');

  it('lists resources, data sources, module calls and variables at their block lines', () => {
    assert.deepEqual(
      result.resources.map((r) => `${r.source.line} ${r.kind}.${r.name}`),
      [
        '10 variable.environment',
        '16 variable.admin_cidr',
        '25 aws_s3_bucket.assets',
        '35 aws_s3_bucket_public_access_block.assets',
        '45 aws_ebs_volume.data',
        '51 aws_security_group.bastion',
        '89 aws_iam_policy.admin',
        '104 aws_iam_role_policy.deploy',
        '122 data.aws_iam_policy_document.assume',
        '132 aws_cloudtrail.main',
        '141 module.vpc',
        '153 data.aws_iam_policy_document.bucket_admin',
      ],
    );
    assert.ok(result.resources.every((r) => r.source.path === 'aws.tf'));
  });

  it('gives attributes as values and interpolations as ${…} strings', () => {
    assert.deepEqual(find(result, 'aws_s3_bucket', 'assets').object, {
      bucket: '${local.name_prefix}-assets',
      acl: 'public-read',
      tags: { Name: 'assets', Environment: '${var.environment}' },
    });
    assert.deepEqual(find(result, 'aws_ebs_volume', 'data').object, {
      availability_zone: 'us-east-1a',
      size: 100,
      encrypted: false,
    });
    assert.deepEqual(find(result, 'variable', 'environment').object, {
      type: '${string}',
      description: 'Deployment stage, e.g. "prod" or "staging" { not a block }',
      default: 'staging',
    });
    assert.deepEqual(find(result, 'module', 'vpc').object, {
      source: 'terraform-aws-modules/vpc/aws',
      version: '5.8.1',
      name: '${local.name_prefix}-vpc',
      cidr: '10.0.0.0/16',
    });
  });

  it('gives repeated nested blocks as arrays, with the line of each field', () => {
    const group = find(result, 'aws_security_group', 'bastion');
    const { ingress } = group.object as { ingress: Array<Record<string, unknown>> };
    assert.deepEqual(
      ingress.map((rule) => [rule.from_port, rule.cidr_blocks]),
      [
        [22, ['0.0.0.0/0']],
        [3389, ['0.0.0.0/0']],
        [443, ['${var.admin_cidr}']],
      ],
    );
    const cases: Array<[string[], number]> = [
      [['ingress', '0', 'cidr_blocks'], 61],
      [['ingress', '0', 'cidr_blocks', '0'], 61],
      [['ingress', '1', 'from_port'], 66],
      [['ingress', '1', 'ipv6_cidr_blocks'], 70],
      [['ingress', '2'], 73],
      [['egress', '0', 'cidr_blocks'], 85],
      [['ingress', '2', 'self'], 73],
      [['revoke_rules_on_delete'], 51],
      [[], 51],
    ];
    assert.deepEqual(
      cases.map(([path]) => group.lineOf(path)),
      cases.map(([, line]) => line),
    );
    assert.equal(find(result, 'aws_s3_bucket', 'assets').lineOf(['acl']), 27);
    assert.equal(find(result, 'aws_ebs_volume', 'data').lineOf(['encrypted']), 48);
    assert.equal(find(result, 'aws_cloudtrail', 'main').lineOf(['enable_logging']), 135);
  });

  it('decodes IAM policies from jsonencode() and heredoc JSON, pointing at the attribute', () => {
    const admin = find(result, 'aws_iam_policy', 'admin');
    const object = admin.object as Record<string, unknown>;
    assert.match(String(object.policy), /^\$\{jsonencode\(\{/);
    assert.deepEqual(object._decoded, {
      policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
    });
    assert.equal(admin.lineOf(['_decoded', 'policy', 'Statement', '0', 'Action']), 92);
    const deploy = find(result, 'aws_iam_role_policy', 'deploy');
    assert.deepEqual((deploy.object as Record<string, unknown>)._decoded, {
      policy: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: ['s3:*', 'iam:PassRole'],
            Resource: 'arn:aws:s3:::${aws_s3_bucket.assets.bucket}/*',
          },
        ],
      },
    });
    assert.equal(deploy.lineOf(['_decoded', 'policy']), 108);
  });

  it('reads data sources with their nested blocks', () => {
    const document = find(result, 'data.aws_iam_policy_document', 'assume');
    assert.deepEqual(document.object, {
      statement: [
        {
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'Service', identifiers: ['ec2.amazonaws.com'] }],
        },
      ],
    });
    assert.equal(document.lineOf(['statement', '0', 'principals', '0', 'identifiers']), 127);
    assert.equal(document.lineOf(['statement', '0', 'actions']), 124);
  });
});

describe('terraform: GCP and Azure', async () => {
  const gcp = await parseFixture('gcp.tf');
  const azure = await parseFixture('azure.tf');

  it('reads public bucket bindings and open firewalls', () => {
    assert.deepEqual(
      gcp.resources.map((r) => `${r.source.line} ${r.kind}.${r.name}`),
      [
        '1 google_storage_bucket.public',
        '11 google_storage_bucket_iam_member.public_read',
        '17 google_storage_bucket_iam_binding.writers',
        '23 google_compute_firewall.ssh',
      ],
    );
    assert.equal(
      (find(gcp, 'google_storage_bucket_iam_member', 'public_read').object as Record<string, unknown>).member,
      'allUsers',
    );
    assert.equal(find(gcp, 'google_storage_bucket_iam_member', 'public_read').lineOf(['member']), 14);
    assert.equal(find(gcp, 'google_storage_bucket', 'public').lineOf(['uniform_bucket_level_access']), 4);
    const firewall = find(gcp, 'google_compute_firewall', 'ssh');
    assert.deepEqual((firewall.object as Record<string, unknown>).allow, [
      { protocol: 'tcp', ports: ['22', '3389'] },
    ]);
    assert.equal(firewall.lineOf(['allow', '0', 'ports']), 29);
    assert.equal(firewall.lineOf(['source_ranges']), 32);
  });

  it('reads storage accounts that allow plain HTTP', () => {
    const account = find(azure, 'azurerm_storage_account', 'logs');
    const object = account.object as Record<string, unknown>;
    assert.equal(object.https_traffic_only_enabled, false);
    assert.deepEqual(object.network_rules, [{ default_action: 'Allow' }]);
    assert.equal(account.lineOf(['https_traffic_only_enabled']), 7);
    assert.equal(account.lineOf(['network_rules', '0', 'default_action']), 12);
    assert.equal(find(azure, 'azurerm_network_security_rule', 'rdp').lineOf(['source_address_prefix']), 24);
  });
});

describe('terraform: syntax a line scanner must not be fooled by', async () => {
  const result = await parseFixture('tricky.tf');

  it('skips blocks in comments and heredocs, braces in templates', () => {
    assert.deepEqual(
      result.resources.map((r) => `${r.source.line} ${r.kind}.${r.name}`),
      ['2 aws_security_group.dynamic', '28 aws_s3_bucket_acl.public', '31 aws_instance.web'],
    );
  });

  it('gives labelled nested blocks under their labels, as hcl2json does', () => {
    const group = find(result, 'aws_security_group', 'dynamic');
    const object = group.object as Record<string, unknown>;
    assert.deepEqual(object.dynamic, {
      ingress: [
        {
          for_each: '${var.open_ports}',
          content: [
            { from_port: '${ingress.value}', to_port: '${ingress.value}', cidr_blocks: ['0.0.0.0/0'] },
          ],
        },
      ],
    });
    assert.deepEqual(object.provisioner, {
      'local-exec': [{ command: 'echo ${self.id} > id.txt' }, { command: 'echo second' }],
    });
    assert.equal(object.description, 'resource "aws_s3_bucket" "in_a_heredoc" {\n  }\n');
    const cases: Array<[string[], number]> = [
      [['name'], 3],
      [['description'], 5],
      [['dynamic', 'ingress', '0'], 10],
      [['dynamic', 'ingress', '0', 'content', '0', 'cidr_blocks'], 15],
      [['provisioner', 'local-exec', '1', 'command'], 23],
      [['tags', 'Team'], 25],
    ];
    assert.deepEqual(
      cases.map(([path]) => group.lineOf(path)),
      cases.map(([, line]) => line),
    );
  });

  it('reads one-line block bodies and multi-line function calls', () => {
    const acl = find(result, 'aws_s3_bucket_acl', 'public');
    assert.deepEqual(acl.object, { acl: 'public-read-write' });
    assert.equal(acl.lineOf(['acl']), 28);
    const instance = find(result, 'aws_instance', 'web');
    assert.equal(instance.lineOf(['root_block_device', '0', 'encrypted']), 39);
    assert.equal(instance.lineOf(['metadata_options', '0', 'http_tokens']), 43);
    assert.equal(instance.lineOf(['user_data']), 34);
    assert.equal(
      (instance.object as Record<string, unknown>).instance_type,
      '${var.large ? "m5.xlarge" : "t3.micro"}',
    );
  });
});

describe('terraform: file names', () => {
  it('matches .tf files only', () => {
    assert.deepEqual(
      ['main.tf', 'infra/modules/vpc/variables.tf', 'main.tf.json', 'terraform.tfvars', 'main.tfstate'].map(
        matchesTerraform,
      ),
      [true, true, false, false, false],
    );
  });
});

describe('terraform: malformed and hostile input', () => {
  const cases: Array<[string, string, string]> = [
    [
      'main.tf',
      'resource "aws_s3_bucket" "a" {\n  bucket = "x"\n',
      'main.tf:1: invalid HCL (Unclosed configuration block)',
    ],
    [
      'main.tf',
      'resource "aws_s3_bucket" "a" {\n  bucket = \n}\n',
      'main.tf:2: invalid HCL (Invalid expression)',
    ],
    [
      'infra/main.tf',
      'resource "a" "b" {\n  x = 1\n  x = 2\n}\n',
      'infra/main.tf:3: invalid HCL (Attribute redefined)',
    ],
    [
      'main.tf',
      `${'a {\n'.repeat(3000)}${'}\n'.repeat(3000)}`,
      'main.tf:257: HCL nested deeper than 256 brackets; fix the HCL (`terraform validate` shows the details)',
    ],
    [
      'main.tf',
      `x = ${'[('.repeat(200)}`,
      'main.tf:1: HCL nested deeper than 256 brackets; fix the HCL (`terraform validate` shows the details)',
    ],
    ['main.tf', 'x'.repeat(9 * 1024 * 1024), 'main.tf:1: 9 MB is too large for a Terraform file'],
  ];
  for (const [path, text, expected] of cases) {
    it(expected, async () => {
      const error = await assertInputErrorAsync(() => parseTerraform(path, text), path);
      assert.ok(error.message.startsWith(expected), error.message);
    });
  }

  it('keeps parsing after a file nested deep enough to overflow the Go parser', async () => {
    // Overflowing the parser's stack left the Go runtime broken: the next file aborted the process.
    const deep = `resource "a" "b" {\n${'block {\n'.repeat(50_000)}${'}\n'.repeat(50_000)}}\n`;
    await assertInputErrorAsync(() => parseTerraform('deep.tf', deep), 'deep.tf');
    const next = await parseTerraform('next.tf', 'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n');
    assert.deepEqual(
      next.resources.map((r) => r.api?.subject),
      ['aws_s3_bucket.b (next.tf)'],
    );
  });

  it('survives truncations and garbage of every fixture', async () => {
    for (const name of ['aws.tf', 'gcp.tf', 'azure.tf', 'tricky.tf']) {
      const text = readFileSync(join(testdata, name), 'utf8');
      for (const cut of [1, Math.floor(text.length / 3), Math.floor(text.length / 2), text.length - 1]) {
        await assertHandled(name, text.slice(0, cut));
      }
    }
    await assertHandled('garbage.tf', '\u0000\u0001\uFFFD\u00ff'.repeat(1000));
    await assertHandled('brackets.tf', `x = ${'['.repeat(100_000)}`);
    await assertHandled('jsonish.tf', '{"a":'.repeat(10_000));
    await assertHandled('templates.tf', `x = "${'${"'.repeat(10_000)}"\n`);
  });
});

async function assertHandled(path: string, text: string): Promise<void> {
  try {
    const result = await parseTerraform(path, text);
    assert.ok(Array.isArray(result.resources));
  } catch (error) {
    await assertInputErrorAsync(async () => {
      throw error;
    }, path);
  }
}
