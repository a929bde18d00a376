import { expiredExceptions } from './exceptions.ts';
import { IssueList, type PolicyIssue } from './issues.ts';
import { checkBundle, compilePolicyText, emptyBundle } from './load.ts';

export interface LintOptions {
  /** Clock for expired exceptions. */
  now?: Date;
}

/**
 * `palisade policy lint`: compiles every expression of every policy document in the files and
 * reports each problem with the file and the line of the expression (for `|` block scalars, the
 * line inside the expression), instead of stopping at the first. Also flags what would silently
 * do nothing: bindings naming unknown policies, expired exceptions, mistyped admission kinds.
 */
export function lintPolicyFiles(
  files: readonly { path: string; text: string }[],
  options: LintOptions = {},
): PolicyIssue[] {
  const bundle = emptyBundle();
  const issues = new IssueList();
  for (const f of files) compilePolicyText(f.path, f.text, bundle, issues);
  checkBundle(bundle, issues);
  for (const e of expiredExceptions(bundle.exceptions, options.now ?? new Date())) {
    issues.warning(
      e.source.path,
      e.source.line,
      `PolicyException '${e.name}' expired on ${e.expires}; renew it or remove it (owner ${e.owner})`,
    );
  }
  for (const p of bundle.params) {
    const { apiVersion, kind } = p as { apiVersion: string; kind: string };
    if (apiVersion.startsWith('admissionregistration.k8s.io/')) {
      const where = files.find((f) => f.text.includes(`kind: ${kind}`))?.path ?? files[0]?.path ?? '';
      issues.warning(
        where,
        lineOfKind(files, kind),
        `unknown kind '${kind}' for ${apiVersion}; it is treated as a param object`,
      );
    }
  }
  return [...issues.items].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
}

function lineOfKind(files: readonly { path: string; text: string }[], kind: string): number {
  for (const f of files) {
    const i = f.text.indexOf(`kind: ${kind}`);
    if (i >= 0) return f.text.slice(0, i).split('\n').length;
  }
  return 1;
}
