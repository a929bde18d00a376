// End-to-end: the real CLI in a child process, as users and CI run it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, it } from 'node:test';
import { startFixtureServer } from '../testing/fixture-server.ts';
import { assertOneLineError, example, palisade, palisadeAsync, type Run, root, tree } from './testing.ts';

describe('palisade inventory', () => {
  it('inventories the bundled example as the public JSON contract', () => {
    const run = palisade(['inventory', example, '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    const json = JSON.parse(run.stdout);
    assert.equal(json.schemaVersion, 1);
    assert.deepEqual(Object.keys(json).slice(0, 6), [
      'schemaVersion',
      'target',
      'components',
      'findings',
      'decisions',
      'coverage',
    ]);
    const has = (ecosystem: string, name: string, version: string) =>
      json.components.some(
        (c: { ecosystem: string; name: string; version: string }) =>
          c.ecosystem === ecosystem && c.name === name && c.version === version,
      );
    assert.ok(has('npm', 'lodash', '4.17.15'));
    assert.ok(has('npm', 'qs', '6.7.0'), 'transitive npm dependency');
    assert.ok(has('PyPI', 'Django', '3.2.0'));
    assert.ok(has('Go', 'github.com/gin-gonic/gin', 'v1.6.0'));
    const lodash = json.components.find((c: { name: string }) => c.name === 'lodash');
    assert.deepEqual(Object.keys(lodash).slice(0, 8), [
      'purl',
      'ecosystem',
      'name',
      'version',
      'scope',
      'direct',
      'licenses',
      'location',
    ]);
    assert.equal(lodash.purl, 'pkg:npm/lodash@4.17.15');
    assert.deepEqual(
      json.coverage.files.map((f: { path: string; status: string }) => `${f.path}:${f.status}`),
      [
        'api/requirements-dev.txt:parsed',
        'api/requirements.txt:parsed',
        'web/package-lock.json:parsed',
        'worker/go.mod:parsed',
      ],
    );
    assert.ok(
      json.coverage.unresolved.length === 0 ||
        json.coverage.unresolved.every((u: { reason: string }) => u.reason.length > 0),
    );
  });

  it('reports a corrupt lockfile as failed and still inventories the rest', () => {
    const dir = tree({
      'a/go.mod': 'module x\n\nrequire github.com/pkg/errors v0.9.1\n',
      'b/package-lock.json': '{"lockfileVersion": 3, "packages": {',
    });
    const run = palisade(['inventory', dir]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /github\.com\/pkg\/errors\s+v0\.9\.1/);
    assert.match(run.stdout, /Coverage: 2 files found, 1 parsed, 1 failed/);
    assert.match(run.stdout, /failed {2}b\/package-lock\.json:1: /);
  });

  it('exits 2 when no file could be read', () => {
    const dir = tree({
      'package-lock.json': '{"lockfileVersion": 3, "packages": {',
      'go.mod': 'require (\n',
    });
    const run = palisade(['inventory', dir, '--format', 'json']);
    assert.equal(run.code, 2);
    assert.equal(
      JSON.parse(run.stdout).coverage.files.filter((f: { status: string }) => f.status === 'failed').length,
      2,
    );
  });

  it('names the file and line of a palisade.yaml mistake, exit 2, nothing on stdout', () => {
    const dir = tree({ 'palisade.yaml': 'exclude: []\nexlcude: [x]\n', 'go.mod': 'module x\n' });
    assertOneLineError(palisade(['inventory', dir]), /^palisade: .*palisade\.yaml:2: unknown key 'exlcude'$/);
  });

  it('refuses bad flags and unknown commands with exit 2', () => {
    assertOneLineError(
      palisade(['inventory', example, '--format', 'sarif']),
      /--format sarif does not apply here; use one of table, json/,
    );
    assertOneLineError(palisade(['inventory', '/nonexistent/dir']), /\/nonexistent\/dir: no such directory/);
    assert.equal(palisade(['frobnicate']).code, 2);
  });

  it('writes --output whole or not at all', () => {
    const out = mkdtempSync(join(tmpdir(), 'palisade-out-'));
    const good = palisade(['inventory', example, '--format', 'json', '--output', join(out, 'inv.json')]);
    assert.equal(good.code, 0);
    assert.equal(good.stdout, '');
    assert.equal(JSON.parse(readText(join(out, 'inv.json'))).schemaVersion, 1);
    assertOneLineError(
      palisade(['inventory', example, '--output', join(out, 'missing/dir/inv.txt')]),
      /cannot write the report/,
    );
    assert.deepEqual(readdirSync(out), ['inv.json'], 'no temporary file left behind');
  });
});

describe('palisade sbom', () => {
  it('writes identical reproducible SBOMs in each format', () => {
    for (const format of ['cyclonedx', 'cyclonedx-xml', 'spdx']) {
      const a = palisade(['sbom', example, '--format', format, '--reproducible']);
      const b = palisade(['sbom', example, '--format', format, '--reproducible']);
      assert.equal(a.code, 0, a.stderr);
      assert.equal(a.stdout, b.stdout, format);
      assert.match(a.stdout, /lodash/);
    }
  });
});

describe('palisade db update from mirrors', () => {
  it('downloads OSV exports, EPSS and KEV through the real code, then scans offline with exact findings', async () => {
    const advisories = join(root, 'src/advisories/testdata');
    const server = await startFixtureServer([
      { path: '/osv/Go/all.zip', body: readFileSync(join(advisories, 'osv/Go-all.zip')) },
      { path: '/osv/PyPI/all.zip', body: readFileSync(join(advisories, 'osv/PyPI-all.zip')) },
      { path: '/epss.csv.gz', body: readFileSync(join(advisories, 'epss_scores-sample.csv.gz')) },
      { path: '/kev.json', body: readFileSync(join(advisories, 'known_exploited_vulnerabilities.json')) },
    ]);
    const env = {
      PALISADE_CACHE_DIR: mkdtempSync(join(tmpdir(), 'palisade-cache-')),
      PALISADE_OSV_EXPORT_URL: `${server.url}/osv`,
      PALISADE_EPSS_URL: `${server.url}/epss.csv.gz`,
      PALISADE_KEV_URL: `${server.url}/kev.json`,
    };
    const update = await palisadeAsync(['db', 'update', '--ecosystem', 'Go,PyPI', '--format', 'json'], env);
    await server.close();
    assert.equal(update.code, 0, update.stderr);
    assert.deepEqual(server.unused(), []);
    const manifest = JSON.parse(update.stdout);
    assert.equal(manifest.ecosystems.Go.count, 4291);
    assert.equal(manifest.ecosystems.PyPI.count, 2661);
    // Known-affected and known-fixed pins of real packages: exactly the expected findings.
    const project = tree({
      'requirements.txt': 'PyYAML==5.3\nrequests==2.32.3\n',
      'fixed/requirements.txt': 'PyYAML==5.4\n',
      'go.mod':
        'module example.com/x\n\ngo 1.22\n\nrequire (\n\tgolang.org/x/text v0.3.7\n\tgolang.org/x/text/v2 v2.0.0\n)\n',
    });
    const scan = await palisadeAsync(['scan', project, '--offline', '--format', 'json'], env);
    assert.equal(scan.code, 0, scan.stderr);
    const found = JSON.parse(scan.stdout)
      .findings.map(
        (f: { ruleId: string; component: { name: string; version: string } }) =>
          `${f.component.name}@${f.component.version} ${f.ruleId}`,
      )
      .sort();
    assert.deepEqual(found, [
      'PyYAML@5.3 PYSEC-2020-96',
      'PyYAML@5.3 PYSEC-2021-142',
      'golang.org/x/text@v0.3.7 GO-2022-1059',
      'golang.org/x/text@v0.3.7 GO-2026-5970',
    ]);
  });
});

describe('palisade db and scan', () => {
  it('imports the bundled advisories and finds the example vulnerabilities offline, with fixes', () => {
    const cache = mkdtempSync(join(tmpdir(), 'palisade-cache-'));
    const env = { PALISADE_CACHE_DIR: cache };
    const imported = palisade(['db', 'import', join(example, 'advisories')], env);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /npm\s+\d+/);
    const run = palisade(['scan', example, '--offline', '--format', 'json'], env);
    assert.equal(run.code, 0, run.stderr);
    const { findings } = JSON.parse(run.stdout);
    const lodash = findings.find(
      (f: { ruleId: string; component?: { name: string } }) =>
        f.component?.name === 'lodash' && f.ruleId === 'GHSA-35jh-r3h4-6jhm',
    );
    assert.ok(lodash, 'lodash command injection found');
    assert.equal(lodash.remediation.fixedVersion, '4.17.21');
    assert.equal(lodash.location.path, 'web/package-lock.json');
    assert.ok(lodash.advisory.ids.includes('CVE-2021-23337'));
    const xnet = findings.find((f: { ruleId: string }) => f.ruleId === 'GO-2023-2102');
    assert.ok(xnet?.advisory.kev, 'HTTP/2 rapid reset in golang.org/x/net carries its KEV entry');
    assert.ok(findings.some((f: { component?: { ecosystem: string } }) => f.component?.ecosystem === 'PyPI'));
    const gate = palisade(['scan', example, '--offline', '--fail-on', 'high', '--quiet'], env);
    assert.equal(gate.code, 1);
    assert.match(gate.stdout, /critical|high/);
  });

  it('refuses to scan offline without a database', () => {
    assertOneLineError(
      palisade(['scan', example, '--offline']),
      /no local advisory database and --offline forbids the OSV API/,
    );
  });
});

function readText(path: string): string {
  assert.ok(existsSync(path));
  return readFileSync(path, 'utf8');
}

describe('palisade policy', () => {
  it('lints with file:line and fails on a broken expression', () => {
    const dir = tree({
      'policies/bad.yaml': [
        'apiVersion: admissionregistration.k8s.io/v1',
        'kind: ValidatingAdmissionPolicy',
        'metadata:',
        '  name: broken',
        'spec:',
        '  matchConstraints:',
        '    resourceRules:',
        '      - apiGroups: [""]',
        '        apiVersions: [v1]',
        '        operations: [CREATE]',
        '        resources: [pods]',
        '  validations:',
        '    - expression: "object.spec.containers.all(c, c.image.endsWith(:latest))"',
        '',
      ].join('\n'),
    });
    const run = palisade(['policy', 'lint', join(dir, 'policies')]);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /error: .*policies\/bad\.yaml:13: /);
    assert.equal(palisade(['policy', 'lint', join(root, 'src/policy/library')]).code, 0);
  });

  it('runs policy tests and exits 1 when an expectation fails, with JUnit output for CI', () => {
    const run = palisade(['policy', 'test', join(root, 'src/policy/testdata/tests')]);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /^7 passed, 3 failed, 0 skipped$/m);
    const junit = palisade(['policy', 'test', join(root, 'src/policy/testdata/tests'), '--format', 'junit']);
    assert.match(
      junit.stdout,
      /<testsuites name="palisade policy test" tests="11" failures="3" errors="1" skipped="0"/,
    );
  });

  it('runs PolicyTest cases over Dockerfiles and Terraform, through the IaC inputs', () => {
    const run = palisade(['policy', 'test', join(root, 'src/policy/testdata/iac-tests/suite.yaml')]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^9 passed, 0 failed, 0 skipped$/m);
    const failing = palisade(['policy', 'test', join(root, 'src/policy/testdata/iac-tests/failing')]);
    assert.equal(failing.code, 1);
    assert.match(failing.stdout, /^error .*failing\/suite\.yaml:14: invalid HCL: /m);
  });

  it('runs gator suites and kyverno-test.yaml files too, skipping what it cannot run, with SARIF for CI', () => {
    const testdata = join(root, 'src/policy/testing/testdata');
    const run = palisade(['policy', 'test', join(testdata, 'gatekeeper'), join(testdata, 'kyverno')]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^17 passed, 0 failed, 2 skipped$/m);
    assert.match(run.stdout, /^skip {2}host-namespace .*has Rego code only; Palisade runs the CEL/m);
    assert.match(run.stdout, /^skip {2}legacy-shape .*uses validate\.pattern/m);
    const failing = palisade(['policy', 'test', join(testdata, 'failing'), '--format', 'sarif']);
    assert.equal(failing.code, 1, failing.stderr);
    const [sarifRun] = JSON.parse(failing.stdout).runs;
    assert.equal(sarifRun.results.filter((r: { kind: string }) => r.kind === 'fail').length, 7);
    assert.equal(sarifRun.invocations[0].executionSuccessful, false);
    assertOneLineError(
      palisade(['policy', 'test', join(testdata, 'gatekeeper'), '--format', 'cyclonedx']),
      /--format cyclonedx does not apply here; use one of table, json, junit, sarif/,
    );
  });

  it('exports built-in sets as native ValidatingAdmissionPolicy and Binding manifests', () => {
    const run = palisade(['policy', 'export', 'builtin:pss-restricted', '--mode', 'audit']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /kind: ValidatingAdmissionPolicyBinding/);
    assert.match(run.stdout, /validationActions:\n\s+- Warn\n\s+- Audit/);
    assertOneLineError(palisade(['policy', 'export', 'builtin:nope']), /unknown built-in policy set 'nope'/);
  });
});

/**
 * A stand-in for helm or kubectl on a PATH of its own: a shell script, run through the real
 * execFile path, that records its arguments and prints output the real tool printed for the fixture.
 */
function fakeTool(
  name: string,
  outputFile: string,
): { env: Record<string, string>; dir: string; args: () => string[] } {
  const dir = mkdtempSync(join(tmpdir(), `palisade-${name}-`));
  writeFileSync(join(dir, name), `#!/bin/sh\nprintf '%s\\n' "$@" > "${dir}/args"\ncat "${outputFile}"\n`);
  chmodSync(join(dir, name), 0o755);
  return {
    env: { PATH: [dir, '/usr/bin', '/bin'].join(delimiter) },
    dir,
    args: () => readFileSync(join(dir, 'args'), 'utf8').trimEnd().split('\n'),
  };
}

describe('palisade policy eval', () => {
  const iac = join(root, 'src/cli/testdata');
  const findingsOf = (run: Run) =>
    JSON.parse(run.stdout)
      .findings.map(
        (f: { ruleId: string; location: { path: string; line: number } }) =>
          `${f.ruleId} ${f.location.path}:${f.location.line}`,
      )
      .sort();

  it('writes JUnit whose failures are the denials (enforce) and none in audit mode', () => {
    const rendered = readFileSync(join(iac, 'charts/web.rendered.yaml'), 'utf8');
    const args = ['policy', 'eval', '--policy', 'builtin:pss-restricted', '--format', 'junit', '-'];
    const failures = (xml: string) =>
      [...xml.matchAll(/<testcase name="(pss-[\w-]+) [^"]*"[^>]*>\s*<failure/g)].map((m) => m[1]).sort();
    const enforced = palisade(args, {}, { input: rendered });
    assert.equal(enforced.code, 1, enforced.stderr);
    assert.deepEqual(failures(enforced.stdout), [
      'pss-restricted-capabilities',
      'pss-restricted-privilege-escalation',
      'pss-restricted-run-as-non-root',
      'pss-restricted-seccomp',
    ]);
    const audited = palisade([...args, '--mode', 'audit'], {}, { input: rendered });
    assert.equal(audited.code, 0, audited.stderr);
    assert.deepEqual(failures(audited.stdout), []);
    assert.equal(
      audited.stdout.match(/<testcase /g)?.length,
      4,
      'the violations are still listed, as passing',
    );
  });

  it('evaluates rendered manifests piped on stdin: enforce denies with exit 1, --mode audit warns with 0', () => {
    const rendered = readFileSync(join(iac, 'charts/web.rendered.yaml'), 'utf8');
    const run = palisade(
      ['policy', 'eval', '--policy', 'builtin:pss-restricted', '--format', 'json', '-'],
      {},
      { input: rendered },
    );
    assert.equal(run.code, 1, run.stderr);
    const json = JSON.parse(run.stdout);
    assert.equal(json.schemaVersion, 1);
    assert.deepEqual(json.coverage.files, [{ path: '(stdin)', type: 'iac/kubernetes', status: 'parsed' }]);
    assert.deepEqual(findingsOf(run), [
      'pss-restricted-capabilities (stdin):16',
      'pss-restricted-privilege-escalation (stdin):16',
      'pss-restricted-run-as-non-root (stdin):16',
      'pss-restricted-seccomp (stdin):16',
    ]);
    const audit = palisade(
      ['policy', 'eval', '--policy', 'builtin:pss-restricted', '--mode', 'audit', '-'],
      {},
      { input: rendered },
    );
    assert.equal(audit.code, 0, audit.stderr);
    assert.match(
      audit.stdout,
      /warn {2}pss-restricted-seccomp \(audit\) on Deployment default\/release-name-web/,
    );
    assertOneLineError(
      palisade(['policy', 'eval', '-'], {}, { input: rendered }),
      /name the policies with --policy/,
    );
  });

  it('refuses hostile stdin with exit 2 and one line: empty, binary, not manifests, over 16 MB', () => {
    const args = ['policy', 'eval', '--policy', 'builtin:pss-baseline', '-'];
    const PIPE = 'pipe rendered manifests, e\\.g\\. helm template \\. \\| palisade policy eval -';
    const cases: [string, RegExp][] = [
      ['', new RegExp(`^palisade: \\(stdin\\): empty; ${PIPE}$`)],
      ['title: notes\n', new RegExp(`^palisade: \\(stdin\\): nothing to evaluate: .*; ${PIPE}$`)],
      ['\u0000\u001b[2J', /^palisade: \(stdin\): nothing to evaluate: /],
      [`x: ${'y'.repeat(17 * 1024 * 1024)}\n`, /^palisade: \(stdin\): more than 16 MB; split it$/],
    ];
    for (const [input, pattern] of cases) assertOneLineError(palisade(args, {}, { input }), pattern);
  });

  it('a YAML file too large for a policy or test is refused before it is read (1 GB was an internal error)', () => {
    const dir = tree({});
    writeFileSync(join(dir, 'huge.yaml'), '');
    truncateSync(join(dir, 'huge.yaml'), 1024 * 1024 * 1024);
    for (const command of ['test', 'lint']) {
      assertOneLineError(
        palisade(['policy', command, dir]),
        /^palisade: \S+huge\.yaml: 1024 MiB is larger than a policy or test file can be \(16 MiB\); move it out of the folder or split it$/,
      );
    }
  });

  it('policy test reads no file outside the repository a suite is in', () => {
    const dir = tree({
      'suite/suite.yaml':
        'kind: Suite\napiVersion: test.gatekeeper.sh/v1alpha1\ntests:\n- name: t\n  template: ../../../../../../../etc/passwd\n  constraint: c.yaml\n  cases: []\n',
      'suite/c.yaml': 'apiVersion: constraints.gatekeeper.sh/v1beta1\nkind: K8sX\nmetadata: {name: c}\n',
    });
    const run = palisade(['policy', 'test', join(dir, 'suite')]);
    assert.equal(run.code, 1, run.stderr);
    assert.equal(
      run.stdout.replaceAll(dir, '<dir>'),
      'error <dir>/suite/suite.yaml:5: t: cannot read /etc/passwd: it is outside <dir>/suite; a test names only files inside its repository (copy the file next to the test)\n0 passed, 0 failed, 0 skipped\n',
    );
    assert.doesNotMatch(run.stdout + run.stderr, /root:/);
  });

  it('renders a Helm chart folder with helm template, and says what to do when helm is missing', () => {
    const chart = join(iac, 'charts/web');
    const helm = fakeTool('helm', join(iac, 'charts/web.rendered.yaml'));
    const run = palisade(
      ['policy', 'eval', '--policy', 'builtin:network', '--format', 'json', chart],
      helm.env,
    );
    assert.equal(run.code, 1, run.stderr);
    assert.deepEqual(helm.args(), ['template', '--', 'release-name', chart]);
    assert.deepEqual(findingsOf(run), [
      `require-network-policy ${chart} (helm):16`,
      `restrict-service-nodeport ${chart} (helm):3`,
    ]);
    assertOneLineError(
      palisade(['policy', 'eval', '--policy', 'builtin:network', chart], { PATH: '/nonexistent' }),
      /charts\/web: helm is not on PATH, so a Helm chart cannot render it; install helm or render it yourself and pipe it in: `helm template NAME DIR \| palisade policy eval --policy REF -`$/,
    );
  });

  it('renders a chart with the values files given, in order, as values and never as flags', () => {
    const chart = join(iac, 'charts/web');
    const helm = fakeTool('helm', join(iac, 'charts/web.rendered.yaml'));
    const values = tree({ 'prod.yaml': 'replicas: 3\n', '-odd.yaml': 'x: 1\n' });
    const prod = join(values, 'prod.yaml');
    const odd = join(values, '-odd.yaml');
    const run = palisade(
      ['policy', 'eval', '--policy', 'builtin:network', '--helm-values', `${prod},${odd}`, chart],
      helm.env,
    );
    assert.equal(run.code, 1, run.stderr);
    assert.deepEqual(helm.args(), [
      'template',
      `--values=${prod}`,
      `--values=${odd}`,
      '--',
      'release-name',
      chart,
    ]);
    const missing = palisade(
      ['policy', 'eval', '--policy', 'builtin:network', '--helm-values', join(values, 'nope.yaml'), chart],
      helm.env,
    );
    assert.equal(missing.code, 2, missing.stderr);
    assert.match(missing.stderr, /nope\.yaml: no such values file; give a YAML file to --helm-values/);
  });

  it('renders a Kustomize folder with kubectl kustomize', () => {
    const overlay = join(iac, 'kustomize/overlays/prod');
    const kubectl = fakeTool('kubectl', join(iac, 'kustomize/overlays/prod.rendered.yaml'));
    const run = palisade(
      ['policy', 'eval', '--policy', 'builtin:pss-baseline', '--format', 'json', overlay],
      kubectl.env,
    );
    assert.equal(run.code, 1, run.stderr);
    assert.deepEqual(kubectl.args(), ['kustomize', '--', overlay]);
    assert.deepEqual(findingsOf(run), [`pss-baseline-host-namespaces ${overlay} (kustomize):18`]);
  });

  it('renders the same Kustomize folder with the real kubectl when it is installed', {
    skip: !existsSync('/usr/bin/kubectl') && 'kubectl is not installed',
  }, () => {
    const overlay = join(iac, 'kustomize/overlays/prod');
    const run = palisade(
      ['policy', 'eval', '--policy', 'builtin:pss-baseline', '--format', 'json', overlay],
      { PATH: '/usr/bin:/bin' },
    );
    assert.equal(run.code, 1, run.stderr);
    assert.deepEqual(findingsOf(run), [`pss-baseline-host-namespaces ${overlay} (kustomize):18`]);
  });
});

describe('palisade scan --policy', () => {
  it('gates on FindingPolicy decisions: KEV in production denies, exit 1', () => {
    const cache = mkdtempSync(join(tmpdir(), 'palisade-cache-'));
    const env = { PALISADE_CACHE_DIR: cache };
    assert.equal(palisade(['db', 'import', join(example, 'advisories'), '--quiet'], env).code, 0);
    const run = palisade(
      ['scan', example, '--offline', '--policy', join(example, 'policies'), '--format', 'json'],
      env,
    );
    assert.equal(run.code, 1, run.stderr);
    const { decisions, findings } = JSON.parse(run.stdout);
    const denied = decisions.filter((d: { verdict: string }) => d.verdict === 'deny');
    assert.ok(denied.length >= 1);
    const subject = findings.find((f: { id: string }) => f.id === denied[0].subject);
    assert.ok(subject.advisory.kev, 'the denied finding is the KEV-listed one');
    assert.match(run.stderr, /denied by policy/);
  });
});

describe('palisade scan --policy over Kubernetes manifests', () => {
  it('reports misconfigurations at the offending field and denies in enforce mode', () => {
    const cache = mkdtempSync(join(tmpdir(), 'palisade-cache-'));
    const env = { PALISADE_CACHE_DIR: cache };
    assert.equal(palisade(['db', 'import', join(example, 'advisories'), '--quiet'], env).code, 0);
    const run = palisade(
      ['scan', example, '--offline', '--policy', 'builtin:pss-baseline', '--format', 'json'],
      env,
    );
    assert.equal(run.code, 1, run.stderr);
    const { findings, coverage } = JSON.parse(run.stdout);
    // The default audit sets add the demo's Dockerfile and Terraform findings; these are the PSS ones.
    const misconfigurations = findings
      .filter(
        (f: { kind: string; ruleId: string }) => f.kind === 'misconfiguration' && f.ruleId.startsWith('pss-'),
      )
      .map(
        (f: { ruleId: string; location: { path: string; line: number } }) =>
          `${f.ruleId} ${f.location.path}:${f.location.line}`,
      )
      .sort();
    assert.deepEqual(misconfigurations, [
      'pss-baseline-host-namespaces deploy/web.yaml:24',
      'pss-baseline-privileged deploy/web.yaml:31',
    ]);
    assert.ok(
      coverage.files.some(
        (f: { path: string; type: string }) => f.path === 'deploy/web.yaml' && f.type === 'iac/kubernetes',
      ),
    );
  });
});

describe('palisade scan --policy over Helm charts and Kustomize overlays', () => {
  it('evaluates them as rendered, once each, and warns when the renderer is missing', () => {
    const fixtures = join(root, 'src/cli/testdata');
    const copy = (from: string, to: string) => [to, readFileSync(join(fixtures, from), 'utf8')] as const;
    const dir = tree(
      Object.fromEntries([
        ['go.mod', 'module example.com/x\n'],
        copy('charts/web/Chart.yaml', 'deploy/web/Chart.yaml'),
        copy('charts/web/values.yaml', 'deploy/web/values.yaml'),
        copy('charts/web/templates/deployment.yaml', 'deploy/web/templates/deployment.yaml'),
        copy('charts/web/templates/service.yaml', 'deploy/web/templates/service.yaml'),
        copy('kustomize/base/kustomization.yaml', 'deploy/k/base/kustomization.yaml'),
        copy('kustomize/base/deployment.yaml', 'deploy/k/base/deployment.yaml'),
        copy('kustomize/overlays/prod/kustomization.yaml', 'deploy/k/overlays/prod/kustomization.yaml'),
      ]),
    );
    const cache = mkdtempSync(join(tmpdir(), 'palisade-cache-'));
    assert.equal(
      palisade(['db', 'import', join(example, 'advisories'), '--quiet'], { PALISADE_CACHE_DIR: cache }).code,
      0,
    );
    const helm = fakeTool('helm', join(fixtures, 'charts/web.rendered.yaml'));
    const kubectl = fakeTool('kubectl', join(fixtures, 'kustomize/overlays/prod.rendered.yaml'));
    const PATH = [helm.dir, kubectl.dir, '/usr/bin', '/bin'].join(delimiter);
    const args = [
      'scan',
      dir,
      '--offline',
      '--policy',
      'builtin:pss-baseline,builtin:network',
      '--format',
      'json',
    ];
    const run = palisade(args, { PALISADE_CACHE_DIR: cache, PATH });
    assert.equal(run.code, 1, run.stderr);
    const { findings, coverage } = JSON.parse(run.stdout);
    const misconfigurations = findings
      .filter((f: { kind: string }) => f.kind === 'misconfiguration')
      .map(
        (f: { ruleId: string; location: { path: string; line: number } }) =>
          `${f.ruleId} ${f.location.path}:${f.location.line}`,
      )
      .sort();
    assert.deepEqual(
      misconfigurations,
      [
        'pss-baseline-host-namespaces deploy/k/overlays/prod (kustomize):18',
        'require-network-policy deploy/web (helm):16',
        'require-network-policy deploy/k/overlays/prod (kustomize):1',
        'restrict-service-nodeport deploy/web (helm):3',
      ].sort(),
    );
    assert.deepEqual(
      coverage.files
        .filter((f: { type: string }) => f.type === 'iac/helm' || f.type === 'iac/kustomize')
        .map((f: { path: string; status: string }) => `${f.path} ${f.status}`),
      ['deploy/web (helm) parsed', 'deploy/k/overlays/prod (kustomize) parsed'],
    );
    assert.deepEqual(kubectl.args(), ['kustomize', '--', join(dir, 'deploy/k/overlays/prod')]);
    const withoutHelm = palisade(args, { PALISADE_CACHE_DIR: cache, PATH: kubectl.env.PATH ?? '' });
    assert.match(
      withoutHelm.stderr,
      /deploy\/web: helm is not on PATH, so a Helm chart cannot render it; install helm/,
    );
  });
});

describe('palisade scan over Dockerfiles and Terraform', () => {
  const repo = join(root, 'src/cli/testdata/iac-repo');
  const cache = mkdtempSync(join(tmpdir(), 'palisade-cache-'));
  const env = { PALISADE_CACHE_DIR: cache };
  const misconfigurations = (stdout: string): string[] =>
    JSON.parse(stdout)
      .findings.filter((f: { kind: string }) => f.kind === 'misconfiguration')
      .map(
        (f: { ruleId: string; location: { path: string; line: number }; suppressed?: unknown }) =>
          `${f.ruleId} ${f.location.path}:${f.location.line}${f.suppressed ? ' (suppressed)' : ''}`,
      );
  const verdicts = (stdout: string): string[] =>
    JSON.parse(stdout)
      .decisions.filter((d: { verdict: string }) => d.verdict !== 'allow')
      .map((d: { verdict: string; policy: string }) => `${d.verdict} ${d.policy}`);

  it('reports them by default in audit mode: findings at the offending line, exit 0', () => {
    assert.equal(palisade(['db', 'import', join(example, 'advisories'), '--quiet'], env).code, 0);
    const run = palisade(['scan', repo, '--offline', '--format', 'json'], env);
    assert.equal(run.code, 0, run.stderr);
    // Ranked by risk with the other findings (critical 60, high 50, medium 35; ties by id).
    assert.deepEqual(misconfigurations(run.stdout), [
      'terraform-aws-open-admin-ports infra/main.tf:21',
      'dockerfile-secret-value Dockerfile:4',
      'dockerfile-root-user Dockerfile:2',
      'terraform-aws-s3-public-access-block infra/main.tf:8',
      'terraform-aws-database-public infra/main.tf:34',
      'dockerfile-latest-base-image Dockerfile:2',
      'dockerfile-curl-pipe-shell Dockerfile:6',
    ]);
    assert.ok(verdicts(run.stdout).every((v) => v.startsWith('warn ')));
    const { coverage, findings } = JSON.parse(run.stdout);
    assert.deepEqual(
      coverage.files
        .filter((f: { type: string }) => f.type.startsWith('iac/'))
        .map((f: { path: string }) => f.path),
      ['Dockerfile', 'infra/main.tf', 'services/api/Dockerfile'],
    );
    const secret = findings.find((f: { ruleId: string }) => f.ruleId === 'dockerfile-secret-value');
    assert.match(secret.evidence, /ENV STRIPE_SECRET_KEY/);
    assert.doesNotMatch(run.stdout, /sk_test_not_a_real_key/, 'the secret value is never printed');
    assert.match(secret.remediation.text, /--mount=type=secret/);
    // --fail-on counts misconfigurations like any other finding.
    assert.equal(palisade(['scan', repo, '--offline', '--fail-on', 'critical', '--quiet'], env).code, 1);
  });

  it('runs a set named with --policy in its own mode: enforce denies and fails, exceptions apply', () => {
    const run = palisade(
      [
        'scan',
        repo,
        '--offline',
        '--format',
        'json',
        '--policy',
        `builtin:dockerfile,${join(repo, 'policies')}`,
      ],
      env,
    );
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /denied by policy/);
    assert.deepEqual(verdicts(run.stdout), [
      'deny dockerfile-root-user',
      'deny dockerfile-latest-base-image',
      'deny dockerfile-secret-value',
      'warn dockerfile-curl-pipe-shell',
      'warn terraform-aws-s3-public-access-block',
      'warn terraform-aws-database-public',
    ]);
    assert.ok(
      misconfigurations(run.stdout).includes('terraform-aws-open-admin-ports infra/main.tf:21 (suppressed)'),
      'the PolicyException in the --policy folder applies to the default sets too',
    );
    // Sets that share files (terraform holds terraform-aws) run each policy once.
    const overlapping = palisade(
      ['scan', repo, '--offline', '--format', 'json', '--policy', 'builtin:terraform,builtin:terraform-aws'],
      env,
    );
    assert.equal(overlapping.code, 1, overlapping.stderr);
    assert.equal(
      misconfigurations(overlapping.stdout).filter((m) => m.startsWith('terraform-aws-open-admin-ports '))
        .length,
      1,
    );
  });

  it('is configured by --audit-policy, PALISADE_AUDIT_POLICY and palisade.yaml', () => {
    const none = palisade(['scan', repo, '--offline', '--format', 'json', '--audit-policy', 'none'], env);
    assert.equal(none.code, 0, none.stderr);
    assert.deepEqual(misconfigurations(none.stdout), []);
    const gcpOnly = palisade(['scan', repo, '--offline', '--format', 'json'], {
      ...env,
      PALISADE_AUDIT_POLICY: 'builtin:terraform-gcp',
    });
    assert.deepEqual(misconfigurations(gcpOnly.stdout), []);
    const copy = mkdtempSync(join(tmpdir(), 'palisade-iac-'));
    cpSync(repo, copy, { recursive: true });
    writeFileSync(join(copy, 'palisade.yaml'), 'auditPolicies:\n  - builtin:dockerfile\n');
    const configured = palisade(['scan', copy, '--offline', '--format', 'json'], env);
    assert.deepEqual(
      misconfigurations(configured.stdout).map((m) => m.split(' ')[0]),
      [
        'dockerfile-secret-value',
        'dockerfile-root-user',
        'dockerfile-latest-base-image',
        'dockerfile-curl-pipe-shell',
      ],
    );
    assertOneLineError(
      palisade(['scan', repo, '--offline', '--audit-policy', 'builtin:nope'], env),
      /unknown built-in policy set 'nope'/,
    );
  });
});

describe('palisade scan risk triage', () => {
  it('ranks by risk, gates with --fail-on-risk, explains a score and writes OpenVEX', () => {
    const cache = mkdtempSync(join(tmpdir(), 'palisade-cache-'));
    const env = { PALISADE_CACHE_DIR: cache };
    assert.equal(palisade(['db', 'import', join(example, 'advisories'), '--quiet'], env).code, 0);
    const json = palisade(['scan', example, '--offline', '--format', 'json'], env);
    // Every kind counts: 108 vulnerabilities, the hard-coded database password and the 5
    // misconfigurations of the Dockerfile and Terraform the default audit sets read.
    assert.match(json.stderr, /114 findings, 4 deprioritized \(4%\)[^\n]*; 2 fix now, 14 fix soon/);
    const all: { kind: string; ruleId: string; risk: { score: number } }[] = JSON.parse(json.stdout).findings;
    // One ranking across kinds: the secret first, then the KEV-listed medium, then the open SSH
    // port (critical, internet-facing: 100 x 0.95 x 0.7) above every non-KEV vulnerability.
    assert.deepEqual(
      all.slice(0, 3).map((f) => `${f.kind} ${f.ruleId} ${f.risk.score}`),
      [
        'secret database-url-password 80',
        'vulnerability GO-2023-2102 75',
        'misconfiguration terraform-aws-open-admin-ports 67',
      ],
    );
    assert.deepEqual(
      all.map((f) => f.risk.score),
      all.map((f) => f.risk.score).sort((a, b) => b - a),
    );
    const findings = all.filter((f) => f.kind === 'vulnerability') as ((typeof all)[number] & {
      id: string;
    })[];
    assert.equal(findings[0]?.ruleId, 'GO-2023-2102', 'the KEV-listed medium outranks every non-KEV high');
    assert.equal(palisade(['scan', example, '--offline', '--fail-on-risk', '70', '--quiet'], env).code, 1);
    assert.equal(palisade(['scan', example, '--offline', '--fail-on-risk', '99', '--quiet'], env).code, 0);
    // The risk gate takes misconfigurations too: Terraform alone, exposure unknown (x 0.9).
    const infra = mkdtempSync(join(tmpdir(), 'palisade-infra-'));
    cpSync(join(example, 'infra/main.tf'), join(infra, 'main.tf'));
    const gated = palisade(['scan', infra, '--offline', '--fail-on-risk', '60'], env);
    assert.equal(gated.code, 1);
    assert.match(gated.stderr, /3 findings, 0 deprioritized \(0%\)[^\n]*; 0 fix now, 3 fix soon/);
    assert.match(gated.stderr, /1 finding at or above the --fail-on or --fail-on-risk threshold/);
    assert.equal(palisade(['scan', infra, '--offline', '--fail-on-risk', '61', '--quiet'], env).code, 0);
    const explain = palisade(['scan', example, '--offline', '--explain', findings[0]!.id, '--quiet'], env);
    assert.match(explain.stdout, /kev +in CISA KEV since 2023-10-10/);
    assert.match(explain.stdout, /score = min\(100, round\(/);
    const vex = JSON.parse(
      palisade(['scan', example, '--offline', '--format', 'openvex', '--quiet'], env).stdout,
    );
    assert.match(vex['@context'], /^https:\/\/openvex\.dev\/ns\/v0\.2\.0/);
    assert.ok(vex.statements.some((s: { status: string }) => s.status === 'not_affected'));
  });
});

describe('palisade server and scan --upload', () => {
  it('starts on PGlite, takes an uploaded scan and serves its findings', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'palisade-server-'));
    const cache = mkdtempSync(join(tmpdir(), 'palisade-cache-'));
    const port = 20000 + Math.floor(Math.random() * 20000);
    const server = spawn(
      process.execPath,
      [
        join(root, 'src/cli/run.ts'),
        'server',
        '--port',
        String(port),
        '--data-dir',
        dataDir,
        '--dashboard-dir',
        join(dataDir, 'no-dashboard-build-here'),
      ],
      {
        env: {
          ...process.env,
          PALISADE_ADMIN_TOKEN: 'admin-token-for-tests-0123456789',
          PALISADE_CACHE_DIR: cache,
        },
        stdio: 'ignore',
      },
    );
    try {
      const url = `http://127.0.0.1:${port}`;
      for (let i = 0; i < 120; i++) {
        const ok = await fetch(`${url}/healthz`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      const env = { PALISADE_CACHE_DIR: cache, PALISADE_TOKEN: 'admin-token-for-tests-0123456789' };
      assert.equal(
        (await palisadeAsync(['db', 'import', join(example, 'advisories'), '--quiet'], env)).code,
        0,
      );
      const scan = await palisadeAsync(
        ['scan', example, '--offline', '--quiet', '--upload', url, '--project', 'demo-shop'],
        env,
      );
      assert.equal(scan.code, 0, scan.stderr);
      const response = await fetch(`${url}/api/v1/projects/demo-shop/findings?limit=500`, {
        headers: { authorization: `Bearer ${env.PALISADE_TOKEN}` },
      });
      assert.equal(response.status, 200);
      const body = (await response.json()) as { findings?: unknown[]; items?: unknown[] };
      const list = body.findings ?? body.items ?? [];
      assert.ok(list.length >= 100, `uploaded findings are served (${list.length})`);
      const denied = await fetch(`${url}/api/v1/projects/demo-shop/findings`);
      assert.equal(denied.status, 401);
      const dashboard = await fetch(`${url}/`);
      assert.equal(dashboard.status, 503, '--dashboard-dir names a directory without a build');
      assert.match(await dashboard.text(), /npm run build:dashboard/);
    } finally {
      server.kill('SIGTERM');
    }
  });
});
