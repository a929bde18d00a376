import type { ComponentSource, Scope } from '../../../model/index.ts';
import { ComponentCollector } from '../../collector.ts';
import { dirname, type ExtractInput, type ExtractResult } from '../../extractor.ts';
import { type EffectiveModel, effectiveModel, managementKey } from './effective.ts';
import { type Lineage, loadLineage } from './lineage.ts';
import { type Pom, readPom } from './pom.ts';
import { reactorModules } from './reactor.ts';
import type { PomDependency } from './schema.ts';

interface Context {
  pom: Pom;
  lineage: Lineage;
  model: EffectiveModel;
  reactor: Map<string, string>;
  collector: ComponentCollector;
}

/**
 * The dependencies a pom.xml declares, all direct: versions, scopes and properties come from the
 * POM and its parents in the repository. Nothing is fetched, so what a parent or BOM outside the
 * repository manages stays unknown and is reported as unresolved. Not read: profiles (activation
 * depends on the build environment), plugin dependencies and extensions (build tooling, not the
 * artifact's), settings.xml and `-D` properties.
 */
export function extractPomXml(input: ExtractInput): ExtractResult {
  const pom = readPom(input.path, input.contents);
  const lineage = loadLineage(pom, input.readFile);
  const model = effectiveModel(lineage);
  const context: Context = {
    pom,
    lineage,
    model,
    reactor: reactorModules(lineage, input.readFile),
    collector: new ComponentCollector('Maven', input.path),
  };
  // Inherited `<dependencies>` are reported once, from the parent's own file.
  for (const dependency of pom.project.dependencies?.dependency ?? []) addDependency(context, dependency);
  return context.collector.result(rootOf(model));
}

function addDependency(context: Context, dependency: PomDependency): void {
  const { pom, model, collector } = context;
  const offset = dependency['#offset'];
  const line = offset === undefined ? 1 : pom.lines.lineAt(offset);
  const name = nameOf(context, dependency, line);
  if (name === undefined) return;
  const managed = model.managed.get(managementKey(dependency, model.interpolator) ?? '');
  const version = versionOf(context, dependency.version ?? managed?.version);
  if (version.problem !== undefined) collector.unresolvedEntry(name, line, version.problem);
  const scope = dependency.scope ?? managed?.scope ?? 'compile';
  collector.add({
    name,
    version: version.value,
    scope: scopeOf(scope, textOf(model, dependency.optional) === 'true'),
    direct: true,
    line,
    source: sourceOf(context, name, scope, dependency),
    qualifiers: qualifiersOf(model, dependency),
  });
}

/** `groupId:artifactId`, or undefined (and an unresolved entry) when either cannot be known. */
function nameOf(context: Context, dependency: PomDependency, line: number): string | undefined {
  const { interpolator } = context.model;
  const label = `${dependency.groupId ?? '?'}:${dependency.artifactId ?? '?'}`;
  if (dependency.groupId === undefined || dependency.artifactId === undefined) {
    context.collector.unresolvedEntry(label, line, 'dependency without groupId or artifactId');
    return undefined;
  }
  const groupId = interpolator.interpolate(dependency.groupId);
  const artifactId = interpolator.interpolate(dependency.artifactId);
  if ('problem' in groupId) context.collector.unresolvedEntry(label, line, groupId.problem);
  else if ('problem' in artifactId) context.collector.unresolvedEntry(label, line, artifactId.problem);
  else return `${groupId.value}:${artifactId.value}`;
  return undefined;
}

function versionOf(context: Context, raw: string | undefined): { value?: string; problem?: string } {
  const { model, lineage } = context;
  const parent = lineage.external;
  if (raw === undefined) {
    const managers = [
      ...(parent
        ? [`parent ${parent.coordinates}${parent.detail === undefined ? '' : ` (${parent.detail})`}`]
        : []),
      ...model.boms.map((bom) => `BOM ${bom}`),
    ];
    return {
      problem:
        managers.length > 0
          ? `version managed by ${managers.join(' or ')}, not in the repository`
          : 'no <version> and no <dependencyManagement> entry for it',
    };
  }
  const interpolated = model.interpolator.interpolate(raw);
  if ('problem' in interpolated) {
    const hint = parent ? ` (it may come from parent ${parent.coordinates}, not in the repository)` : '';
    return { problem: `version ${raw}: ${interpolated.problem}${hint}` };
  }
  const version = interpolated.value.trim();
  if (!/^[[(]/.test(version)) return { value: version };
  // `[1.2.3]` is Maven's pinned "exactly this version"; any other range is chosen at build time.
  const exact = /^\[\s*([^,[\]()\s]+)\s*\]$/.exec(version)?.[1];
  return exact
    ? { value: exact }
    : { problem: `version range ${version} is resolved by Maven at build time` };
}

/**
 * compile, runtime and system dependencies ship with the artifact (the WAR and Spring Boot plugins
 * package system scope too); test ones do not, nor do provided ones, which the runtime container supplies.
 */
function scopeOf(scope: string, optional: boolean): Scope {
  if (scope === 'test' || scope === 'provided') return 'dev';
  return optional ? 'optional' : 'prod';
}

function sourceOf(context: Context, name: string, scope: string, dependency: PomDependency): ComponentSource {
  const module = context.reactor.get(name);
  if (module !== undefined) return { type: 'path', path: dirname(module) || '.', link: true };
  if (scope === 'system' && dependency.systemPath !== undefined) {
    return {
      type: 'path',
      path: textOf(context.model, dependency.systemPath) ?? dependency.systemPath,
      link: false,
    };
  }
  return { type: 'registry' };
}

/** purl-spec maven qualifiers: `classifier`, and `type` when it is not the default `jar`. */
function qualifiersOf(model: EffectiveModel, dependency: PomDependency): Record<string, string> {
  const qualifiers: Record<string, string> = {};
  const classifier = textOf(model, dependency.classifier);
  const type = textOf(model, dependency.type);
  if (classifier) qualifiers.classifier = classifier;
  if (type && type !== 'jar') qualifiers.type = type;
  return qualifiers;
}

function textOf(model: EffectiveModel, raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const result = model.interpolator.interpolate(raw);
  return 'value' in result ? result.value.trim() : raw;
}

function rootOf(model: EffectiveModel): ExtractResult['root'] {
  const groupId = textOf(model, model.groupId);
  const artifactId = textOf(model, model.artifactId);
  if (!groupId || !artifactId) return undefined;
  const version = model.version === undefined ? undefined : model.interpolator.interpolate(model.version);
  return version && 'value' in version
    ? { name: `${groupId}:${artifactId}`, version: version.value }
    : { name: `${groupId}:${artifactId}` };
}
