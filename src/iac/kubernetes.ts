import {
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseAllDocuments,
  type Tags,
} from 'yaml';
import {
  basename,
  type IacInput,
  type IacParseResult,
  type IacResource,
  type IacSkipped,
  inputError,
  nestingDepth,
} from './resource.ts';
import { guardYamlNesting } from './yaml-guard.ts';

/** No manifest set comes near this; a larger file is refused rather than parsed. */
export const MAX_MANIFEST_CHARS = 16 * 1024 * 1024;
/** Deeper objects are hostile (or recursive aliases); CRD schemas stay well below. */
const MAX_OBJECT_DEPTH = 128;
/** Billion-laughs protection: aliases a document may expand. */
const MAX_ALIASES = 100;
const FIX = 'fix the YAML (`kubectl apply --dry-run=client -f` shows the details)';

/**
 * YAML files that are never Kubernetes manifests: lockfiles, CI and tool configuration, Helm chart
 * metadata and values. Skipping them by name keeps a repository scan from reading every one.
 */
const NOT_MANIFESTS = new Set([
  'pnpm-lock.yaml',
  '.gitlab-ci.yml',
  '.travis.yml',
  'docker-compose.yml',
  'docker-compose.yaml',
  'compose.yml',
  'compose.yaml',
  'palisade.yaml',
  '.palisade-ignore.yaml',
  'chart.yaml',
  'values.yaml',
  'values.yml',
  '.pre-commit-config.yaml',
  '.pre-commit-hooks.yaml',
  'mkdocs.yml',
  'action.yml',
  'action.yaml',
  'codecov.yml',
  '.golangci.yml',
  '.golangci.yaml',
  'dependabot.yml',
  'pubspec.yaml',
  'environment.yml',
  'serverless.yml',
  'buildspec.yml',
  'appveyor.yml',
  'azure-pipelines.yml',
  'bitbucket-pipelines.yml',
  '.yamllint.yml',
  '.yamllint.yaml',
]);

export function matchesKubernetes(path: string): boolean {
  if (!/\.ya?ml$/i.test(path)) return false;
  if (path.startsWith('.github/') || path.includes('/.github/')) return false;
  const name = basename(path).toLowerCase();
  return !NOT_MANIFESTS.has(name) && !/^values[-.].*\.ya?ml$/.test(name);
}

/**
 * Kubernetes follows YAML 1.1 through sigs.k8s.io/yaml, so `privileged: yes` is true and would
 * slip past a YAML 1.2 reading. Timestamps, binary and base-60 numbers stay strings, as go-yaml
 * gives them for an untyped field, and as JSON can carry them.
 */
function kubernetesTags(tags: Tags): Tags {
  return tags.filter((tag) => {
    if (typeof tag === 'string') return true;
    return !tag.tag.endsWith(':timestamp') && !tag.tag.endsWith(':binary') && tag.format !== 'TIME';
  });
}

/**
 * Every Kubernetes object of a manifest file (or of `helm template` / `kubectl kustomize` output,
 * or stdin). Documents without `apiVersion` and `kind` are skipped and listed; `List` kinds give
 * their items; a `# Source:` comment (Helm) names the chart template of the documents after it.
 */
export function parseKubernetes(path: string, contents: string): IacParseResult {
  const text = contents.charCodeAt(0) === 0xfeff ? contents.slice(1) : contents;
  if (text.length > MAX_MANIFEST_CHARS) {
    const mb = Math.round(text.length / 1048576);
    throw inputError(
      path,
      1,
      `${mb} MB of YAML is over the ${MAX_MANIFEST_CHARS / 1048576} MB limit`,
      'split it',
    );
  }
  guardYamlNesting(path, text, FIX);
  const lines = new LineCounter();
  const parsed = parseAllDocuments(text, {
    lineCounter: lines,
    schema: 'yaml-1.1',
    customTags: kubernetesTags,
    uniqueKeys: true,
    prettyErrors: false,
    // A map used as a key (`{{ x }}` in an unrendered template) would print a Node warning.
    logLevel: 'error',
  });
  const docs: Document.Parsed[] = Array.isArray(parsed) ? parsed : [];
  const result: IacParseResult = { resources: [], skipped: [] };
  const lineAt = (offset: number): number => lines.linePos(offset).line;

  const error = docs.flatMap((doc) => doc.errors)[0];
  if (error) {
    if (text.includes('{{') && text.includes('}}')) {
      // Go template markup that is not valid YAML: a chart's templates/, not rendered output.
      result.skipped.push({
        path,
        line: 1,
        reason: 'unrendered Helm or Go template; scan `helm template` output',
      });
      return result;
    }
    throw inputError(path, lineAt(error.pos[0]), `invalid YAML (${error.message})`, FIX);
  }

  let previousEnd = 0;
  docs.forEach((doc, index) => {
    const contents = doc.contents as Node | null;
    const start = contents?.range?.[0] ?? doc.range[0];
    const template = helmSource(text.slice(previousEnd, start));
    previousEnd = doc.range[2];
    const line = lineAt(start);
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIASES });
    } catch (cause) {
      throw inputError(path, line, `unreadable YAML (${String(cause)})`, FIX);
    }
    if (value === null || value === undefined) return;
    if (nestingDepth(value, MAX_OBJECT_DEPTH) > MAX_OBJECT_DEPTH) {
      throw inputError(path, line, `YAML nested deeper than ${MAX_OBJECT_DEPTH} levels`, FIX);
    }
    const origin = { path, document: index, template, doc, lineAt };
    collect(origin, value, contents, result);
  });
  return result;
}

interface Origin {
  path: string;
  document: number;
  template: string | undefined;
  doc: Document.Parsed;
  lineAt(offset: number): number;
}

/** Adds `value` as a resource, its items for a List, or a skipped entry for anything else. */
function collect(
  origin: Origin,
  value: unknown,
  node: Node | null,
  result: IacParseResult,
  list?: { kind: string; apiVersion: string },
): void {
  const line = node?.range ? origin.lineAt(node.range[0]) : 1;
  const object = isRecord(value) ? value : undefined;
  // Items of a typed list (PodList) may omit apiVersion and kind: the list names them.
  const kind = str(object?.kind) ?? list?.kind;
  const apiVersion = str(object?.apiVersion) ?? list?.apiVersion;
  if (!object || kind === undefined || apiVersion === undefined) {
    result.skipped.push(skipped(origin, line, 'not a Kubernetes object (no apiVersion and kind)'));
    return;
  }
  if (kind.endsWith('List') && Array.isArray(object.items)) {
    const itemKind = kind === 'List' ? undefined : { kind: kind.slice(0, -4), apiVersion };
    object.items.forEach((item: unknown, i) => {
      const itemNode = isMap(node) ? nodeAt(origin.doc, node, ['items', String(i)]) : null;
      collect(origin, item, itemNode, result, itemKind);
    });
    return;
  }
  const metadata = isRecord(object.metadata) ? object.metadata : {};
  const resource: IacResource = {
    kind,
    apiVersion,
    name: str(metadata.name) ?? str(metadata.generateName) ?? '',
    source: {
      path: origin.path,
      line,
      document: origin.document,
      ...(origin.template === undefined ? {} : { template: origin.template }),
    },
    object: { ...object, kind, apiVersion },
    lineOf: (fieldPath) => lineOfPath(origin, node, fieldPath, line),
  };
  const namespace = str(metadata.namespace);
  if (namespace !== undefined) resource.namespace = namespace;
  result.resources.push(resource);
}

function skipped(origin: Origin, line: number, reason: string): IacSkipped {
  return { path: origin.path, line, document: origin.document, reason };
}

/** Line of the deepest node of `fieldPath` under `root`: a map entry's key, a sequence item. */
function lineOfPath(
  origin: Origin,
  root: Node | null,
  fieldPath: readonly string[],
  fallback: number,
): number {
  let node: unknown = root;
  let line = fallback;
  for (const segment of fieldPath) {
    if (isAlias(node)) node = node.resolve(origin.doc);
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === segment);
      if (!pair) break;
      const keyRange = (pair.key as Node).range;
      if (keyRange) line = origin.lineAt(keyRange[0]);
      node = pair.value;
    } else if (isSeq(node) && /^\d+$/.test(segment)) {
      const item = node.items[Number(segment)] as Node | undefined;
      if (!item) break;
      if (item.range) line = origin.lineAt(item.range[0]);
      node = item;
    } else {
      break;
    }
  }
  return line;
}

function nodeAt(doc: Document.Parsed, root: Node, path: string[]): Node | null {
  let node: unknown = root;
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) node = node.items.find((p) => isScalar(p.key) && String(p.key.value) === segment)?.value;
    else if (isSeq(node)) node = node.items[Number(segment)];
    else return null;
  }
  return isAlias(node) ? (node.resolve(doc) ?? null) : ((node as Node | undefined) ?? null);
}

/** The template a Helm `# Source: chart/templates/x.yaml` comment names, last one wins. */
function helmSource(between: string): string | undefined {
  let found: string | undefined;
  // Greedy up to the line end and trimmed after: no backtracking over long runs of blanks.
  for (const match of between.matchAll(/^[ \t]*#[ \t]*Source:[ \t]*(\S[^\r\n]*)/gm))
    found = match[1]?.trimEnd();
  return found;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export const kubernetes: IacInput = {
  name: 'kubernetes',
  version: 1,
  matches: matchesKubernetes,
  parse: async (path, text) => parseKubernetes(path, text),
};
