import { PalisadeError } from '../../../model/index.ts';
import type { LineIndex } from '../../lines.ts';
import { type PomProject, pomProject } from './schema.ts';
import { parseXml } from './xml.ts';

export const REGENERATE = 'fix the XML so that `mvn validate` accepts it';

export interface Pom {
  path: string;
  project: PomProject;
  lines: LineIndex;
}

/** Parses one pom.xml into the fields that decide its dependencies. */
export function readPom(path: string, text: string): Pom {
  const document = parseXml(path, text, REGENERATE);
  if (document.rootName !== 'project') {
    throw new PalisadeError(
      'input',
      `${path}:1: not a Maven POM (document element <${document.rootName.slice(0, 40)}>, expected <project>); ${REGENERATE}`,
    );
  }
  const parsed = pomProject.safeParse(document.root === '' ? {} : document.root);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path ?? [];
    const offset = offsetAlong(document.root, where);
    const line = offset === undefined ? 1 : document.lines.lineAt(offset);
    const element = where.filter((p) => typeof p === 'string').join('/') || 'project';
    throw new PalisadeError(
      'input',
      `${path}:${line}: <${element}>: ${issue?.message ?? 'unexpected shape'}; ${REGENERATE}`,
    );
  }
  return { path, project: parsed.data, lines: document.lines };
}

/** Offset of the innermost element along a schema issue's path. */
function offsetAlong(root: unknown, path: readonly PropertyKey[]): number | undefined {
  let node = root;
  let offset = offsetOf(node);
  for (const key of path) {
    if (Array.isArray(node)) node = typeof key === 'number' ? node[key] : undefined;
    else if (key === 0) continue;
    else if (typeof node === 'object' && node !== null && typeof key === 'string') {
      node = (node as Record<string, unknown>)[key];
    } else break;
    offset = offsetOf(node) ?? offset;
  }
  return offset;
}

function offsetOf(node: unknown): number | undefined {
  const offset =
    typeof node === 'object' && node !== null ? (node as Record<string, unknown>)['#offset'] : undefined;
  return typeof offset === 'number' ? offset : undefined;
}
