import { PalisadeError, type Scope } from '../../../model/index.ts';
import { ComponentCollector } from '../../collector.ts';
import { type ExtractInput, type ExtractResult, resolveSibling } from '../../extractor.ts';
import { identifyKey, type LockFormat, packageKeyOfSnapshot, referenceKey } from './dep-path.ts';
import { type LockDocument, readLockDocuments } from './documents.ts';
import { LockGraph, type LockNode, type NodeEntry } from './graph.ts';
import {
  DEPENDENCY_GROUPS,
  type DependencyGroup,
  entryIssue,
  type Importer,
  isRecord,
  type LockEntry,
  type Lockfile,
  lockfileSchema,
  manifestSchema,
} from './schema.ts';
import { sourceOf, sourceQualifiers } from './sources.ts';

const REGENERATE = 'regenerate it with `pnpm install`';
const EMPTY: LockEntry = {};

const GROUP_SCOPES: Record<DependencyGroup, Scope> = {
  dependencies: 'prod',
  devDependencies: 'dev',
  optionalDependencies: 'optional',
  configDependencies: 'dev',
  packageManagerDependencies: 'dev',
};

/** What the steps of one document's extraction share. */
interface DocumentContext {
  input: ExtractInput;
  doc: LockDocument;
  lock: Lockfile;
  format: LockFormat;
  graph: LockGraph;
  collector: ComponentCollector;
  /** The node a reference's key stands for, or undefined when the lockfile has no such entry. */
  resolve(key: string): LockNode | undefined;
  /** Key to the name of the first dependency that points at it; built only when a key names no package. */
  referenceNames?: Map<string, string>;
}

/**
 * pnpm-lock.yaml, lockfile formats 5.x (pnpm 3 to 7), 6.x (pnpm 8) and 9.x (pnpm 9 and later).
 * Every document of the file counts: pnpm 11+ puts the packages it installs for itself (config
 * dependencies, its own binary) in a document before the project's, and those are installed too.
 */
export function extractPnpmLock(input: ExtractInput): ExtractResult {
  const { path, contents } = input;
  if (contents.trim() === '') throw new PalisadeError('input', `${path}:1: empty file; ${REGENERATE}`);
  const docs = readLockDocuments(path, contents);
  if (docs.length === 0)
    throw new PalisadeError('input', `${path}:1: no YAML document in the file; ${REGENERATE}`);
  const collector = new ComponentCollector('npm', path);
  for (const doc of docs) addDocument(input, doc, collector);
  return collector.result(projectRoot(input));
}

function addDocument(input: ExtractInput, doc: LockDocument, collector: ComponentCollector): void {
  const lock = validate(input.path, doc);
  const format = formatOf(input.path, doc, lock.lockfileVersion);
  const graph = new LockGraph();
  // A 9.x reference names a snapshot; one to a package without snapshots names the package.
  const resolve =
    format === 9
      ? (key: string) => graph.node(key) ?? graph.node(packageKeyOfSnapshot(key))
      : (key: string) => graph.node(key);
  const context: DocumentContext = { input, doc, lock, format, graph, collector, resolve };
  if (format === 9) addSnapshots(context);
  else addPackages(context);
  addImporters(context);
  graph.emit(collector, format === 9 ? 'walk' : 'flags');
}

function validate(path: string, doc: LockDocument): Lockfile {
  const value = doc.value;
  if (!isRecord(value) || !('lockfileVersion' in value)) {
    throw new PalisadeError(
      'input',
      `${path}:${doc.lineOf('')}: not a pnpm lockfile (no lockfileVersion); ${REGENERATE}`,
    );
  }
  const parsed = lockfileSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const [section = '', key, ...field] = (issue?.path ?? []).map(String);
  throw malformed(
    path,
    doc,
    section,
    key,
    field.join('.'),
    (issue?.message ?? 'invalid').replace(/^Invalid input: /, ''),
  );
}

function malformed(
  path: string,
  doc: LockDocument,
  section: string,
  key: string | undefined,
  field: string,
  why: string,
): PalisadeError {
  const where = key === undefined ? `'${section}'` : `${section} entry '${clip(key)}'`;
  const what = field === '' ? '' : ` field ${clip(field)}`;
  return new PalisadeError(
    'input',
    `${path}:${doc.lineOf(section, key)}: malformed ${where}${what} (${why}); ${REGENERATE}`,
  );
}

/** The entries of `packages` or `snapshots`, each checked once; the first malformed one fails the file. */
function checkedEntries(
  context: DocumentContext,
  section: 'packages' | 'snapshots',
): Record<string, LockEntry | null> {
  const entries = context.lock[section] ?? {};
  for (const key in entries) {
    const issue = entryIssue(entries[key]);
    if (issue) throw malformed(context.input.path, context.doc, section, key, issue.field, issue.message);
  }
  return entries as Record<string, LockEntry | null>;
}

function formatOf(path: string, doc: LockDocument, version: string | number): LockFormat {
  const major = Number.parseInt(String(version), 10);
  if (major === 5 || major === 6 || major === 9) return major;
  throw new PalisadeError(
    'input',
    `${path}:${doc.lineOf('lockfileVersion')}: unsupported lockfileVersion '${clip(String(version))}' (5.x, 6.x and 9.x are read); ${REGENERATE} using pnpm 7 or later`,
  );
}

/** 5.x and 6.x: one entry per package and peer variant in `packages`, with pnpm's dev/optional flags. */
function addPackages(context: DocumentContext): void {
  const { doc, graph } = context;
  const packages = checkedEntries(context, 'packages');
  const nodes: [LockNode, string, LockEntry][] = [];
  for (const key in packages) {
    const entry = packages[key] ?? EMPTY;
    const node = nodeEntry(context, key, entry, doc.lineOf('packages', key));
    const flag = entry.dev === true ? 'dev' : entry.optional === true ? 'optional' : 'prod';
    if (node) nodes.push([graph.addNode(key, node, flag), key, entry]);
  }
  for (const [node, key, entry] of nodes) addEdges(context, node, key, entry);
}

/**
 * 9.x: metadata per package in `packages`, dependencies per peer variant in `snapshots`. Each
 * snapshot is a node at its package's line; a package no snapshot names is a node of its own.
 */
function addSnapshots(context: DocumentContext): void {
  const { doc, graph } = context;
  const packages = checkedEntries(context, 'packages');
  const snapshots = checkedEntries(context, 'snapshots');
  const described = new Set<string>();
  const nodes: [LockNode, string, LockEntry][] = [];
  for (const key in snapshots) {
    const packageKey = packageKeyOfSnapshot(key);
    const meta = Object.hasOwn(packages, packageKey) ? packages[packageKey] : undefined;
    const line = meta === undefined ? doc.lineOf('snapshots', key) : doc.lineOf('packages', packageKey);
    described.add(packageKey);
    const node = nodeEntry(context, packageKey, meta ?? EMPTY, line);
    if (node) nodes.push([graph.addNode(key, node), key, snapshots[key] ?? EMPTY]);
  }
  for (const key in packages) {
    if (described.has(key)) continue;
    const node = nodeEntry(context, key, packages[key] ?? EMPTY, doc.lineOf('packages', key));
    if (node) graph.addNode(key, node);
  }
  for (const [node, key, entry] of nodes) addEdges(context, node, key, entry);
}

function nodeEntry(
  context: DocumentContext,
  key: string,
  entry: LockEntry,
  line: number,
): NodeEntry | undefined {
  const identity = identifyKey(context.format, key);
  const name = entry.name ?? identity?.name ?? nameOfReferences(context, key);
  if (name === undefined) {
    context.collector.unresolvedEntry(
      clip(key),
      line,
      `no package name in the key or the entry; ${REGENERATE}`,
    );
    return undefined;
  }
  const source = sourceOf(entry.resolution, identity?.version !== undefined);
  let version = entry.version ?? identity?.version;
  // 9.x records no version for a `file:` directory; its package.json has it.
  if (version === undefined && source.type === 'path') {
    version = readManifest(context.input, `${source.path}/package.json`)?.version;
  }
  const qualifiers = sourceQualifiers(source);
  const node: NodeEntry = { name, version, line, source };
  if (qualifiers) node.qualifiers = qualifiers;
  return node;
}

/**
 * The name under which a package is installed, for 5.x/6.x entries whose key and fields do not say
 * (pnpm 7 writes a `git+file:///` dependency as `/path/to/repo/<sha>` with no `name`).
 */
function nameOfReferences(context: DocumentContext, key: string): string | undefined {
  if (!context.referenceNames) {
    const names = new Map<string, string>();
    const note = (dependencies: Record<string, unknown> | undefined): void => {
      for (const [name, spec] of Object.entries(dependencies ?? {})) {
        const reference = typeof spec === 'string' ? spec : isRecord(spec) ? spec.version : undefined;
        const target =
          typeof reference === 'string' ? referenceKey(context.format, name, reference) : undefined;
        if (target !== undefined && !names.has(target)) names.set(target, name);
      }
    };
    for (const [importer] of importersOf(context))
      for (const group of DEPENDENCY_GROUPS) note(importer[group]);
    for (const entry of Object.values(checkedEntries(context, 'packages'))) {
      note(entry?.dependencies);
      note(entry?.optionalDependencies);
    }
    context.referenceNames = names;
  }
  return context.referenceNames.get(key);
}

function addEdges(context: DocumentContext, from: LockNode, key: string, entry: LockEntry): void {
  addGroupEdges(context, from, key, entry, 'dependencies');
  addGroupEdges(context, from, key, entry, 'optionalDependencies');
}

function addGroupEdges(
  context: DocumentContext,
  from: LockNode,
  key: string,
  entry: LockEntry,
  group: 'dependencies' | 'optionalDependencies',
): void {
  const dependencies = entry[group];
  if (dependencies === undefined) return;
  const section = context.format === 9 ? 'snapshots' : 'packages';
  for (const name in dependencies) {
    const reference: unknown = dependencies[name];
    if (typeof reference !== 'string') {
      const why = `expected string, received ${reference === null ? 'null' : typeof reference}`;
      throw malformed(context.input.path, context.doc, section, key, `${group}.${name}`, why);
    }
    const target = referenceKey(context.format, name, reference);
    if (target === undefined) continue;
    const to = context.resolve(target);
    if (to !== undefined) context.graph.addEdge(from, to, group === 'optionalDependencies');
    else
      context.collector.unresolvedEntry(
        `${name}@${clip(reference)}`,
        context.doc.lineOf(section, key),
        `needed by ${clip(key)} but not in the lockfile; ${REGENERATE}`,
      );
  }
}

/** The projects of the document: `importers`, or the top-level groups of a single-project 5.x/6.x lockfile. */
function addImporters(context: DocumentContext): void {
  const { format, graph, collector } = context;
  for (const [importer, lineOf] of importersOf(context)) {
    for (const group of DEPENDENCY_GROUPS) {
      for (const [name, spec] of Object.entries(importer[group] ?? {})) {
        const reference = typeof spec === 'string' ? spec : spec.version;
        const key = referenceKey(format, name, reference);
        if (key === undefined) continue;
        const node = context.resolve(key);
        if (node !== undefined) graph.addRoot(node, GROUP_SCOPES[group]);
        else
          collector.unresolvedEntry(
            `${name}@${clip(reference)}`,
            lineOf(group, name),
            `declared but not in the lockfile's packages; ${REGENERATE}`,
          );
      }
    }
  }
}

/** Each importer with the line to report its dependencies at. */
function importersOf(
  context: DocumentContext,
): [Importer, (group: DependencyGroup, name: string) => number][] {
  const { lock, doc } = context;
  return lock.importers
    ? Object.entries(lock.importers).map(([id, importer]) => [
        importer ?? {},
        () => doc.lineOf('importers', id),
      ])
    : [[lock, (group, name) => doc.lineOf(group, name)]];
}

function projectRoot(input: ExtractInput): ExtractResult['root'] {
  const manifest = readManifest(input, 'package.json');
  if (manifest?.name === undefined) return undefined;
  return manifest.version === undefined
    ? { name: manifest.name }
    : { name: manifest.name, version: manifest.version };
}

/** A package.json at `relative` to the lockfile's directory; undefined when absent or unreadable. */
function readManifest(
  input: ExtractInput,
  relative: string,
): { name?: string | undefined; version?: string | undefined } | undefined {
  const text = input.readFile(resolveSibling(input.path, relative));
  if (text === undefined) return undefined;
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps hostile keys from turning a one-line message into megabytes. */
function clip(text: string): string {
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
