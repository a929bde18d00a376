import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, normalize, posix, resolve } from 'node:path';
import { parse } from 'yaml';
import { describeError, isPalisadeError } from '../model/index.ts';
import { helmLabel, parseHelmChart } from './helm.ts';
import { KUSTOMIZATION_FILES, kustomizeLabel, parseKustomize } from './kustomize.ts';
import type { RenderOptions } from './render-tool.ts';
import type { IacResource } from './resource.ts';
import type { IacScanResult } from './scan.ts';

/**
 * What a repository scan renders besides its plain manifests: Helm charts (whose templates the
 * walk skips as unrendered) with `helm template`, and Kustomize overlays with `kubectl kustomize`.
 * The raw files a rendered kustomization covers (its folder and the bases and files it names) are
 * dropped, so each manifest is reported once, as it would be deployed. A tool that is missing or
 * fails leaves the raw files in place and gives a warning naming the folder and what to do.
 */
export async function renderInTree(
  root: string,
  scan: IacScanResult,
  options: RenderOptions = {},
): Promise<{ result: IacScanResult; warnings: string[] }> {
  const warnings: string[] = [];
  const result: IacScanResult = { resources: [], skipped: [...scan.skipped], files: [...scan.files] };
  const added: IacResource[] = [];
  for (const chart of chartFolders(root, scan)) {
    const rendered = await attempt(() => parseHelmChart(join(root, chart), options), warnings);
    if (rendered) added.push(...relabel(rendered, join(root, chart), helmLabel(chart)));
    result.files.push(coverage(helmLabel(chart), 'iac/helm', rendered, warnings));
    if (rendered) result.skipped = result.skipped.filter((s) => !s.path.startsWith(`${chart}/templates/`));
  }
  const kustomizations = kustomizationFolders(scan);
  const covered: string[] = [];
  for (const dir of topLevel(root, kustomizations)) {
    const rendered = await attempt(() => parseKustomize(join(root, dir), options), warnings);
    if (rendered) {
      added.push(...relabel(rendered, join(root, dir), kustomizeLabel(dir)));
      covered.push(...coveredBy(root, dir));
    }
    result.files.push(coverage(kustomizeLabel(dir), 'iac/kustomize', rendered, warnings));
  }
  const isCovered = (path: string) =>
    covered.some((c) => c === '.' || path === c || path.startsWith(`${c}/`));
  result.resources = [...scan.resources.filter((r) => !isCovered(r.source.path)), ...added];
  return { result, warnings };
}

type Rendered = Awaited<ReturnType<typeof parseHelmChart>>;

async function attempt(render: () => Promise<Rendered>, warnings: string[]): Promise<Rendered | undefined> {
  try {
    return await render();
  } catch (error) {
    if (!isPalisadeError(error)) throw error;
    warnings.push(describeError(error));
    return undefined;
  }
}

function coverage(path: string, type: string, rendered: Rendered | undefined, warnings: string[]) {
  return rendered
    ? { path, type, status: 'parsed' as const }
    : { path, type, status: 'failed' as const, error: warnings.at(-1) ?? `${path}: not rendered` };
}

/** Rendered resources named by the folder relative to the scan root, like every other scanned file. */
function relabel(rendered: Rendered, absolute: string, label: string): IacResource[] {
  const long = `${absolute} (`;
  return rendered.resources.map((r) => ({
    ...r,
    source: { ...r.source, path: r.source.path.startsWith(long) ? label : r.source.path },
  }));
}

/** Chart folders: the parent of a `templates/` folder the walk skipped, when it holds a Chart.yaml. */
function chartFolders(root: string, scan: IacScanResult): string[] {
  const charts = new Set<string>();
  for (const s of scan.skipped) {
    const at = s.path.lastIndexOf('/templates/');
    const chart = at < 0 ? (s.path.startsWith('templates/') ? '.' : undefined) : s.path.slice(0, at);
    if (chart !== undefined && existsSync(join(root, chart, 'Chart.yaml'))) charts.add(chart);
  }
  return [...charts].sort();
}

/** Folders of the Kustomization files among the scanned manifests. */
function kustomizationFolders(scan: IacScanResult): string[] {
  const dirs = scan.resources
    .filter((r) => r.kind === 'Kustomization' && (r.apiVersion ?? '').startsWith('kustomize.config.k8s.io/'))
    .map((r) => posix.dirname(r.source.path));
  return [...new Set(dirs)].sort();
}

/** The local paths a kustomization names (resources, bases, components), relative to the scan root. */
function references(root: string, dir: string): string[] {
  const file = KUSTOMIZATION_FILES.map((f) => join(root, dir, f)).find((f) => existsSync(f));
  if (!file) return [];
  let doc: { resources?: unknown; bases?: unknown; components?: unknown };
  try {
    doc = (parse(readFileSync(file, 'utf8')) ?? {}) as typeof doc;
  } catch {
    return [];
  }
  const entries = [doc.resources, doc.bases, doc.components].flatMap((v) => (Array.isArray(v) ? v : []));
  return entries
    .filter((e): e is string => typeof e === 'string' && !e.includes('://') && !e.startsWith('github.com/'))
    .map((e) => normalize(join(dir, e)).split('\\').join('/'))
    .filter((p) => !p.startsWith('..') && resolve(root, p).startsWith(resolve(root)));
}

/** Kustomizations no other one names: the overlays that are deployed. */
function topLevel(root: string, dirs: readonly string[]): string[] {
  const named = new Set(dirs.flatMap((d) => references(root, d)));
  return dirs.filter((d) => !named.has(d));
}

/** A rendered kustomization's folder, and what it names, followed through the bases it names. */
function coveredBy(root: string, dir: string): string[] {
  const out = new Set<string>([dir === '.' ? '' : dir]);
  const queue = [dir];
  while (queue.length > 0) {
    const next = queue.pop() as string;
    for (const ref of references(root, next)) {
      if (out.has(ref)) continue;
      out.add(ref);
      if (isDirectory(join(root, ref))) queue.push(ref);
    }
  }
  return [...out].map((p) => (p === '' ? '.' : p));
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
