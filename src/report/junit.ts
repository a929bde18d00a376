import type { Decision, Finding, ScanResult } from '../model/index.ts';
import { xmlElement as element, stringifyXml, type XmlElement } from '../xml/stringify.ts';
import type { BuildGate, ReportContext } from './context.ts';
import { commitText, locationOf, subjectOf } from './finding-text.ts';
import { sbomTimestamp } from './sbom-meta.ts';

/**
 * Findings as JUnit XML, so CI (GitLab, Jenkins, Azure DevOps) shows them as tests: one
 * testsuite per scanned file, one testcase per finding. A testcase fails exactly when its finding
 * fails the build (the command's exit code 1): with `--fail-on`, `--fail-on-risk` or an enforced
 * policy, open findings under the bar pass; suppressed findings are skipped, with the reason.
 * Valid against the Apache Ant schema (Windy Road's JUnit.xsd), the strictest in use: every
 * testsuite carries its timestamp, hostname, time, properties and system-out/-err.
 */
export function writeJUnit(result: ScanResult, context: ReportContext): string {
  const timestamp = sbomTimestamp(context).toISOString().slice(0, 19);
  const toolVersion = context.toolVersion;
  const byFile = new Map<string, Finding[]>();
  for (const f of result.findings) {
    const list = byFile.get(f.location.path);
    if (list) list.push(f);
    else byFile.set(f.location.path, [f]);
  }
  const suites = [...byFile]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([path, findings], id) =>
      suite(
        result,
        { id, name: path, timestamp, toolVersion },
        findings.map((f) => findingCase(f, context.gate)),
      ),
    );
  const denials = (context.gate?.unmatched ?? []).map(denialCase);
  if (denials.length > 0)
    suites.push(
      suite(result, { id: suites.length, name: 'policy decisions', timestamp, toolVersion }, denials),
    );
  return stringifyXml(element('testsuites', {}, suites));
}

interface Case {
  classname: string;
  element: XmlElement;
  outcome: 'pass' | 'fail' | 'skip';
}

function suite(
  result: ScanResult,
  { id, name, timestamp, toolVersion }: { id: number; name: string; timestamp: string; toolVersion: string },
  cases: readonly Case[],
): XmlElement {
  const count = (outcome: Case['outcome']): number => cases.filter((c) => c.outcome === outcome).length;
  return element(
    'testsuite',
    {
      name,
      package: result.target,
      id,
      timestamp,
      // The report describes the repository, not the machine: the same on every runner.
      hostname: 'localhost',
      tests: cases.length,
      failures: count('fail'),
      errors: 0,
      skipped: count('skip'),
      time: 0,
    },
    [
      // Jenkins' schema wants at least one property.
      element('properties', {}, [element('property', { name: 'tool', value: `palisade ${toolVersion}` })]),
      ...cases.map((c) => c.element),
      element('system-out'),
      element('system-err'),
    ],
  );
}

function findingCase(finding: Finding, gate: BuildGate | undefined): Case {
  const classname = finding.location.path;
  const attributes = { name: testName(finding), classname, time: 0 };
  if (finding.suppressed) {
    const skipped = element('skipped', { message: finding.suppressed.reason });
    return { classname, outcome: 'skip', element: element('testcase', attributes, [skipped]) };
  }
  if (gate && !gate.failing.has(finding.id)) {
    return { classname, outcome: 'pass', element: element('testcase', attributes) };
  }
  const failure = element(
    'failure',
    { message: finding.title, type: finding.severity },
    failureBody(finding),
  );
  return { classname, outcome: 'fail', element: element('testcase', attributes, [failure]) };
}

/**
 * `GHSA-xxxx lodash@4.17.15`; a secret's subject is its redacted value. Misconfigurations name
 * the resource and the violation, so two violations of one policy in one file stay two tests.
 */
function testName(finding: Finding): string {
  const subject = finding.kind === 'misconfiguration' ? finding.evidence : subjectOf(finding);
  return subject ? `${finding.ruleId} ${subject}` : finding.ruleId;
}

/** What a developer needs to act, one fact a line; a secret's value only as redacted. */
function failureBody(finding: Finding): string {
  const priority = finding.risk.factors.find((f) => f.name === 'priority')?.value;
  const fix = finding.remediation;
  const lines = [
    `severity: ${finding.severity}`,
    `risk: ${finding.risk.score}${priority === undefined ? '' : ` (${priority})`}`,
    ...(fix?.fixedVersion ? [`fix: upgrade to ${fix.fixedVersion}`] : []),
    ...(fix?.text ? [`remediation: ${fix.text}`] : []),
    `location: ${locationOf(finding)}`,
    ...(finding.kind === 'secret' ? [`value: ${finding.evidence} (redacted)`] : []),
    ...(finding.kind === 'secret' && commitText(finding) ? [`${commitText(finding)}`] : []),
  ];
  return `${lines.join('\n')}\n`;
}

function denialCase(decision: Decision): Case {
  const classname = 'policy decisions';
  const failure = element(
    'failure',
    { message: decision.messages.join('; ') || 'denied', type: 'deny' },
    `policy: ${decision.policy} (${decision.mode})\nsubject: ${decision.subject}\n`,
  );
  return {
    classname,
    outcome: 'fail',
    element: element('testcase', { name: `${decision.policy} ${decision.subject}`, classname, time: 0 }, [
      failure,
    ]),
  };
}
