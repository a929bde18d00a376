import { PalisadeError, terminalSafe } from '../model/index.ts';

/** Where a resource was read from. */
export interface IacSource {
  /** The file, relative to the scan root (posix), or the label given for stdin (`-`). */
  path: string;
  /** 1-based line where the resource starts (document, list item or block header). */
  line: number;
  /** 0-based index of the YAML document in a multi-document file. */
  document?: number;
  /** For Helm-rendered output: the chart template named by its `# Source:` comment. */
  template?: string;
}

/**
 * One thing a policy evaluates: a Kubernetes object, a Dockerfile, a Terraform resource. `object`
 * is the JSON the policy sees (shapes documented in docs/iac-shapes.md); `lineOf` maps a field
 * path of `object` to its line, so a misconfiguration finding points at the offending field.
 */
export interface IacResource {
  kind: string;
  /** Kubernetes objects only. */
  apiVersion?: string;
  /** Dockerfiles and Terraform blocks: how policies select them (docs/iac-shapes.md, "Policies"). */
  api?: IacApi;
  name: string;
  namespace?: string;
  source: IacSource;
  object: unknown;
  /**
   * Line of the field at `fieldPath` (sequence indexes as decimal strings). When the field is
   * absent, the line of its deepest present ancestor; at worst the resource's own line.
   */
  lineOf(fieldPath: readonly string[]): number;
}

/**
 * The API group, version and resource name under which policies see a resource that is not a
 * Kubernetes object: `resourceRules: [{apiGroups: ["terraform.palisade.dev"], resources:
 * ["aws_s3_bucket"]}]`. Groups end in `.palisade.dev`; `subject` is how decisions name it.
 */
export interface IacApi {
  group: string;
  version: string;
  resource: string;
  subject: string;
}

/** A part of a file that was read but is not a resource (a non-Kubernetes YAML document, say). */
export interface IacSkipped {
  path: string;
  line: number;
  document?: number;
  reason: string;
}

export interface IacParseResult {
  resources: IacResource[];
  skipped: IacSkipped[];
}

export type IacInputName = 'kubernetes' | 'dockerfile' | 'terraform';

/**
 * One IaC input type. `matches` is a cheap filter on the path relative to the scan root; `parse`
 * is pure (text in, resources out) and throws a one-line PalisadeError('input') naming the file
 * and line for input it cannot read.
 */
export interface IacInput {
  readonly name: IacInputName;
  /** Bumped whenever the output for the same input changes (cache keys depend on it). */
  readonly version: number;
  /** The input group its resources carry (`IacResource.api`); none for Kubernetes objects. */
  readonly apiGroup?: string;
  matches(path: string): boolean;
  parse(path: string, text: string): Promise<IacParseResult>;
}

/** The error every input throws for a file it cannot read: `path:line: what; what to do`. */
export function inputError(path: string, line: number, what: string, fix: string): PalisadeError {
  // Coverage entries reach tables, Markdown and terminals: file bytes in them are made visible.
  const clean = terminalSafe((what.split('\n')[0] ?? what).trim().slice(0, 200));
  return new PalisadeError('input', `${path}:${line}: ${clean}; ${fix}`);
}

export function basename(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? path : path.slice(i + 1);
}

/**
 * Lines of field paths, recorded while a shape is built; a lookup falls back to the deepest
 * recorded ancestor, so a missing field still points at the object that lacks it.
 */
export class FieldLines {
  private readonly lines = new Map<string, number>();
  private readonly fallback: number;

  constructor(fallback: number) {
    this.fallback = fallback;
  }

  set(path: readonly string[], line: number): void {
    this.lines.set(path.join('\u0000'), line);
  }

  lineOf(path: readonly string[]): number {
    for (let depth = path.length; depth > 0; depth--) {
      const line = this.lines.get(path.slice(0, depth).join('\u0000'));
      if (line !== undefined) return line;
    }
    return this.fallback;
  }
}

/** Deepest nesting of arrays and objects in a parsed value; stops counting past `limit`. */
export function nestingDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const top = stack.pop()!;
    if (top.value === null || typeof top.value !== 'object') continue;
    const depth = top.depth + 1;
    if (depth > deepest) deepest = depth;
    if (deepest > limit) return deepest;
    for (const child of Object.values(top.value)) stack.push({ value: child, depth });
  }
  return deepest;
}
