/** A problem found in a policy file: the file, the 1-based line, and what is wrong. */
export interface PolicyIssue {
  path: string;
  line: number;
  severity: 'error' | 'warning';
  message: string;
}

/** Collects issues while a file is compiled; loaders throw the first error, lint reports them all. */
export class IssueList {
  readonly items: PolicyIssue[] = [];

  error(path: string, line: number, message: string): void {
    this.items.push({ path, line, severity: 'error', message });
  }

  warning(path: string, line: number, message: string): void {
    this.items.push({ path, line, severity: 'warning', message });
  }

  get hasErrors(): boolean {
    return this.items.some((i) => i.severity === 'error');
  }

  firstError(): PolicyIssue | undefined {
    return this.items.find((i) => i.severity === 'error');
  }
}

export function formatIssue(issue: PolicyIssue): string {
  return `${issue.path}:${issue.line}: ${issue.message}`;
}
