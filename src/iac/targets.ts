import { existsSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type CoverageFile, describeError, isPalisadeError, PalisadeError } from '../model/index.ts';
import { type HelmOptions, helmLabel, parseHelmChart } from './helm.ts';
import { MAX_MANIFEST_CHARS, parseKubernetes } from './kubernetes.ts';
import { KUSTOMIZATION_FILES, kustomizeLabel, parseKustomize } from './kustomize.ts';
import { iacInputFor } from './registry.ts';
import type { IacParseResult } from './resource.ts';
import { type IacScanOptions, type IacScanResult, scanIacDirectory } from './scan.ts';
import { decodeManifest } from './utf8.ts';

/** The name stdin's manifests carry as their file. */
export const STDIN_LABEL = '(stdin)';

export interface IacTargetOptions extends IacScanOptions, HelmOptions {
  /** Reads standard input whole; the process's by default. */
  readStdin?: () => Uint8Array;
}

/** What a command-line target is, decided by looking at it. */
export type TargetKind = 'stdin' | 'helm' | 'kustomize' | 'directory' | 'file';

export function targetKind(target: string): TargetKind {
  if (target === '-') return 'stdin';
  let stats: ReturnType<typeof statSync>;
  try {
    stats = statSync(target);
  } catch {
    throw new PalisadeError('usage', `${target}: no such file or directory`);
  }
  if (!stats.isDirectory()) return 'file';
  if (existsSync(join(target, 'Chart.yaml'))) return 'helm';
  if (KUSTOMIZATION_FILES.some((f) => existsSync(join(target, f)))) return 'kustomize';
  return 'directory';
}

/** Reads stdin up to the manifest limit, and stops there: a runaway pipe is not buffered whole. */
function readStdin(): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.alloc(1 << 20);
    let n: number;
    try {
      n = readSync(0, chunk, 0, chunk.length, null);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EAGAIN') continue;
      if ((error as NodeJS.ErrnoException).code === 'EOF') break;
      throw error;
    }
    if (n === 0) break;
    chunks.push(chunk.subarray(0, n));
    total += n;
    if (total > MAX_MANIFEST_CHARS) {
      throw new PalisadeError(
        'input',
        `${STDIN_LABEL}: more than ${MAX_MANIFEST_CHARS / 1048576} MB; split it`,
      );
    }
  }
  return Buffer.concat(chunks);
}

/**
 * Stdin and a rendered chart or kustomization are explicit inputs: nothing in them to evaluate is
 * a broken pipeline or chart (`helm template` failing into a pipe), never a silent pass.
 */
function somethingToEvaluate(label: string, parsed: IacParseResult, fix: string): IacParseResult {
  if (parsed.resources.length > 0) return parsed;
  const why = parsed.skipped[0]?.reason ?? 'no Kubernetes objects (apiVersion and kind)';
  throw new PalisadeError('input', `${label}: nothing to evaluate: ${why}; ${fix}`);
}

function parseStdin(bytes: Uint8Array): IacParseResult {
  if (bytes.length === 0) {
    throw new PalisadeError('input', `${STDIN_LABEL}: empty; ${PIPE_FIX}`);
  }
  return somethingToEvaluate(
    STDIN_LABEL,
    parseKubernetes(STDIN_LABEL, decodeManifest(STDIN_LABEL, bytes)),
    PIPE_FIX,
  );
}

const RENDER_FIX = 'check that it renders resources with its default values';
const PIPE_FIX = 'pipe rendered manifests, e.g. helm template . | palisade policy eval -';

/**
 * Reads the IaC resources of command-line targets: `-` (rendered manifests on stdin), a Helm
 * chart folder (rendered with `helm template`), a Kustomize folder (`kubectl kustomize`), any
 * other folder (walked as `scan` walks it) or a file. A target that cannot be read is a failed
 * coverage entry with its one-line reason; the others are still read.
 */
export async function readIacTargets(
  targets: readonly string[],
  options: IacTargetOptions = {},
): Promise<IacScanResult> {
  const result: IacScanResult = { resources: [], skipped: [], files: [] };
  for (const target of targets) {
    const kind = targetKind(target);
    if (kind === 'directory') {
      const found = await scanIacDirectory(target, options);
      result.resources.push(
        ...found.resources.map((r) => ({ ...r, source: { ...r.source, path: join(target, r.source.path) } })),
      );
      result.skipped.push(...found.skipped);
      result.files.push(...found.files.map((f) => ({ ...f, path: join(target, f.path) })));
      continue;
    }
    const { path, type } = describe(target, kind);
    try {
      const parsed = await readOne(target, kind, options);
      result.resources.push(...parsed.resources);
      result.skipped.push(...parsed.skipped);
      const status = parsed.resources.length === 0 && parsed.skipped.length > 0 ? 'skipped' : 'parsed';
      result.files.push({ path, type, status });
    } catch (error) {
      if (!isPalisadeError(error)) throw error;
      result.files.push({ path, type, status: 'failed', error: describeError(error) } satisfies CoverageFile);
    }
  }
  return result;
}

function describe(target: string, kind: Exclude<TargetKind, 'directory'>): { path: string; type: string } {
  switch (kind) {
    case 'stdin':
      return { path: STDIN_LABEL, type: 'iac/kubernetes' };
    case 'helm':
      return { path: helmLabel(target), type: 'iac/helm' };
    case 'kustomize':
      return { path: kustomizeLabel(target), type: 'iac/kustomize' };
    case 'file':
      return { path: target, type: `iac/${iacInputFor(target)?.name ?? 'kubernetes'}` };
  }
}

async function readOne(
  target: string,
  kind: Exclude<TargetKind, 'directory'>,
  options: IacTargetOptions,
): Promise<IacParseResult> {
  switch (kind) {
    case 'stdin':
      return parseStdin((options.readStdin ?? readStdin)());
    case 'helm':
      return somethingToEvaluate(helmLabel(target), await parseHelmChart(target, options), RENDER_FIX);
    case 'kustomize':
      return somethingToEvaluate(kustomizeLabel(target), await parseKustomize(target, options), RENDER_FIX);
    case 'file': {
      // A file named on the command line is read whatever its name: `rendered.txt` is YAML too.
      const input = iacInputFor(target);
      const text = readFileSync(target, 'utf8');
      return input ? input.parse(target, text) : parseKubernetes(target, text);
    }
  }
}
