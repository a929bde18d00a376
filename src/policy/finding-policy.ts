import { z } from 'zod';
import { type Decision, type Finding, type PolicyMode, severityRank } from '../model/index.ts';
import { CostMeter, RUNTIME_BUDGET } from './cel/cost.ts';
import type { CelProgram } from './cel/engine.ts';
import { findingEngine } from './cel/environments.ts';
import { toCelValue } from './cel/values.ts';
import { type CompiledVariable, compileCheck, compileVariables } from './compile-expressions.ts';
import type { IssueList } from './issues.ts';
import { VariableScope } from './variables.ts';
import { validateDocument, type YamlDocument } from './yaml.ts';

/**
 * `kind: FindingPolicy` — Palisade's own policy over findings, and how the CI gate is configured:
 *
 * ```yaml
 * apiVersion: palisade.dev/v1alpha1
 * kind: FindingPolicy
 * metadata: { name: ci-gate }
 * spec:
 *   mode: enforce                 # audit: matches are warnings, exit 0; enforce (default): deny
 *   variables:
 *   - name: exploitable
 *     expression: finding.kev || finding.epss >= 0.5
 *   rules:
 *   - name: kev-reachable
 *     expression: finding.kev && finding.reachability != 'unreachable'
 *     message: a known-exploited vulnerability in reachable code
 *     action: deny                # deny (default) | warn
 *   - name: critical-with-fix
 *     expression: finding.severity == 'critical' && finding.fixAvailable
 *     messageExpression: "'upgrade %s to %s'.format([finding.package, finding.fixedVersion])"
 *     action: warn
 * ```
 *
 * A rule whose expression is true for a finding fires. A rule that fails to evaluate fires too
 * (fail closed: a broken gate must not pass everything), with the error as its message.
 *
 * The `finding` variable is a map (see `findingToCel`):
 *
 * | field | type | |
 * | --- | --- | --- |
 * | id, fingerprint | string | |
 * | kind | string | vulnerability, secret, misconfiguration, code, integrity |
 * | ruleId, title | string | advisory id (GHSA-…, CVE-…) or rule id |
 * | severity | string | critical, high, medium, low, info |
 * | severityRank | int | 4 (critical) … 0 (info), for `>=` comparisons |
 * | path, line | string, int | where the finding is |
 * | ecosystem, package, version, purl | string | '' when the finding has no component |
 * | scope | string | prod, dev, optional, or '' |
 * | direct | bool | a dependency the project declares itself |
 * | advisoryIds | list(string) | every id of the advisory (aliases merged) |
 * | kev | bool | on CISA's Known Exploited Vulnerabilities catalog |
 * | kevRansomware | bool | KEV entry notes known ransomware use |
 * | kevDueDate | string | YYYY-MM-DD or '' |
 * | epss, epssPercentile | double | 0 when unknown |
 * | reachability | string | unreachable, imported, function-reachable, unknown |
 * | fixAvailable | bool | a fixed version is known |
 * | fixedVersion | string | '' when none |
 * | riskScore | double | triage risk score |
 * | suppressed | bool | matched an ignore entry or VEX statement |
 */
export interface CompiledFindingPolicy {
  kind: 'FindingPolicy';
  name: string;
  source: { path: string; line: number };
  mode: PolicyMode;
  variables: CompiledVariable[];
  scope: VariableScope;
  rules: CompiledRule[];
}

export interface CompiledRule {
  name: string;
  program: CelProgram;
  message: string | undefined;
  messageProgram: CelProgram | undefined;
  action: 'deny' | 'warn';
  line: number;
}

const CEL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const findingPolicySchema = z.looseObject({
  apiVersion: z.literal('palisade.dev/v1alpha1'),
  kind: z.literal('FindingPolicy'),
  metadata: z.looseObject({ name: z.string().min(1) }),
  spec: z.strictObject({
    mode: z.enum(['audit', 'enforce']).optional(),
    variables: z
      .array(
        z.strictObject({
          name: z.string().regex(CEL_NAME, 'must be a CEL identifier'),
          expression: z.string().min(1),
        }),
      )
      .optional(),
    rules: z
      .array(
        z.strictObject({
          name: z.string().min(1),
          expression: z.string().min(1),
          message: z.string().optional(),
          messageExpression: z.string().optional(),
          action: z.enum(['deny', 'warn']).optional(),
        }),
      )
      .min(1, 'a FindingPolicy needs at least one rule'),
  }),
});

export function compileFindingPolicy(
  doc: YamlDocument,
  issues: IssueList,
): CompiledFindingPolicy | undefined {
  const validated = validateDocument(doc, findingPolicySchema, 'FindingPolicy');
  if (!validated.ok) {
    for (const problem of validated.problems) issues.error(doc.path, problem.line, problem.message);
    return undefined;
  }
  const { metadata, spec } = validated.value;
  const engine = findingEngine();
  const before = issues.items.length;
  const variables = compileVariables(engine, doc, ['spec', 'variables'], spec.variables ?? [], issues);
  const declared = new Set((spec.variables ?? []).map((v) => v.name));
  const ruleNames = new Set<string>();
  const rules = spec.rules.flatMap((r, i): CompiledRule[] => {
    const base = ['spec', 'rules', i];
    if (ruleNames.has(r.name))
      issues.error(doc.path, doc.lineOf([...base, 'name']), `spec.rules[${i}]: duplicate rule '${r.name}'`);
    ruleNames.add(r.name);
    const compiled = compileCheck(engine, doc, base, r, declared, issues);
    if (!compiled) return [];
    const { program, messageProgram } = compiled;
    return [
      {
        name: r.name,
        program,
        message: r.message,
        messageProgram,
        action: r.action ?? 'deny',
        line: doc.lineOf([...base, 'expression']),
      },
    ];
  });
  if (issues.items.slice(before).some((i) => i.severity === 'error')) return undefined;
  return {
    kind: 'FindingPolicy',
    name: metadata.name,
    source: { path: doc.path, line: doc.line },
    mode: spec.mode ?? 'enforce',
    variables,
    scope: new VariableScope(variables),
    rules,
  };
}

/** The `finding` variable: the fields of a Finding that policies decide on, flattened. */
export function findingToCel(f: Finding): unknown {
  const advisory = f.advisory;
  const component = f.component;
  return toCelValue(
    {
      id: f.id,
      fingerprint: f.fingerprint,
      kind: f.kind,
      ruleId: f.ruleId,
      title: f.title,
      severity: f.severity,
      severityRank: severityRank(f.severity),
      path: f.location.path,
      line: f.location.line,
      ecosystem: component?.ecosystem ?? '',
      package: component?.name ?? '',
      version: component?.version ?? '',
      purl: component?.purl ?? '',
      scope: component?.scope ?? '',
      direct: component?.direct ?? false,
      advisoryIds: advisory?.ids ?? [],
      kev: advisory?.kev !== undefined,
      kevRansomware: advisory?.kev?.knownRansomwareCampaignUse ?? false,
      kevDueDate: advisory?.kev?.dueDate ?? '',
      epss: advisory?.epss?.score ?? 0,
      epssPercentile: advisory?.epss?.percentile ?? 0,
      reachability: f.reachability ?? 'unknown',
      fixAvailable: f.remediation?.fixedVersion !== undefined,
      fixedVersion: f.remediation?.fixedVersion ?? '',
      riskScore: f.risk.score,
      suppressed: f.suppressed !== undefined,
    },
    `finding ${f.id}`,
  );
}

export interface FiredRule {
  rule: string;
  action: 'deny' | 'warn';
  message: string;
  /** True when the rule fired because it failed to evaluate. */
  error: boolean;
}

export interface FindingPolicyResult {
  policy: string;
  finding: string;
  fired: FiredRule[];
  decision: Decision;
}

export interface FindingEvaluateOptions {
  /** Forces a mode on every policy. */
  mode?: PolicyMode;
  /** Also return results for findings no rule fired on (verdict allow). */
  includeAllowed?: boolean;
  /** Evaluate suppressed findings too (by default they are skipped: the user already accepted them). */
  includeSuppressed?: boolean;
}

/**
 * Evaluates finding policies over findings: one result per (policy, finding) a rule fired on.
 * Verdict: deny when an enforced policy fires a deny rule, warn when anything else fires.
 */
export function evaluateFindingPolicies(
  policies: readonly CompiledFindingPolicy[],
  findings: readonly Finding[],
  options: FindingEvaluateOptions = {},
): FindingPolicyResult[] {
  const results: FindingPolicyResult[] = [];
  for (const finding of findings) {
    if (finding.suppressed && !options.includeSuppressed) continue;
    const value = findingToCel(finding);
    for (const policy of policies) {
      const fired = fire(policy, value);
      if (fired.length === 0 && !options.includeAllowed) continue;
      const mode = options.mode ?? policy.mode;
      const denies = mode === 'enforce' && fired.some((f) => f.action === 'deny');
      results.push({
        policy: policy.name,
        finding: finding.id,
        fired,
        decision: {
          verdict: denies ? 'deny' : fired.length > 0 ? 'warn' : 'allow',
          policy: policy.name,
          mode,
          messages: fired.map((f) => `${f.rule}: ${f.message}`),
          subject: finding.id,
        },
      });
    }
  }
  return results;
}

function fire(policy: CompiledFindingPolicy, finding: unknown): FiredRule[] {
  const activation: Record<string, unknown> = { finding };
  activation.variables = policy.scope.bind(activation);
  const meter = new CostMeter(RUNTIME_BUDGET);
  const fired: FiredRule[] = [];
  for (const rule of policy.rules) {
    let value: unknown;
    try {
      value = rule.program.evaluate(activation, meter);
    } catch (error) {
      fired.push({
        rule: rule.name,
        action: rule.action,
        message: `failed to evaluate: ${errorText(error)}`,
        error: true,
      });
      continue;
    }
    if (value === true) {
      fired.push({
        rule: rule.name,
        action: rule.action,
        message: ruleMessage(rule, activation, meter),
        error: false,
      });
    } else if (value !== false) {
      fired.push({
        rule: rule.name,
        action: rule.action,
        message: 'expression did not evaluate to a bool',
        error: true,
      });
    }
  }
  return fired;
}

function ruleMessage(rule: CompiledRule, activation: Record<string, unknown>, meter: CostMeter): string {
  if (rule.messageProgram) {
    try {
      const message = rule.messageProgram.evaluate(activation, meter);
      if (typeof message === 'string' && message.trim() !== '') return message;
    } catch {
      // Falls back to the static message, like admission policies.
    }
  }
  return rule.message ?? `matched ${rule.program.expression}`;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
