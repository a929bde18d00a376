import { inputError } from './resource.ts';

/**
 * The `yaml` package recurses once per nesting level, and past a few hundred levels the stack
 * overflows; at around 100,000 levels V8 can even abort the process while compiling a regular
 * expression on the exhausted stack. So nesting is bounded before parsing, by two cheap upper
 * bounds: the column where a line's content starts after block indicators (`- `, `? `, `: `),
 * and the depth of flow brackets (quotes ignored, so strings can only make it stricter).
 * Real manifests, CRD schemas included, stay far below both.
 */
const MAX_BLOCK_COLUMN = 256;
const MAX_FLOW_DEPTH = 64;

export function guardYamlNesting(path: string, text: string, fix: string): void {
  let flow = 0;
  let line = 0;
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    line++;
    const content = contentStart(text, start, end);
    if (content - start > MAX_BLOCK_COLUMN) {
      throw inputError(path, line, `YAML nested deeper than ${MAX_BLOCK_COLUMN} columns`, fix);
    }
    // A flow collection never spans documents: unbalanced brackets in one stop counting here.
    if (content === start && isDocumentStart(text, start)) flow = 0;
    flow = flowDepth(text, content, end, flow);
    if (flow > MAX_FLOW_DEPTH) {
      throw inputError(path, line, `YAML brackets nested deeper than ${MAX_FLOW_DEPTH}`, fix);
    }
    start = end + 1;
  }
}

/** Index of the first character after indentation and block indicators. */
function contentStart(text: string, start: number, end: number): number {
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09) i++;
    else if ((c === 0x2d || c === 0x3f || c === 0x3a) && isBlank(text.charCodeAt(i + 1))) i += 2;
    else break;
    if (i - start > MAX_BLOCK_COLUMN) break;
  }
  return i;
}

/** Flow depth at `end`, from `depth` at `from`; stops counting once over the limit. */
function flowDepth(text: string, from: number, end: number, depth: number): number {
  let current = depth;
  for (let i = from; i < end && current <= MAX_FLOW_DEPTH; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) current++;
    else if ((c === 0x5d || c === 0x7d) && current > 0) current--;
  }
  return current;
}

function isDocumentStart(text: string, i: number): boolean {
  if (!text.startsWith('---', i)) return false;
  const next = text.charCodeAt(i + 3);
  return Number.isNaN(next) || next === 0x20 || next === 0x09 || next === 0x0a || next === 0x0d;
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09;
}
