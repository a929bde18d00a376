// Misconfiguration findings as `scan --policy` makes them: real Terraform through the real input and
// the built-in AWS set, so the SARIF results carry what the policies actually say.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateIacResources } from '../iac/evaluate.ts';
import { terraform } from '../iac/terraform.ts';
import type { ScanResult } from '../model/index.ts';
import { loadBuiltinSet } from '../policy/index.ts';
import type { ReportContext } from './context.ts';
import { writeSarif } from './sarif.ts';
import { assertValidSarif } from './testing.ts';

const ingress = (port: number) => `
  ingress {
    from_port   = ${port}
    to_port     = ${port}
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }`;
const main = `resource "aws_security_group" "bastion" {${ingress(22)}
}

resource "aws_security_group" "windows" {${ingress(3389)}
}
`;

async function scanResult(text: string): Promise<ScanResult> {
  const { resources } = await terraform.parse('infra/main.tf', text);
  const evaluation = evaluateIacResources(resources, loadBuiltinSet('builtin:terraform-aws'));
  return {
    schemaVersion: 1,
    target: 'infra',
    components: [],
    findings: evaluation.findings.filter((f) => f.ruleId === 'terraform-aws-open-admin-ports'),
    decisions: evaluation.decisions,
    coverage: { files: [], unresolved: [] },
    projects: [],
  };
}
const context: ReportContext = { toolVersion: '0.1.0', reproducible: true, color: false, view: 'findings' };

describe('misconfiguration findings in SARIF', () => {
  it('each result says which resource and which port; the policy title and fix stay on the rule', async () => {
    const result = await scanResult(main);
    const sarif = JSON.parse(writeSarif(result, context));
    assertValidSarif(sarif);
    const run = sarif.runs[0];
    assert.equal(run.tool.driver.rules.length, 1);
    const [rule] = run.tool.driver.rules;
    assert.equal(rule.shortDescription.text, result.findings[0]?.title);
    assert.match(rule.help.text, /\nFix: restrict the source/);
    assert.deepEqual(
      run.results.map((r: { message: { text: string } }) => r.message.text),
      [
        'aws_security_group.bastion (infra/main.tf): open to the internet (0.0.0.0/0 or ::/0) on 22 (SSH).',
        'aws_security_group.windows (infra/main.tf): open to the internet (0.0.0.0/0 or ::/0) on 3389 (RDP).',
      ],
    );
    assert.deepEqual(
      run.results.map(
        (r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints['palisade/v1'],
      ),
      result.findings.map((f) => f.fingerprint),
    );
  });

  it('fingerprints follow the violation, not the line: moving the block keeps them', async () => {
    const before = await scanResult(main);
    const after = await scanResult(`# a comment\n\n${main}`);
    assert.notDeepEqual(
      after.findings.map((f) => f.location.line),
      before.findings.map((f) => f.location.line),
    );
    const fingerprints = (r: ScanResult) =>
      JSON.parse(writeSarif(r, context)).runs[0].results.map(
        (x: { partialFingerprints: Record<string, string> }) => x.partialFingerprints['palisade/v1'],
      );
    assert.deepEqual(fingerprints(after), fingerprints(before));
  });
});
