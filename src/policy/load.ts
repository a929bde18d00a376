import { PalisadeError } from '../model/index.ts';
import { compileException, type PolicyException } from './exceptions.ts';
import { type CompiledFindingPolicy, compileFindingPolicy } from './finding-policy.ts';
import { formatIssue, IssueList } from './issues.ts';
import { type CompiledBinding, type CompiledPolicy, compileBinding, compilePolicy } from './vap/compile.ts';
import type { PolicySet } from './vap/evaluate.ts';
import { parseYamlDocuments } from './yaml.ts';

/** Everything a set of policy files declares, compiled. */
export interface PolicyBundle extends PolicySet {
  readonly policies: CompiledPolicy[];
  readonly bindings: CompiledBinding[];
  readonly findingPolicies: CompiledFindingPolicy[];
  readonly exceptions: PolicyException[];
  /** Other Kubernetes objects in the files: candidate param objects for policies with a paramKind. */
  readonly params: unknown[];
}

export function emptyBundle(): PolicyBundle {
  return { policies: [], bindings: [], findingPolicies: [], exceptions: [], params: [] };
}

/**
 * Compiles every document of a policy file into `into`, recording problems (with their lines) in
 * `issues`. Documents are dispatched on `kind`: ValidatingAdmissionPolicy, …Binding, FindingPolicy,
 * PolicyException; any other Kubernetes object is kept as a possible param.
 */
export function compilePolicyText(path: string, text: string, into: PolicyBundle, issues: IssueList): void {
  let docs: ReturnType<typeof parseYamlDocuments>;
  try {
    docs = parseYamlDocuments(path, text);
  } catch (error) {
    if (!(error instanceof PalisadeError)) throw error;
    const m = /^.*?:(\d+): (.*)$/.exec(error.message);
    issues.error(path, Number(m?.[1] ?? 1), m?.[2] ?? error.message);
    return;
  }
  for (const doc of docs) {
    const value = doc.value as { kind?: unknown; apiVersion?: unknown };
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      issues.error(path, doc.line, 'expected a Kubernetes-style object with apiVersion and kind');
      continue;
    }
    switch (value.kind) {
      case 'ValidatingAdmissionPolicy':
        push(into.policies, compilePolicy(doc, issues));
        break;
      case 'ValidatingAdmissionPolicyBinding':
        push(into.bindings, compileBinding(doc, issues));
        break;
      case 'FindingPolicy':
        push(into.findingPolicies, compileFindingPolicy(doc, issues));
        break;
      case 'PolicyException':
        push(into.exceptions, compileException(doc, issues));
        break;
      default:
        if (typeof value.kind !== 'string' || typeof value.apiVersion !== 'string') {
          issues.error(path, doc.line, 'expected a Kubernetes-style object with apiVersion and kind');
        } else {
          into.params.push(doc.value);
        }
    }
  }
}

function push<T>(list: T[], item: T | undefined): void {
  if (item !== undefined) list.push(item);
}

/** Cross-document checks once every file is in: unique names, bindings that name a real policy. */
export function checkBundle(bundle: PolicyBundle, issues: IssueList): void {
  const seen = new Map<string, { path: string; line: number }>();
  for (const p of [...bundle.policies, ...bundle.findingPolicies]) {
    const first = seen.get(p.name);
    if (first) {
      issues.error(
        p.source.path,
        p.source.line,
        `policy '${p.name}' is already defined at ${first.path}:${first.line}`,
      );
    } else {
      seen.set(p.name, p.source);
    }
  }
  const names = new Set(bundle.policies.map((p) => p.name));
  for (const b of bundle.bindings) {
    if (!names.has(b.policyName)) {
      issues.warning(
        b.source.path,
        b.source.line,
        `binding '${b.name}' names policy '${b.policyName}', which is not loaded`,
      );
    }
  }
}

/**
 * Compiles policy files (path and text each); throws the first error as a one-line
 * `PalisadeError('input', 'file:line: what')`.
 */
export function loadPolicies(files: readonly { path: string; text: string }[]): PolicyBundle {
  const bundle = emptyBundle();
  const issues = new IssueList();
  for (const f of files) compilePolicyText(f.path, f.text, bundle, issues);
  checkBundle(bundle, issues);
  const first = issues.firstError();
  if (first) throw new PalisadeError('input', formatIssue(first));
  return bundle;
}

/** Several bundles as one (a built-in set plus the user's files). */
export function mergeBundles(...bundles: readonly PolicyBundle[]): PolicyBundle {
  const out = emptyBundle();
  for (const b of bundles) {
    out.policies.push(...b.policies);
    out.bindings.push(...b.bindings);
    out.findingPolicies.push(...b.findingPolicies);
    out.exceptions.push(...b.exceptions);
    out.params.push(...b.params);
  }
  const issues = new IssueList();
  checkBundle(out, issues);
  const first = issues.firstError();
  if (first) throw new PalisadeError('input', formatIssue(first));
  return out;
}
