import { z } from 'zod';
import { normalizePypiName } from '../../model/index.ts';
import type { ComponentCollector } from '../collector.ts';
import type { ExtractInput } from '../extractor.ts';
import type { DeclaredDependencies, DependencyRef } from './graph.ts';
import { formatSpecifiers, parseRequirement } from './pep508.ts';
import { readSiblingToml } from './toml.ts';

// Lenient: pyproject.toml is a sibling consulted for direct dependencies, not the file being scanned,
// so a field of an unexpected shape is ignored rather than failing the lockfile.
const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
const requirementList = lenient(z.array(z.unknown()));
const requirementGroups = lenient(z.record(z.string(), z.array(z.unknown())));
const poetryTable = lenient(z.record(z.string(), z.unknown()));

const PyprojectSchema = z.looseObject({
  project: lenient(
    z.looseObject({
      name: lenient(z.string()),
      version: lenient(z.string()),
      dependencies: requirementList,
      'optional-dependencies': requirementGroups,
    }),
  ),
  'dependency-groups': requirementGroups,
  tool: lenient(
    z.looseObject({
      poetry: lenient(
        z.looseObject({
          name: lenient(z.string()),
          version: lenient(z.string()),
          dependencies: poetryTable,
          'dev-dependencies': poetryTable,
          group: lenient(z.record(z.string(), z.looseObject({ dependencies: poetryTable }))),
        }),
      ),
      pdm: lenient(z.looseObject({ 'dev-dependencies': requirementGroups })),
      uv: lenient(z.looseObject({ 'dev-dependencies': requirementList })),
    }),
  ),
});

type Pyproject = z.infer<typeof PyprojectSchema>;

export interface ProjectManifest {
  declared: DeclaredDependencies;
  /** Names of the `[project.optional-dependencies]` extras, which lockfiles with groups (PDM) mix with dev groups. */
  extras: Set<string>;
  root?: { name: string; version?: string };
}

/**
 * The dependencies the project declares in the pyproject.toml beside a lockfile (PEP 621 `[project]`,
 * PEP 735 `[dependency-groups]`, Poetry's and PDM's own tables), or undefined without one.
 */
export function readPyproject(
  input: ExtractInput,
  collector: ComponentCollector,
): ProjectManifest | undefined {
  const document = readSiblingToml(input, 'pyproject.toml', collector);
  return document === undefined ? undefined : manifestOf(PyprojectSchema.parse(document));
}

function manifestOf(document: Pyproject): ProjectManifest {
  const { project, tool } = document;
  const poetry = tool?.poetry;
  const declared: DeclaredDependencies = {
    prod: [...fromRequirements(project?.dependencies), ...fromPoetryTable(poetry?.dependencies, false)],
    optional: [
      ...Object.values(project?.['optional-dependencies'] ?? {}).flatMap(fromRequirements),
      ...fromPoetryTable(poetry?.dependencies, true),
    ],
    dev: [
      ...Object.values(document['dependency-groups'] ?? {}).flatMap(fromRequirements),
      ...fromPoetryTable(poetry?.['dev-dependencies'], undefined),
      ...Object.values(poetry?.group ?? {}).flatMap((g) => fromPoetryTable(g.dependencies, undefined)),
      ...Object.values(tool?.pdm?.['dev-dependencies'] ?? {}).flatMap(fromRequirements),
      ...fromRequirements(tool?.uv?.['dev-dependencies']),
    ],
  };
  const extras = new Set(Object.keys(project?.['optional-dependencies'] ?? {}).map(normalizePypiName));
  const name = project?.name ?? poetry?.name;
  const version = project?.version ?? poetry?.version;
  if (name === undefined) return { declared, extras };
  return { declared, extras, root: version === undefined ? { name } : { name, version } };
}

/** PEP 508 strings; other items (PEP 735 `{ include-group = … }` tables) name no package. */
export function fromRequirements(items: readonly unknown[] | undefined): DependencyRef[] {
  const refs: DependencyRef[] = [];
  for (const item of items ?? []) {
    if (typeof item !== 'string') continue;
    const parsed = parseRequirement(item);
    if (!parsed.ok) continue;
    const { name, specifiers, extras } = parsed.value;
    refs.push({ name, specifier: formatSpecifiers(specifiers), extras });
  }
  return refs;
}

/**
 * Poetry's `name = "^1.2"` / `name = { version, extras, optional }` / `name = [ … ]` tables.
 * `optional` picks the entries by their `optional` flag; undefined takes them all.
 */
function fromPoetryTable(
  table: Record<string, unknown> | undefined,
  optional: boolean | undefined,
): DependencyRef[] {
  const refs: DependencyRef[] = [];
  for (const [name, spec] of Object.entries(table ?? {})) {
    if (name.toLowerCase() === 'python') continue;
    const constraint = PoetryConstraint.safeParse(spec).data;
    if (optional !== undefined && (constraint?.optional ?? false) !== optional) continue;
    refs.push({ name, extras: constraint?.extras ?? [] });
  }
  return refs;
}

const PoetryConstraint = z.looseObject({
  optional: lenient(z.boolean()),
  extras: lenient(z.array(z.string())),
});
