import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadBuiltinSet, loadPolicies, mergeBundles } from '../policy/index.ts';
import { dockerfile } from './dockerfile.ts';
import { evaluateIacResources } from './evaluate.ts';
import { kubernetes } from './kubernetes.ts';
import type { IacResource } from './resource.ts';
import { terraform } from './terraform.ts';

// A policy a user writes for their own Terraform: selected by resource type, over the documented shape.
const TAGS_POLICY = `
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: require-cost-center
  annotations:
    palisade.dev/severity: low
    palisade.dev/remediation: add tags = { CostCenter = "…" }
spec:
  matchConstraints:
    resourceRules:
      - apiGroups: ["terraform.palisade.dev"]
        apiVersions: ["*"]
        operations: ["*"]
        resources: ["aws_s3_bucket", "aws_instance"]
  validations:
    - expression: "'CostCenter' in object.?tags.orValue({})"
      messageExpression: "request.kind.kind + ' ' + request.name + ' has no CostCenter tag'"
  auditAnnotations:
    - key: field
      valueExpression: "'tags' in object ? 'tags' : ''"
`;

const EXCEPTION = (expires: string) => `
apiVersion: palisade.dev/v1alpha1
kind: PolicyException
metadata: { name: public-site }
spec:
  policy: terraform-aws-s3-public-*
  match: { kinds: [aws_s3_bucket], names: [site] }
  owner: web-team@example.com
  reason: the marketing site is public by design
  expires: ${expires}
`;

const MAIN_TF = `resource "aws_s3_bucket" "site" {
  bucket = "site"
  acl    = "public-read"
  tags   = { Team = "web" }
}

resource "aws_instance" "app" {
  ami = "ami-1"
  tags = { CostCenter = "42" }
  metadata_options { http_tokens = "required" }
}
`;

async function resources(): Promise<IacResource[]> {
  return [
    ...(await terraform.parse('infra/main.tf', MAIN_TF)).resources,
    ...(await dockerfile.parse('Dockerfile', 'FROM alpine:3.19\nUSER app\n')).resources,
    ...(
      await kubernetes.parse(
        'k8s/pod.yaml',
        'apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  hostNetwork: true\n  containers: [{ name: c, image: nginx:1.27 }]\n',
      )
    ).resources,
  ];
}

describe('evaluateIacResources', () => {
  it('runs user policies over Terraform blocks selected by type, at the offending field', async () => {
    const bundle = loadPolicies([{ path: 'policies/tags.yaml', text: TAGS_POLICY }]);
    const evaluation = evaluateIacResources(await resources(), bundle);
    assert.deepEqual(
      evaluation.findings.map((f) => [
        f.ruleId,
        f.severity,
        `${f.location.path}:${f.location.line}`,
        f.location.resource,
        f.evidence,
        f.remediation?.text,
      ]),
      [
        [
          'require-cost-center',
          'low',
          'infra/main.tf:4',
          'aws_s3_bucket.site (infra/main.tf)',
          'aws_s3_bucket.site (infra/main.tf): aws_s3_bucket site has no CostCenter tag',
          'add tags = { CostCenter = "…" }',
        ],
      ],
    );
    assert.deepEqual(
      evaluation.decisions.map((d) => `${d.verdict} ${d.mode} ${d.subject}`),
      ['deny enforce aws_s3_bucket.site (infra/main.tf)', 'allow enforce aws_instance.app (infra/main.tf)'],
    );
  });

  it('applies exceptions (a suppressed finding, an allow) until they expire, then warns', async () => {
    const set = loadBuiltinSet('terraform-aws');
    const excepted = evaluateIacResources(
      await resources(),
      mergeBundles(set, loadPolicies([{ path: 'x.yaml', text: EXCEPTION('2099-12-31') }])),
    );
    const acl = excepted.findings.find((f) => f.ruleId === 'terraform-aws-s3-public-acl');
    assert.deepEqual(acl?.suppressed, {
      reason: 'the marketing site is public by design',
      by: 'PolicyException public-site (owner web-team@example.com, until 2099-12-31)',
    });
    assert.equal(
      excepted.decisions.find((d) => d.policy === 'terraform-aws-s3-public-acl')?.verdict,
      'allow',
    );
    assert.deepEqual(excepted.warnings, []);

    const expired = evaluateIacResources(
      await resources(),
      mergeBundles(set, loadPolicies([{ path: 'x.yaml', text: EXCEPTION('2020-01-31') }])),
    );
    assert.equal(
      expired.findings.find((f) => f.ruleId === 'terraform-aws-s3-public-acl')?.suppressed,
      undefined,
    );
    assert.equal(expired.decisions.find((d) => d.policy === 'terraform-aws-s3-public-acl')?.verdict, 'deny');
    assert.match(expired.warnings.join('\n'), /PolicyException 'public-site' .* expired on 2020-01-31/);
  });

  it('audit mode reports the same findings and denies nothing', async () => {
    const bundle = mergeBundles(
      loadBuiltinSet('terraform'),
      loadBuiltinSet('dockerfile'),
      loadBuiltinSet('pss-baseline'),
    );
    const enforced = evaluateIacResources(await resources(), bundle);
    const audited = evaluateIacResources(await resources(), bundle, { mode: 'audit' });
    assert.deepEqual(
      audited.findings.map((f) => f.id),
      enforced.findings.map((f) => f.id),
    );
    assert.ok(enforced.decisions.some((d) => d.verdict === 'deny'));
    assert.deepEqual([...new Set(audited.decisions.map((d) => `${d.verdict}/${d.mode}`))].sort(), [
      'allow/audit',
      'warn/audit',
    ]);
    // Each input only meets the policies written for it: Kubernetes objects the PSS, Terraform
    // blocks the Terraform set, the Dockerfile the Dockerfile set.
    const ruleIds = enforced.findings.map((f) => `${f.ruleId} ${f.location.path}:${f.location.line}`);
    assert.deepEqual(ruleIds, [
      'pss-baseline-host-namespaces k8s/pod.yaml:5',
      'terraform-aws-s3-public-acl infra/main.tf:3',
      'terraform-aws-s3-access-logging infra/main.tf:1',
    ]);
  });
});
