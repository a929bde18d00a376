import { dirname } from '../../extractor.ts';
import { Interpolator } from './interpolate.ts';
import { groupIdOf, type Lineage, versionOf } from './lineage.ts';
import type { Pom } from './pom.ts';
import type { PomDependency } from './schema.ts';

export interface ManagedVersion {
  version?: string | undefined;
  scope?: string | undefined;
}

/** What a POM's dependencies are read against: its lineage merged as Maven's inheritance does. */
export interface EffectiveModel {
  groupId?: string | undefined;
  artifactId?: string | undefined;
  /** Raw version; interpolate it. */
  version?: string | undefined;
  interpolator: Interpolator;
  /** `<dependencyManagement>` of the POM and its parents in the repository, by managementKey. */
  managed: Map<string, ManagedVersion>;
  /** Import-scoped BOMs: they manage versions Palisade cannot see. */
  boms: string[];
}

export function effectiveModel(lineage: Lineage): EffectiveModel {
  const [pom, ...parents] = lineage.poms;
  if (!pom) throw new Error('a lineage starts with its POM');
  // Farthest ancestor first, so nearer POMs override what they inherit.
  const ordered = [...parents].reverse().concat(pom);
  const properties = new Map<string, string>();
  for (const ancestor of ordered) {
    for (const [name, value] of ancestor.project.properties ?? []) properties.set(name, value);
  }
  const parent = pom.project.parent;
  const builtins: Record<string, string | undefined> = {
    groupId: groupIdOf(pom),
    artifactId: pom.project.artifactId,
    version: versionOf(pom),
    packaging: pom.project.packaging ?? 'jar',
    'parent.groupId': parent?.groupId,
    'parent.artifactId': parent?.artifactId,
    'parent.version': parent?.version,
    basedir: dirname(pom.path) || '.',
  };
  // `${project.x}` (and the deprecated `${pom.x}`) read the model; other names are properties,
  // then the deprecated bare model names (`${version}`) that Maven 3 still accepts.
  const interpolator = new Interpolator((name) => {
    const model = /^(?:project|pom)\.(.+)$/.exec(name)?.[1];
    const key = model ?? name;
    const own = model === undefined ? properties.get(name) : undefined;
    return own ?? (Object.hasOwn(builtins, key) ? builtins[key] : undefined);
  });
  const { managed, boms } = management(ordered, interpolator);
  return {
    groupId: builtins.groupId,
    artifactId: builtins.artifactId,
    version: builtins.version,
    interpolator,
    managed,
    boms,
  };
}

/** Merged `<dependencyManagement>` of POMs given farthest ancestor first. */
function management(
  poms: Pom[],
  interpolator: Interpolator,
): { managed: Map<string, ManagedVersion>; boms: string[] } {
  const managed = new Map<string, ManagedVersion>();
  const boms: string[] = [];
  for (const pom of poms) {
    for (const entry of pom.project.dependencyManagement?.dependencies?.dependency ?? []) {
      const key = managementKey(entry, interpolator);
      if (key === undefined) continue;
      if (entry.scope !== 'import') {
        managed.set(key, { version: entry.version, scope: entry.scope });
        continue;
      }
      const version = entry.version === undefined ? undefined : textOf(interpolator, entry.version);
      boms.push(`${key.split(':', 2).join(':')}${version === undefined ? '' : `:${version}`}`);
    }
  }
  return { managed, boms };
}

/** Maven's management key: groupId:artifactId:type:classifier, with `jar` as the default type. */
export function managementKey(entry: PomDependency, interpolator: Interpolator): string | undefined {
  const parts = [entry.groupId, entry.artifactId, entry.type ?? 'jar', entry.classifier ?? ''];
  const resolved = parts.map((part) => (part === undefined ? undefined : textOf(interpolator, part)));
  return resolved.some((part) => part === undefined) ? undefined : resolved.join(':');
}

/** The interpolated text, or the raw text when it cannot be interpolated (for messages and keys). */
function textOf(interpolator: Interpolator, raw: string): string | undefined {
  const result = interpolator.interpolate(raw);
  return 'value' in result ? result.value : raw;
}
