import { type Document, isMap, isScalar, LineCounter, parseAllDocuments, type YAMLMap } from 'yaml';
import { PalisadeError } from '../../../model/index.ts';
import { LineIndex } from '../../lines.ts';
import { readYamlSubset } from './yaml-subset.ts';

/** One YAML document of the lockfile, with the lines of its sections and of their entries. */
export interface LockDocument {
  value: unknown;
  /** Line of `section` (e.g. `packages`) or of its entry `key`; the document's first line when absent. */
  lineOf(section: string, key?: string): number;
}

const REGENERATE = 'fix it or regenerate it with `pnpm install`';
// Beyond this the `yaml` package can exhaust memory; no pnpm lockfile nests flow collections past 3.
const MAX_FLOW_NESTING = 64;

/**
 * Every YAML document of a pnpm-lock.yaml (pnpm 11+ writes an env document before the project's).
 * The common case goes through the fast subset reader; anything else through `yaml`, which also
 * names the line of a syntax error.
 */
export function readLockDocuments(path: string, contents: string): LockDocument[] {
  // Editors on Windows may save a byte order mark; YAML ignores it, and so must the subset reader.
  const text = contents.charCodeAt(0) === 0xfeff ? contents.slice(1) : contents;
  const fast = readYamlSubset(text);
  if (fast) {
    return fast.map((doc) => ({
      value: doc.value,
      lineOf: (section, key) =>
        (key === undefined ? doc.sectionLines.get(section) : doc.entryLines.get(section)?.get(key)) ??
        doc.line,
    }));
  }
  return readWithYamlPackage(path, text);
}

function readWithYamlPackage(path: string, text: string): LockDocument[] {
  rejectConflictMarkers(path, text);
  rejectDeepNesting(path, text);
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  return (Array.isArray(parsed) ? parsed : [parsed]).map((doc) => toLockDocument(path, doc, lineCounter));
}

function toLockDocument(path: string, doc: Document.Parsed, lineCounter: LineCounter): LockDocument {
  const error = doc.errors[0];
  if (error) {
    const line = lineCounter.linePos(error.pos[0]).line;
    throw new PalisadeError(
      'input',
      `${path}:${line}: invalid YAML (${oneLine(error.message)}); ${REGENERATE}`,
    );
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (cause) {
    const line = lineCounter.linePos(doc.range[0]).line;
    const message = `${path}:${line}: unreadable YAML (${oneLine(String(cause))}); ${REGENERATE}`;
    throw new PalisadeError('input', message, { cause });
  }
  const lines = keyLines(doc, lineCounter);
  const first = lineCounter.linePos(doc.contents?.range?.[0] ?? doc.range[0]).line;
  return {
    value,
    lineOf: (section, key) => lines.get(key === undefined ? section : `${section}\u0000${key}`) ?? first,
  };
}

/** Lines of the top-level keys (`packages`) and of their keys (`packages\u0000ms@2.1.3`). */
function keyLines(doc: Document, lineCounter: LineCounter): Map<string, number> {
  const lines = new Map<string, number>();
  const record = (map: YAMLMap, prefix: string | undefined): void => {
    for (const pair of map.items) {
      if (!isScalar(pair.key) || pair.key.range === undefined || pair.key.range === null) continue;
      const key = String(pair.key.value);
      const id = prefix === undefined ? key : `${prefix}\u0000${key}`;
      if (!lines.has(id)) lines.set(id, lineCounter.linePos(pair.key.range[0]).line);
      if (prefix === undefined && isMap(pair.value)) record(pair.value, key);
    }
  };
  if (isMap(doc.contents)) record(doc.contents, undefined);
  return lines;
}

function oneLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/\s*at line \d+, column \d+:?$/, '').slice(0, 200);
}

/** pnpm can merge a conflicted lockfile itself, so a conflict gets its own message. */
function rejectConflictMarkers(path: string, text: string): void {
  const marker = /^(?:<{7}|={7}|>{7})(?: |$)/m.exec(text);
  if (!marker) return;
  const line = new LineIndex(text).lineAt(marker.index);
  throw new PalisadeError(
    'input',
    `${path}:${line}: unresolved merge conflict; resolve it, or run \`pnpm install\`, which merges conflicted lockfiles`,
  );
}

function rejectDeepNesting(path: string, text: string): void {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 123) {
      if (++depth > MAX_FLOW_NESTING) {
        const line = new LineIndex(text).lineAt(i);
        throw new PalisadeError(
          'input',
          `${path}:${line}: collections nested deeper than ${MAX_FLOW_NESTING} levels, which no pnpm lockfile has; ${REGENERATE}`,
        );
      }
    } else if ((c === 93 || c === 125) && depth > 0) {
      depth--;
    }
  }
}
