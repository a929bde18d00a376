import { statSync } from 'node:fs';
import { PalisadeError } from '../model/index.ts';
import { parseKubernetes } from './kubernetes.ts';
import { findExecutable, type Renderer, type RenderOptions, renderDirectory } from './render-tool.ts';
import type { IacParseResult } from './resource.ts';

export interface HelmOptions extends RenderOptions {
  /** The release name the templates see as `.Release.Name`. */
  release?: string;
  /** Values files (`helm template --values`), in order: later files win, as in helm. */
  values?: readonly string[];
}

/** The release name charts are rendered under when none is given. */
export const DEFAULT_RELEASE = 'release-name';

function helmRenderer(release: string, values: readonly string[]): Renderer {
  return {
    executable: 'helm',
    command: 'helm template',
    what: 'a Helm chart',
    // `--values=PATH` keeps a path that starts with `-` a value; `--` ends the flags, so neither
    // the release name nor the folder is read as one.
    args: (dir) => ['template', ...values.map((v) => `--values=${v}`), '--', release, dir],
    instead:
      'or render it yourself and pipe it in: `helm template NAME DIR | palisade policy eval --policy REF -`',
  };
}

/** The helm executable on PATH, or undefined. */
export function findHelm(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return findExecutable('helm', env);
}

/** Renders a chart folder with `helm template` (its values and any given files; no cluster, no network). */
export async function renderHelmChart(dir: string, options: HelmOptions = {}): Promise<string> {
  const values = options.values ?? [];
  for (const file of values) {
    if (!isFile(file))
      throw new PalisadeError('usage', `${file}: no such values file; give a YAML file to --helm-values`);
  }
  return renderDirectory(
    helmRenderer(options.release ?? DEFAULT_RELEASE, values),
    dir,
    'give the folder of a Chart.yaml',
    options,
  );
}

/**
 * Renders a chart and parses the output. Resources name `DIR (helm)` as their file; each keeps
 * the chart template it came from (`# Source:` comments) in `source.template`.
 */
export async function parseHelmChart(dir: string, options: HelmOptions = {}): Promise<IacParseResult> {
  return parseKubernetes(helmLabel(dir), await renderHelmChart(dir, options));
}

export function helmLabel(dir: string): string {
  return `${dir.length > 1 ? dir.replace(/\/+$/, '') : dir} (helm)`;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
