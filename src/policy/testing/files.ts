import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { describeError, PalisadeError } from '../../model/index.ts';
import { parseYamlDocuments, type YamlDocument, type YamlPath } from '../yaml.ts';

/** How test files reach the files they name; the CLI uses the file system, tests can pass a map. */
export type ReadText = (path: string) => string;

export const readFromDisk: ReadText = (path) => readFileSync(path, 'utf8');

/** A path named in a test file, relative to that file's folder. */
export function resolveFrom(base: string, ref: string): string {
  return isAbsolute(ref) ? ref : join(dirname(base), ref);
}

/**
 * Reads a file a test document names at `at` and parses its YAML documents; a missing file is a
 * one-line error at the line that names it.
 */
export function readReferenced(
  readText: ReadText,
  doc: YamlDocument,
  at: YamlPath,
  ref: string,
): YamlDocument[] {
  const file = resolveFrom(doc.path, ref);
  let text: string;
  try {
    text = readText(file);
  } catch (error) {
    throw new PalisadeError(
      'input',
      `${doc.path}:${doc.lineOf(at)}: cannot read ${file}: ${describeError(error)}`,
    );
  }
  return parseYamlDocuments(file, text);
}

/** Throws the first problem of a zod validation as `file:line: message`. */
export function validOrThrow<T>(
  validated: { ok: true; value: T } | { ok: false; problems: { line: number; message: string }[] },
  path: string,
): T {
  if (validated.ok) return validated.value;
  const first = validated.problems[0] as { line: number; message: string };
  throw new PalisadeError('input', `${path}:${first.line}: ${first.message}`);
}
