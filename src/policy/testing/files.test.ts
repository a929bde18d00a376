import assert from 'node:assert/strict';
import {
  mkdirSync,
  mkdtempSync,
  realpathSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { confinedReader, testRoot } from './files.ts';
import { runTestFiles } from './formats.ts';

const dir = realpathSync(mkdtempSync(join(tmpdir(), 'palisade-suite-')));
const repo = join(dir, 'repo');
const outside = join(dir, 'outside.yaml');
after(() => rmSync(dir, { recursive: true, force: true }));

const GATOR = 'kind: Suite\napiVersion: test.gatekeeper.sh/v1alpha1\n';
const gator = (template: string, cases = '[]') =>
  `${GATOR}tests:\n- name: t\n  template: ${template}\n  constraint: c.yaml\n  cases: ${cases}\n`;
const kyverno = (policy: string) =>
  `apiVersion: cli.kyverno.io/v1alpha1\nkind: Test\npolicies:\n- ${policy}\nresources: []\nresults:\n- {policy: p, kind: Pod, resources: [a], result: pass}\n`;

mkdirSync(join(repo, 'suite'), { recursive: true });
writeFileSync(outside, 'secret: true\n');
writeFileSync(join(repo, 'shared.yaml'), 'kind: X\n');
writeFileSync(
  join(repo, 'suite', 'c.yaml'),
  'apiVersion: constraints.gatekeeper.sh/v1beta1\nkind: K8sX\nmetadata: {name: c}\n',
);
writeFileSync(join(repo, 'suite', 'binary.yaml'), Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x9c, 0x80]));
symlinkSync(outside, join(repo, 'suite', 'link-out.yaml'));
symlinkSync(join(repo, 'shared.yaml'), join(repo, 'suite', 'link-in.yaml'));
writeFileSync(join(repo, 'suite', 'huge.yaml'), '');
truncateSync(join(repo, 'suite', 'huge.yaml'), 17 * 1024 * 1024);

/** The one error `policy test` reports for a suite file, read through the CLI's confined reader. */
async function suiteError(name: string, text: string): Promise<string> {
  const path = join(repo, 'suite', name);
  const { report } = await runTestFiles([{ path, text }], confinedReader([testRoot(repo)]));
  assert.equal(report.results.length, 0);
  assert.equal(report.errors.length, 1);
  const [e] = report.errors;
  const line = `${e?.path}:${e?.line}: ${e?.message}`;
  assert.ok(!line.includes('\n'), line);
  return line.replaceAll(dir, '<tmp>');
}

describe('files a test suite names', () => {
  it('are read inside the repository, through symlinks that stay inside it', () => {
    const read = confinedReader([repo]);
    assert.equal(read(join(repo, 'suite', '..', 'shared.yaml')), 'kind: X\n');
    assert.equal(read(join(repo, 'suite', 'link-in.yaml')), 'kind: X\n');
  });

  it('the root is the git repository that holds the path, else the path itself', () => {
    assert.equal(testRoot(join(repo, 'suite')), join(repo, 'suite'));
    assert.equal(testRoot(join(repo, 'shared.yaml')), repo);
    mkdirSync(join(repo, '.git'), { recursive: true });
    try {
      assert.equal(testRoot(join(repo, 'suite')), repo);
    } finally {
      rmSync(join(repo, '.git'), { recursive: true });
    }
  });

  const OUTSIDE =
    'is outside <tmp>/repo; a test names only files inside its repository (copy the file next to the test)';
  const cases: [string, string, string, string][] = [
    [
      'a relative path escaping the repository',
      'suite.yaml',
      gator('../../outside.yaml'),
      `<tmp>/repo/suite/suite.yaml:5: t: cannot read <tmp>/outside.yaml: it ${OUTSIDE}`,
    ],
    [
      'an absolute path',
      'suite.yaml',
      gator('/etc/passwd'),
      `<tmp>/repo/suite/suite.yaml:5: t: cannot read /etc/passwd: it ${OUTSIDE}`,
    ],
    [
      'a symlink pointing outside',
      'suite.yaml',
      gator('link-out.yaml'),
      `<tmp>/repo/suite/suite.yaml:5: t: cannot read <tmp>/repo/suite/link-out.yaml: it ${OUTSIDE}`,
    ],
    [
      'a file larger than any fixture',
      'suite.yaml',
      gator('huge.yaml'),
      '<tmp>/repo/suite/suite.yaml:5: t: cannot read <tmp>/repo/suite/huge.yaml: it is larger than 16 MiB; a test fixture is far smaller (trim it)',
    ],
    [
      'a missing file',
      'suite.yaml',
      gator('missing.yaml'),
      '<tmp>/repo/suite/suite.yaml:5: t: cannot read <tmp>/repo/suite/missing.yaml: no such file (paths are relative to the test file)',
    ],
    [
      'kyverno: a policy outside the repository',
      'kyverno-test.yaml',
      kyverno('../../outside.yaml'),
      `<tmp>/repo/suite/kyverno-test.yaml:4: cannot read <tmp>/outside.yaml: it ${OUTSIDE}`,
    ],
    [
      'kyverno: wrong types',
      'kyverno-test.yaml',
      'policies: 5\nresources: x\nresults: "y"\n',
      '<tmp>/repo/suite/kyverno-test.yaml:1: kyverno Test: policies: Invalid input: expected array, received number',
    ],
    [
      'a template that is binary',
      'suite.yaml',
      gator('binary.yaml'),
      '<tmp>/repo/suite/suite.yaml:4: t: <tmp>/repo/suite/binary.yaml:1: ConstraintTemplate: Invalid input: expected object, received string',
    ],
  ];
  for (const [name, file, text, expected] of cases) {
    it(`are refused with one line naming the test and the file: ${name}`, async () => {
      assert.equal(await suiteError(file, text), expected);
    });
  }
});
