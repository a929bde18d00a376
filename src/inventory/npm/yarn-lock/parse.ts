import { isMap, isScalar, type Node, parseDocument } from 'yaml';
import { PalisadeError } from '../../../model/index.ts';
import { LineIndex } from '../../lines.ts';
import { assertShallowNesting } from '../js-common.ts';
import { IndentedParser, SyntaxProblem, type YarnEntry, type YarnObject } from './indented.ts';

export type { YarnEntry, YarnObject, YarnValue } from './indented.ts';

const HOW_TO_FIX = 'restore the file or regenerate it with `yarn install`';

/**
 * Parses a yarn v1 lockfile: yarn's own indented format (`key "value"` fields, `name@range:`
 * headers listing every range that resolved to the entry), not YAML.
 */
export function parseClassic(path: string, text: string): YarnEntry[] {
  try {
    return new IndentedParser(text, 'classic').parse();
  } catch (error) {
    if (!(error instanceof SyntaxProblem)) throw error;
    throw new PalisadeError('input', `${path}:${error.line}: ${error.message}; ${HOW_TO_FIX}`);
  }
}

/**
 * Parses a yarn 2+ lockfile. It is YAML, but yarn writes a fixed subset (block maps, double-quoted or
 * plain scalars, two-space indents) that a line scanner reads some twenty times faster than a YAML
 * parser — which matters for monorepo lockfiles of 100k lines. Anything outside that subset (a
 * hand-edited file) goes to the full YAML parser.
 */
export function parseBerry(path: string, text: string): YarnEntry[] {
  try {
    return new IndentedParser(text, 'berry').parse();
  } catch (error) {
    if (!(error instanceof SyntaxProblem)) throw error;
    return parseBerryYaml(path, text);
  }
}

function parseBerryYaml(path: string, text: string): YarnEntry[] {
  assertShallowNesting(path, text);
  const doc = parseDocument(text, { uniqueKeys: false });
  const problem = doc.errors[0];
  if (problem) {
    const line = problem.linePos?.[0].line ?? 1;
    // yaml appends the position and a source excerpt; the position is already in front.
    const what = (problem.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?\s*$/, '');
    throw new PalisadeError('input', `${path}:${line}: invalid YAML (${what}); ${HOW_TO_FIX}`);
  }
  const root = doc.contents;
  if (!isMap(root)) throw new PalisadeError('input', `${path}:1: expected a map of entries; ${HOW_TO_FIX}`);
  const lines = new LineIndex(text);
  const entries: YarnEntry[] = [];
  for (const pair of root.items) {
    const key = pair.key;
    if (!isScalar(key)) continue;
    const line = key.range ? lines.lineAt(key.range[0]) : 1;
    const fields = isMap(pair.value) ? toObject(pair.value) : {};
    entries.push({ keys: String(key.value).split(', '), line, fields });
  }
  return entries;
}

function toObject(node: Node): YarnObject {
  const out: YarnObject = {};
  if (!isMap(node)) return out;
  for (const pair of node.items) {
    if (!isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    if (key === '__proto__') continue;
    if (isScalar(pair.value)) out[key] = String(pair.value.value);
    else if (isMap(pair.value)) out[key] = toObject(pair.value);
  }
  return out;
}
