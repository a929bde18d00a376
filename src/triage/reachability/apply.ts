import type { Component, Finding, Reachability } from '../../model/index.ts';
import { importOf } from './python.ts';
import { vulnerableSymbols, wrapperExports } from './symbols.ts';
import type {
  ImportStep,
  JsReachability,
  PackageReach,
  PythonReachability,
  ReachabilityAnalysis,
} from './types.ts';

/** Why a finding got its reachability: the import chain (scan-root paths) and one sentence. */
export interface ReachabilityVerdict {
  reachability: Reachability;
  /** `file:line` steps from the entry point (or manifest) to the import of the package, then its use. */
  chain: string[];
  reason: string;
}

/**
 * Sets `reachability` on every finding whose component an analysis covers (the analysis of the
 * directory of the component's lockfile or manifest), and adds the evidence to `evidence`.
 * Function level: when the advisory names vulnerable exports, a package whose importers use one
 * is `function-reachable`; one that uses none stays `imported` (never less: instance methods and
 * values passed around are not traced). Findings no analysis covers are returned unchanged.
 */
export function applyReachability(
  findings: readonly Finding[],
  analyses: readonly ReachabilityAnalysis[],
  components: readonly Component[],
): Finding[] {
  const verdicts = new PackageVerdicts(analyses, components);
  return findings.map((finding) => {
    const verdict = verdicts.forFinding(finding);
    if (!verdict) return finding;
    const chain = verdict.chain.length > 0 ? ` (${verdict.chain.join(' > ')})` : '';
    const marker = finding.evidence.indexOf(EVIDENCE_MARKER);
    const base = marker < 0 ? finding.evidence : finding.evidence.slice(0, marker);
    return {
      ...finding,
      reachability: verdict.reachability,
      evidence: `${base}${EVIDENCE_MARKER}${verdict.reachability}: ${verdict.reason}${chain}`,
    };
  });
}

/** Where the reachability evidence starts in `Finding.evidence` (reports and --explain look for it). */
export const EVIDENCE_MARKER = '; reachability: ';

/** Package-level verdicts per lockfile, computed once; function level per finding on top. */
export class PackageVerdicts {
  private readonly analyses: readonly ReachabilityAnalysis[];
  private readonly byFile = new Map<string, Component[]>();
  private readonly cache = new Map<string, Map<string, PackageVerdict>>();

  constructor(analyses: readonly ReachabilityAnalysis[], components: readonly Component[]) {
    this.analyses = analyses;
    for (const c of components) {
      const list = this.byFile.get(c.location.path) ?? [];
      list.push(c);
      this.byFile.set(c.location.path, list);
    }
  }

  forFinding(finding: Finding): ReachabilityVerdict | undefined {
    const component = finding.component;
    if (!component) return undefined;
    const verdict = this.forComponent(component);
    if (!verdict) return undefined;
    if (verdict.reachability !== 'imported' || !verdict.reach) return verdict;
    return functionLevel(verdict, verdict.reach, finding, verdict.root);
  }

  forComponent(component: Component): PackageVerdict | undefined {
    const analysis = this.analysisFor(component);
    if (!analysis) return undefined;
    let verdicts = this.cache.get(component.location.path);
    if (!verdicts) {
      const siblings = (this.byFile.get(component.location.path) ?? [component]).filter(
        (c) => c.ecosystem === component.ecosystem,
      );
      verdicts =
        analysis.ecosystem === 'npm' ? npmVerdicts(analysis, siblings) : pythonVerdicts(analysis, siblings);
      this.cache.set(component.location.path, verdicts);
    }
    return verdicts.get(component.purl);
  }

  private analysisFor(component: Component): ReachabilityAnalysis | undefined {
    const dir = dirname(component.location.path);
    return this.analyses.find((a) => a.root === dir && a.ecosystem === component.ecosystem);
  }
}

interface PackageVerdict extends ReachabilityVerdict {
  /** The analysis record behind an `imported` verdict, for the function-level step. */
  reach?: PackageReach;
  root: string;
}

function npmVerdicts(analysis: JsReachability, components: Component[]): Map<string, PackageVerdict> {
  const verdicts = new Map<string, PackageVerdict>();
  const root = analysis.root;
  const projectModules = analysis.modules.filter((m) => m.package === undefined).length;
  const lockVersions = versionsByName(components);
  for (const component of components) {
    const reach = recordFor(analysis, component, lockVersions);
    if (reach?.status === 'imported') {
      verdicts.set(component.purl, {
        reachability: 'imported',
        chain: [...reach.chain.map((s) => step(root, s)), component.name],
        reason: importedReason(component, reach),
        reach,
        root,
      });
    } else if (reach?.status === 'unknown') {
      verdicts.set(component.purl, {
        reachability: 'unknown',
        chain: [],
        reason: unknownReason(reach, root),
        root,
      });
    }
  }
  markBehindUnanalysed(components, verdicts, root);
  for (const component of components) {
    if (verdicts.has(component.purl)) continue;
    verdicts.set(component.purl, unreachable(component, analysis, projectModules));
  }
  return verdicts;
}

/** Why an unknown package may be loaded, with scan-root paths. */
function unknownReason(reach: PackageReach, root: string): string {
  const cause = reach.cause;
  if (!cause) return reach.reason ?? 'may be loaded';
  const at = step(root, cause.site);
  const what =
    cause.kind === 'string'
      ? `named in a string at ${at}; a framework may load it by name`
      : cause.kind === 'unparsed'
        ? `may be loaded by ${join(root, cause.site.path)}, which could not be parsed`
        : `may be loaded by the non-literal ${cause.kind} at ${at}`;
  return cause.via ? `a dependency of ${cause.via}, which ${what}` : what;
}

function importedReason(component: Component, reach: PackageReach): string {
  const dev = component.scope === 'dev' ? 'dev dependency, but ' : '';
  const followed = reach.followed ? '' : ' (not installed here, so its own imports were not followed)';
  return `${dev}imported by production code${followed}`;
}

/**
 * Components that only packages whose code was not read (not installed, or loaded dynamically)
 * depend on: what that code loads is not known, so neither is theirs.
 */
function markBehindUnanalysed(
  components: Component[],
  verdicts: Map<string, PackageVerdict>,
  root: string,
): void {
  const byPurl = new Map(components.map((c) => [c.purl, c]));
  const queue: Array<{ purl: string; via: Component }> = [];
  for (const c of components) {
    const v = verdicts.get(c.purl);
    if (v?.reachability === 'unknown' || (v?.reachability === 'imported' && !v.reach?.followed)) {
      for (const d of c.dependencies) queue.push({ purl: d, via: c });
    }
  }
  for (let i = 0; i < queue.length; i++) {
    const { purl, via } = queue[i]!;
    const component = byPurl.get(purl);
    if (!component || verdicts.has(purl)) continue;
    verdicts.set(purl, {
      reachability: 'unknown',
      chain: [],
      reason: `a dependency of ${via.name}@${via.version ?? ''}, whose code was not analysed (not installed or loaded dynamically)`,
      root,
    });
    for (const d of component.dependencies) queue.push({ purl: d, via: component });
  }
}

function unreachable(component: Component, analysis: JsReachability, projectModules: number): PackageVerdict {
  const root = analysis.root;
  if (projectModules === 0) {
    return {
      reachability: 'unknown',
      chain: [],
      reason: 'no project source file was reached from an entry point',
      root,
    };
  }
  const entries = analysis.entryPointsInferred
    ? `${projectModules} production source files`
    : `the entry points ${analysis.entryPoints.map((e) => join(root, e)).join(', ')}`;
  if (component.scope === 'dev') {
    return {
      reachability: 'unreachable',
      chain: [],
      reason: `dev-only: no production module reachable from ${entries} imports it`,
      root,
    };
  }
  const where = component.direct
    ? `no module reachable from ${entries} imports it`
    : analysis.nodeModules
      ? `no installed code reachable from ${entries} requires it`
      : 'every package that depends on it is unreachable';
  return { reachability: 'unreachable', chain: [], reason: where, root };
}

/** The analysis record of a lockfile component: its installed version, or a copy of unknown version. */
function recordFor(
  analysis: JsReachability,
  component: Component,
  lockVersions: Map<string, Set<string>>,
): PackageReach | undefined {
  const records = analysis.packages.filter((p) => p.name === component.name);
  const exact = records.filter((p) => p.version === component.version);
  const candidates =
    exact.length > 0
      ? exact
      : records.filter((p) => p.version === undefined || !lockVersions.get(component.name)?.has(p.version));
  return candidates.find((p) => p.status === 'imported') ?? candidates.find((p) => p.status === 'unknown');
}

function versionsByName(components: Component[]): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  for (const c of components) {
    if (c.version === undefined) continue;
    const set = map.get(c.name) ?? new Set();
    set.add(c.version);
    map.set(c.name, set);
  }
  return map;
}

/** Function level on top of `imported`, when the advisory names the vulnerable exports. */
function functionLevel(
  verdict: ReachabilityVerdict,
  reach: PackageReach,
  finding: Finding,
  root: string,
): ReachabilityVerdict {
  const symbols = vulnerableSymbols(finding.advisory, reach.name);
  if (!symbols) return verdict;
  if (symbols.kind === 'package') {
    return {
      ...verdict,
      reachability: 'function-reachable',
      reason: `${verdict.reason}; the advisory covers the whole package`,
    };
  }
  const used = reach.names.filter((n) => symbols.names.includes(n.name));
  if (used.length > 0) {
    const first = used[0]!;
    return {
      reachability: 'function-reachable',
      chain: [...verdict.chain, `${first.name} at ${step(root, first)}`],
      reason: `${used.map((u) => u.name).join(', ')} (vulnerable per ${symbols.source}) used by reachable code`,
    };
  }
  const listed = symbols.names.join(', ');
  const wrapper = reach.names.find((n) => wrapperExports(reach.name).includes(n.name));
  if (wrapper) {
    return {
      ...verdict,
      reason: `${verdict.reason}; used through ${wrapper.name} at ${step(root, wrapper)}, so calls of ${listed} cannot be ruled out`,
    };
  }
  if (reach.opaque) {
    return {
      ...verdict,
      reason: `${verdict.reason}; passed around as a value, so calls of ${listed} cannot be ruled out`,
    };
  }
  const verb = symbols.names.length > 1 ? 'are' : 'is';
  return {
    ...verdict,
    reason: `${verdict.reason}; the vulnerable ${listed} (per ${symbols.source}) ${verb} not used`,
  };
}

function pythonVerdicts(analysis: PythonReachability, components: Component[]): Map<string, PackageVerdict> {
  const verdicts = new Map<string, PackageVerdict>();
  const root = analysis.root;
  if (analysis.files === 0) return verdicts;
  for (const component of components) {
    const site = importOf(analysis, component.name);
    if (site && !site.test) {
      verdicts.set(component.purl, {
        reachability: 'imported',
        chain: [`${step(root, site)}`, component.name],
        reason: `imported as ${site.module} by production code`,
        root,
      });
    } else if (component.scope === 'dev') {
      const tests = site ? `; imported only by test code (${step(root, site)})` : '';
      verdicts.set(component.purl, {
        reachability: 'unreachable',
        chain: [],
        reason: `dev-only: no production Python file imports it${tests}`,
        root,
      });
    }
  }
  markBehindUnanalysed(components, verdicts, root);
  for (const component of components) {
    if (verdicts.has(component.purl)) continue;
    const dynamic = analysis.dynamic[0];
    verdicts.set(component.purl, {
      reachability: 'unknown',
      chain: [],
      reason: dynamic
        ? `not imported by name, and a dynamic import at ${step(root, dynamic)} may load it`
        : `not imported by the project's ${analysis.files} Python files; a server, plugin or framework setting may still load it`,
      root,
    });
  }
  return verdicts;
}

function step(root: string, s: ImportStep): string {
  return `${join(root, s.path)}:${s.line}`;
}

function join(root: string, path: string): string {
  return root === '' ? path : `${root}/${path}`;
}

function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}
