import { isMap, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { PalisadeError, type PalisadeErrorCode } from '../model/index.ts';

/**
 * Parses a YAML file people write by hand (palisade.yaml, .palisade-ignore.yaml, policies) and
 * validates it with a zod schema. Errors are one line naming the file and the line of the key at
 * fault: `palisade.yaml:4: 'inventory': unknown key 'maxSize'`.
 */
export function parseYamlFile<T>(
  path: string,
  text: string,
  schema: z.ZodType<T>,
  code: PalisadeErrorCode = 'config',
): T {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax) {
    const line = lineCounter.linePos(syntax.pos[0]).line;
    throw new PalisadeError(code, `${path}:${line}: ${firstLine(syntax.message)}`);
  }
  const parsed = schema.safeParse(doc.toJS({ maxAliasCount: 100 }));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0] as z.core.$ZodIssue;
  // An unknown key is reported on the object that holds it; point at the key itself instead.
  const keyPath = [...issue.path, ...(issue.code === 'unrecognized_keys' ? issue.keys.slice(0, 1) : [])].map(
    String,
  );
  const line = lineOfPath(doc, lineCounter, keyPath);
  const where = issue.path.length > 0 ? `'${issue.path.join('.')}': ` : '';
  throw new PalisadeError(code, `${path}:${line}: ${where}${describeIssue(issue)}`);
}

/**
 * The line of a key (`['secrets', 'disabledRules', 2]`) in a YAML text, for errors that only later
 * checks find; the line of its deepest existing parent when the key is absent.
 */
export function lineOfKey(text: string, keyPath: readonly (string | number)[]): number {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  return lineOfPath(doc, lineCounter, keyPath.map(String));
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown key '${issue.keys.join("', '")}'`;
  return firstLine(issue.message);
}

/** Line of the deepest node of `keyPath` that exists, so a wrong value points at its own line. */
function lineOfPath(doc: ReturnType<typeof parseDocument>, lines: LineCounter, keyPath: string[]): number {
  for (let depth = keyPath.length; depth >= 0; depth--) {
    const node = doc.getIn(keyPath.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) return lines.linePos(node.range[0]).line;
    if (depth === 0 && isMap(doc.contents) && doc.contents.range)
      return lines.linePos(doc.contents.range[0]).line;
  }
  return 1;
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
