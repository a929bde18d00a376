import { parse as parseToml } from 'smol-toml';
import { dirname, type ExtractInput } from '../../extractor.ts';

const BUILD_FILES = ['build.gradle', 'build.gradle.kts'];
const CATALOG = 'gradle/libs.versions.toml';

// 'group:name', 'group:name:version', "group:name:$version@jar" in Groovy or Kotlin strings.
const COORDINATE = /["']([\w.-]+):([\w.-]+)(?::[^"'\s]*)?["']/g;
// group: 'g', name: 'a' (Groovy map) and group = "g", name = "a" (Kotlin named arguments).
const MAP_NOTATION = /\bgroup\s*[:=]\s*["']([\w.-]+)["']\s*,\s*name\s*[:=]\s*["']([\w.-]+)["']/g;
// id("org.springframework.boot") / id 'org.springframework.boot' in a plugins block.
const PLUGIN_ID = /\bid\s*\(?\s*["']([\w.-]+)["']/g;
// libs.some.alias, libs.bundles.some.bundle and libs.plugins.some.plugin, the type-safe accessors of the version catalog.
const CATALOG_ACCESSOR = /\blibs\.([\w.]+)/g;

/**
 * The groupId:artifactId pairs the project's build script names, to tell direct dependencies from
 * transitive ones. A deliberately simple reading of build.gradle(.kts) beside the lockfile: coordinate
 * strings, group/name maps, plugin ids (as their `<id>:<id>.gradle.plugin` marker modules, which the
 * buildscript lockfile lists) and `libs.…` accessors of gradle/libs.versions.toml (looked up from the
 * project directory towards the root). Coordinates built at run time (string concatenation, custom
 * helpers, buildSrc constants) are not seen, so those dependencies stay direct: false.
 * Undefined when no build script is found: directness is then unknown.
 */
export function declaredModules(input: ExtractInput, projectDir: string): Set<string> | undefined {
  const scripts = BUILD_FILES.map((name) => input.readFile(join(projectDir, name))).filter(
    (text): text is string => text !== undefined,
  );
  if (scripts.length === 0) return undefined;
  const declared = new Set<string>();
  const catalog = findCatalog(input, projectDir);
  for (const script of scripts) {
    for (const [, group, name] of script.matchAll(COORDINATE)) declared.add(`${group}:${name}`);
    for (const [, group, name] of script.matchAll(MAP_NOTATION)) declared.add(`${group}:${name}`);
    for (const [, id] of script.matchAll(PLUGIN_ID)) declared.add(pluginMarker(id ?? ''));
    for (const [, accessor] of script.matchAll(CATALOG_ACCESSOR)) {
      for (const module of lookUp(catalog, accessor ?? '')) declared.add(module);
    }
  }
  return declared;
}

/** The longest accessor prefix the catalog knows: `libs.jackson.databind.get()` is jackson-databind. */
function lookUp(catalog: Map<string, string[]>, accessor: string): string[] {
  const parts = normalizeAlias(accessor).split('.');
  for (let n = parts.length; n > 0; n--) {
    const modules = catalog.get(parts.slice(0, n).join('.'));
    if (modules) return modules;
  }
  return [];
}

/** Catalog accessors (normalized, bundles as `bundles.x`) to the modules they stand for. */
function findCatalog(input: ExtractInput, projectDir: string): Map<string, string[]> {
  for (let dir: string | undefined = projectDir; dir !== undefined; dir = parentOf(dir)) {
    const text = input.readFile(join(dir, CATALOG));
    if (text !== undefined) return readCatalog(text);
  }
  return new Map();
}

function readCatalog(text: string): Map<string, string[]> {
  const accessors = new Map<string, string[]>();
  let document: Record<string, unknown>;
  try {
    document = parseToml(text);
  } catch {
    // A broken catalog breaks the build too; directness is then just not learned from it.
    return accessors;
  }
  const libraries = asRecord(document.libraries);
  for (const [alias, entry] of Object.entries(libraries)) {
    const module = moduleOf(entry);
    if (module) accessors.set(normalizeAlias(alias), [module]);
  }
  for (const [alias, members] of Object.entries(asRecord(document.bundles))) {
    if (!Array.isArray(members)) continue;
    const modules = members.flatMap((member) =>
      typeof member === 'string' ? (accessors.get(normalizeAlias(member)) ?? []) : [],
    );
    accessors.set(`bundles.${normalizeAlias(alias)}`, modules);
  }
  for (const [alias, entry] of Object.entries(asRecord(document.plugins))) {
    const id = typeof entry === 'string' ? entry.split(':')[0] : asRecord(entry).id;
    if (typeof id === 'string') accessors.set(`plugins.${normalizeAlias(alias)}`, [pluginMarker(id)]);
  }
  return accessors;
}

/** `"g:a:v"`, `{ module = "g:a" }` or `{ group = "g", name = "a" }`. */
function moduleOf(entry: unknown): string | undefined {
  if (typeof entry === 'string') return entry.split(':').slice(0, 2).join(':');
  const record = asRecord(entry);
  if (typeof record.module === 'string') return record.module;
  if (typeof record.group === 'string' && typeof record.name === 'string')
    return `${record.group}:${record.name}`;
  return undefined;
}

/** The marker module by which Gradle resolves a plugin id from a repository. */
function pluginMarker(id: string): string {
  return `${id}:${id}.gradle.plugin`;
}

/** Gradle maps `-`, `_` and `.` in aliases to the same accessor separator. */
function normalizeAlias(alias: string): string {
  return alias.replace(/[-_]/g, '.');
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function join(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

function parentOf(dir: string): string | undefined {
  return dir === '' ? undefined : dirname(dir);
}
