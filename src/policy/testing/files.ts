import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { describeError, PalisadeError } from '../../model/index.ts';
import type { PolicyIssue } from '../issues.ts';
import { MAX_YAML_BYTES, parseYamlDocuments, type YamlDocument, type YamlPath } from '../yaml.ts';

/** How test files reach the files they name; the CLI uses the file system, tests can pass a map. */
export type ReadText = (path: string) => string;

export const readFromDisk: ReadText = (path) => readFileSync(path, 'utf8');

/**
 * The folder a test path may read from: the git repository that holds it, else the folder given
 * (or the folder of the file given). Suites come from pull requests, so `../../etc/passwd`, an
 * absolute path or a symlink must not make `policy test` read (and echo parse errors of) files
 * elsewhere on the machine.
 */
export function testRoot(path: string): string {
  const real = realpathSync(path);
  const start = statSync(real).isDirectory() ? real : dirname(real);
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return start;
  }
}

function isInside(root: string, file: string): boolean {
  const rel = relative(root, file);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/**
 * Reads from disk only files inside one of `roots` (after following symlinks), and none larger
 * than a test fixture can be; anything else is refused with the reason, before it is read.
 */
export function confinedReader(roots: readonly string[]): ReadText {
  const realRoots = roots.map((r) => realpathSync(resolve(r)));
  return (path) => {
    if (!existsSync(path)) {
      throw new PalisadeError('input', 'no such file (paths are relative to the test file)');
    }
    const real = realpathSync(path);
    if (!realRoots.some((root) => isInside(root, real))) {
      throw new PalisadeError(
        'input',
        `it is outside ${realRoots.join(', ')}; a test names only files inside its repository (copy the file next to the test)`,
      );
    }
    if (statSync(real).size > MAX_YAML_BYTES) {
      throw new PalisadeError(
        'input',
        `it is larger than ${MAX_YAML_BYTES / 1024 / 1024} MiB; a test fixture is far smaller (trim it)`,
      );
    }
    return readFileSync(real, 'utf8');
  };
}

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

/**
 * A test file's error as a report issue. Errors about the test file itself already start with
 * `path:line: `; that line is used instead of repeating the path.
 */
export function issueOf(path: string, line: number, error: unknown, prefix = ''): PolicyIssue {
  const message = describeError(error);
  const own = message.startsWith(`${path}:`) ? /^:(\d+): /.exec(message.slice(path.length)) : null;
  if (!own) return { path, line, severity: 'error', message: `${prefix}${message}` };
  const rest = message.slice(path.length + own[0].length);
  return { path, line: Number(own[1]), severity: 'error', message: `${prefix}${rest}` };
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
