import type { CelEngine, CelProgram } from './cel/engine.ts';
import { CelError } from './cel/errors.ts';
import type { IssueList } from './issues.ts';
import type { YamlDocument, YamlPath } from './yaml.ts';

/** A named CEL variable of a policy (`spec.variables`), compiled, with what it reads. */
export interface CompiledVariable {
  name: string;
  program: CelProgram;
  /**
   * Identity of the value across policies: equal keys mean the same expression over the same
   * variables, so one request computes it once for all policies (the PSS library repeats its
   * pod-spec variables in every policy).
   */
  shareKey: string | undefined;
  /** `shareKey` as a small number, for indexing the per-input results. */
  shareId: number | undefined;
}

const shareIds = new Map<string, number>();

function shareIdOf(key: string): number {
  let id = shareIds.get(key);
  if (id === undefined) {
    id = shareIds.size;
    shareIds.set(key, id);
  }
  return id;
}

/** Compiles one expression, recording an issue with its file line on failure. */
export function compileAt(
  engine: CelEngine,
  doc: YamlDocument,
  path: YamlPath,
  expression: string,
  issues: IssueList,
): CelProgram | undefined {
  try {
    return engine.compile(expression);
  } catch (error) {
    if (!(error instanceof CelError)) throw error;
    const line = error.position ? doc.lineWithin(path, error.position.line) : doc.lineOf(path);
    issues.error(doc.path, line, `${path.join('.')}: ${error.message}`);
    return undefined;
  }
}

/**
 * A rule's `expression` (bool) and optional `messageExpression` (string) at `base`, compiled and
 * checked the same way for admission validations and finding-policy rules. Undefined when either
 * fails to compile (the issue is recorded).
 */
export function compileCheck(
  engine: CelEngine,
  doc: YamlDocument,
  base: YamlPath,
  rule: { expression: string; messageExpression?: string | undefined },
  declared: ReadonlySet<string>,
  issues: IssueList,
): { program: CelProgram; messageProgram: CelProgram | undefined } | undefined {
  const program = compileAt(engine, doc, [...base, 'expression'], rule.expression, issues);
  const messageProgram = rule.messageExpression
    ? compileAt(engine, doc, [...base, 'messageExpression'], rule.messageExpression, issues)
    : undefined;
  if (!program || (rule.messageExpression && !messageProgram)) return undefined;
  checkType(program, ['bool'], doc, [...base, 'expression'], issues);
  checkVariableReferences(program, declared, doc, [...base, 'expression'], issues);
  if (messageProgram) {
    checkType(messageProgram, ['string'], doc, [...base, 'messageExpression'], issues);
    checkVariableReferences(messageProgram, declared, doc, [...base, 'messageExpression'], issues);
  }
  return { program, messageProgram };
}

/** Result types an expression may have: `dyn` always passes, since Kubernetes objects are dynamic. */
export function checkType(
  program: CelProgram,
  allowed: readonly string[],
  doc: YamlDocument,
  path: YamlPath,
  issues: IssueList,
): void {
  if (program.type === 'dyn' || allowed.includes(program.type)) return;
  issues.error(
    doc.path,
    doc.lineOf(path),
    `${path.join('.')}: must evaluate to ${allowed.join(' or ')}, not ${program.type}`,
  );
}

/**
 * Compiles `spec.variables` in order. A variable may read only variables declared before it (as
 * in Kubernetes), which also rules out cycles.
 */
export function compileVariables(
  engine: CelEngine,
  doc: YamlDocument,
  base: YamlPath,
  variables: readonly { name: string; expression: string }[],
  issues: IssueList,
): CompiledVariable[] {
  const out: CompiledVariable[] = [];
  const seen = new Map<string, CompiledVariable>();
  variables.forEach((v, i) => {
    const path = [...base, i, 'expression'];
    if (seen.has(v.name)) {
      issues.error(
        doc.path,
        doc.lineOf([...base, i, 'name']),
        `${base.join('.')}[${i}]: duplicate variable '${v.name}'`,
      );
      return;
    }
    const program = compileAt(engine, doc, path, v.expression, issues);
    if (!program) return;
    let shareable = !program.variables.dynamic;
    const refs: string[] = [];
    for (const name of program.variables.names) {
      const dep = seen.get(name);
      if (!dep) {
        const later = variables.some((w) => w.name === name);
        issues.error(
          doc.path,
          doc.lineOf(path),
          `${path.join('.')}: variables.${name} ${later ? 'is declared after this variable' : 'is not declared'}`,
        );
        shareable = false;
        continue;
      }
      if (dep.shareKey === undefined) shareable = false;
      refs.push(dep.shareKey ?? '');
    }
    const shareKey = shareable
      ? `${v.name}\u0000${v.expression}\u0000${refs.sort().join('\u0001')}`
      : undefined;
    const compiled: CompiledVariable = {
      name: v.name,
      program,
      shareKey,
      shareId: shareKey === undefined ? undefined : shareIdOf(shareKey),
    };
    seen.set(v.name, compiled);
    out.push(compiled);
  });
  return out;
}

/** Reports `variables.x` references to variables that do not exist. */
export function checkVariableReferences(
  program: CelProgram,
  declared: ReadonlySet<string>,
  doc: YamlDocument,
  path: YamlPath,
  issues: IssueList,
  context = '',
): void {
  for (const name of program.variables.names) {
    if (declared.has(name)) continue;
    issues.error(
      doc.path,
      doc.lineOf(path),
      `${path.join('.')}: variables.${name} is not declared${context}`,
    );
  }
}
