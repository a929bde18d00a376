import { isMap, isScalar, parseDocument } from 'yaml';
import { PalisadeError } from '../../../model/index.ts';
import { LineIndex } from '../../lines.ts';

/** No lockfile comes near this; larger input is refused rather than parsed. */
const MAX_CHARS = 20 * 1024 * 1024;
/** The `yaml` package recurses per flow level; past this a file is hostile, not a lockfile. */
const MAX_FLOW_DEPTH = 64;
/** Key lines are kept down to `packages.<name>`. */
const LINE_DEPTH = 2;

export interface YamlWithLines {
  value: unknown;
  /** Line of the key at `path` (e.g. `['packages', 'http']`), 1 when unknown. */
  lineOf(path: readonly string[]): number;
}

/**
 * Parses a pubspec.lock. pub writes a fixed subset of YAML (block mappings, two-space indents,
 * quoted or plain scalars, `{}`), which a line reader takes in one pass; anything outside that
 * subset (a hand-edited file, flow collections, anchors, block scalars) goes to the `yaml` package,
 * which is complete but about twenty times slower (2 s for 10,000 packages).
 */
export function parseLockYaml(path: string, text: string, fix: string): YamlWithLines {
  if (text.length > MAX_CHARS) {
    throw new PalisadeError(
      'input',
      `${path}:1: file is ${Math.round(text.length / 1048576)} MB, too large for a lockfile; ${fix}`,
    );
  }
  return readPubSubset(text) ?? readAnyYaml(path, text, fix);
}

interface Frame {
  indent: number;
  /** Indent of this mapping's keys, fixed by its first key. */
  childIndent: number | undefined;
  object: Record<string, unknown>;
  /** Key path joined by NUL, for the line map. */
  path: string;
  depth: number;
  /** The key in the parent under which a mapping without keys becomes '', as YAML's failsafe schema reads `key:` alone. */
  parent: Frame | undefined;
  key: string;
}

const KEY_VALUE = /^([A-Za-z0-9_.\-/]+|"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'):(?:[ ]+(.*))?$/;

/** The subset pub writes, or undefined as soon as the text leaves it. */
export function readPubSubset(text: string): YamlWithLines | undefined {
  const reader = new SubsetReader();
  let lineNumber = 0;
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const raw = text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
    start = end + 1;
    if (!reader.line(raw, ++lineNumber)) return undefined;
  }
  return reader.finish();
}

class SubsetReader {
  private readonly lines = new Map<string, number>();
  private readonly root: Frame = {
    indent: -1,
    childIndent: undefined,
    object: {},
    path: '',
    depth: 0,
    parent: undefined,
    key: '',
  };
  private readonly stack: Frame[] = [this.root];

  /** Takes one line; false when it is outside the subset. */
  line(raw: string, lineNumber: number): boolean {
    const content = raw.trimStart();
    if (content === '' || content.startsWith('#')) return true;
    const indent = raw.length - content.length;
    if (raw.slice(0, indent).includes('\t')) return false;
    const { stack } = this;
    while ((stack[stack.length - 1]?.indent ?? -1) >= indent) closeFrame(stack.pop());
    const frame = stack[stack.length - 1] ?? this.root;
    frame.childIndent ??= indent;
    const match = KEY_VALUE.exec(content);
    if (!match || frame.childIndent !== indent) return false;
    const key = unquote(match[1] ?? '');
    if (key === undefined || Object.hasOwn(frame.object, key) || key === '__proto__') return false;
    const path = frame.depth === 0 ? key : frame.depth < LINE_DEPTH ? `${frame.path}\u0000${key}` : '';
    if (frame.depth < LINE_DEPTH) this.lines.set(path, lineNumber);
    const rest = match[2]?.trim() ?? '';
    if (rest === '') {
      const object: Record<string, unknown> = {};
      frame.object[key] = object;
      stack.push({
        indent,
        childIndent: undefined,
        object,
        path,
        depth: frame.depth + 1,
        parent: frame,
        key,
      });
      return true;
    }
    const value = scalar(rest);
    frame.object[key] = value;
    return value !== undefined;
  }

  finish(): YamlWithLines {
    while (this.stack.length > 1) closeFrame(this.stack.pop());
    const { lines } = this;
    return { value: this.root.object, lineOf: (path) => lines.get(path.join('\u0000')) ?? 1 };
  }
}

function closeFrame(frame: Frame | undefined): void {
  if (frame?.parent && frame.childIndent === undefined) frame.parent.object[frame.key] = '';
}

/**
 * A scalar pub writes: double- or single-quoted, `{}`, or a plain word; undefined for anything else.
 * Plain scalars stay strings, as in YAML's failsafe schema: `version: 1.10` is not the number 1.1.
 */
function scalar(text: string): unknown {
  const first = text.charAt(0);
  if (first === '"') {
    if (text.length > 1 && text.endsWith('"') && !/["\\]/.test(text.slice(1, -1))) return text.slice(1, -1);
    try {
      // YAML double-quoted escapes include JSON's; a YAML-only escape sends the file to the full parser.
      const value: unknown = JSON.parse(text);
      return typeof value === 'string' ? value : undefined;
    } catch {
      return undefined;
    }
  }
  if (first === "'") return unquote(text);
  if (text === '{}') return {};
  if (/[{}[\]&*!|>%@`#,]|: /.test(text) || /^[-?:]/.test(text)) return undefined;
  return text;
}

function unquote(text: string): string | undefined {
  if (text.startsWith('"')) return scalar(text) as string | undefined;
  if (!text.startsWith("'")) return text;
  if (text.length < 2 || !text.endsWith("'")) return undefined;
  const inner = text.slice(1, -1);
  return /(^|[^'])'([^']|$)/.test(inner.replaceAll("''", '')) ? undefined : inner.replaceAll("''", "'");
}

/** Full YAML through the `yaml` package, with its first error as a one-line message. */
export function readAnyYaml(path: string, text: string, fix: string): YamlWithLines {
  const fail = (line: number, what: string): never => {
    const first = (what.split('\n')[0] ?? what).replace(/ at line \d+, column \d+:?$/, '');
    throw new PalisadeError('input', `${path}:${line}: invalid YAML (${first.slice(0, 120)}); ${fix}`);
  };
  const depth = flowDepth(text);
  if (depth > MAX_FLOW_DEPTH) fail(1, `brackets nested deeper than ${MAX_FLOW_DEPTH}`);
  try {
    // failsafe: every scalar a string, so versions keep their text and no tag is resolved.
    const document = parseDocument(text, { uniqueKeys: true, schema: 'failsafe' });
    const error = document.errors[0];
    if (error) fail(error.linePos?.[0].line ?? 1, error.message);
    const lineIndex = new LineIndex(text);
    const lines = new Map<string, number>();
    const visit = (node: unknown, prefix: string, depth: number): void => {
      if (!isMap(node) || depth >= LINE_DEPTH) return;
      for (const pair of node.items) {
        if (!isScalar(pair.key) || !pair.key.range) continue;
        const path = depth === 0 ? String(pair.key.value) : `${prefix}\u0000${String(pair.key.value)}`;
        lines.set(path, lineIndex.lineAt(pair.key.range[0]));
        visit(pair.value, path, depth + 1);
      }
    };
    visit(document.contents, '', 0);
    return { value: document.toJS({ maxAliasCount: 100 }), lineOf: (p) => lines.get(p.join('\u0000')) ?? 1 };
  } catch (error) {
    if (error instanceof PalisadeError) throw error;
    // Stack exhaustion on absurd nesting, or the alias limit (billion laughs in YAML).
    return fail(1, error instanceof Error ? error.message : String(error));
  }
}

/** Deepest nesting of flow brackets, ignoring quoting: a cheap upper bound taken before parsing. */
function flowDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) max = Math.max(max, ++depth);
    else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
  }
  return max;
}
