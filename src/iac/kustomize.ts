import { parseKubernetes } from './kubernetes.ts';
import { findExecutable, type Renderer, type RenderOptions, renderDirectory } from './render-tool.ts';
import type { IacParseResult } from './resource.ts';

export type KustomizeOptions = RenderOptions;

const KUSTOMIZE: Renderer = {
  executable: 'kubectl',
  command: 'kubectl kustomize',
  what: 'Kustomize',
  // `--` ends the flags, and the folder keeps a leading ./ when it starts with a dash.
  args: (dir) => ['kustomize', '--', dir],
  instead:
    'or render it yourself and pipe it in: `kubectl kustomize DIR | palisade policy eval --policy REF -`',
};

/** The kustomization file names kustomize reads, in its order of preference. */
export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** The kubectl executable on PATH, or undefined. */
export function findKubectl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return findExecutable('kubectl', env);
}

/** Renders a kustomization with `kubectl kustomize DIR` and returns the YAML. */
export async function renderKustomize(dir: string, options: KustomizeOptions = {}): Promise<string> {
  return renderDirectory(KUSTOMIZE, dir, 'give the folder of a kustomization.yaml', options);
}

/** Renders a kustomization and parses the output; resources name `DIR (kustomize)` as their file. */
export async function parseKustomize(dir: string, options: KustomizeOptions = {}): Promise<IacParseResult> {
  return parseKubernetes(kustomizeLabel(dir), await renderKustomize(dir, options));
}

export function kustomizeLabel(dir: string): string {
  return `${dir.length > 1 ? dir.replace(/\/+$/, '') : dir} (kustomize)`;
}
