import { execFile } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { PalisadeError } from '../model/index.ts';
import { MAX_MANIFEST_CHARS, parseKubernetes } from './kubernetes.ts';
import type { IacParseResult } from './resource.ts';

export interface KustomizeOptions {
  /** Where to look for kubectl; the process environment by default. */
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 60_000;
const INSTEAD = 'or render it yourself and pipe it in: `kubectl kustomize DIR | palisade scan -`';

/** The kubectl executable on PATH, or undefined. */
export function findKubectl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const names = process.platform === 'win32' ? ['kubectl.exe', 'kubectl.cmd'] : ['kubectl'];
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    for (const name of names) {
      const candidate = join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        if (statSync(candidate).isFile()) return candidate;
      } catch {
        // not here; keep looking
      }
    }
  }
  return undefined;
}

/**
 * Renders a kustomization with `kubectl kustomize DIR` and returns the YAML. Only a local
 * directory is accepted (a remote URL would make the scan fetch from the network); kubectl runs
 * without a shell, with a timeout and an output cap.
 */
export async function renderKustomize(dir: string, options: KustomizeOptions = {}): Promise<string> {
  let isDirectory = false;
  try {
    isDirectory = statSync(dir).isDirectory();
  } catch {
    // reported below
  }
  if (!isDirectory)
    throw new PalisadeError('input', `${dir}: not a directory; give the folder of a kustomization.yaml`);
  const kubectl = findKubectl(options.env);
  if (!kubectl) {
    throw new PalisadeError(
      'input',
      `${dir}: kubectl is not on PATH, so Kustomize cannot render it; install kubectl ${INSTEAD}`,
    );
  }
  // A directory named like a flag would be read by kubectl as one.
  const target = dir.startsWith('-') ? `./${dir}` : dir;
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    execFile(
      kubectl,
      ['kustomize', target],
      { timeout, maxBuffer: MAX_MANIFEST_CHARS, env: options.env ?? process.env, windowsHide: true },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        reject(
          new PalisadeError('input', `${dir}: ${failure(error, stderr, timeout)}; ${INSTEAD}`, {
            cause: error,
          }),
        );
      },
    );
  });
}

/** Renders a kustomization and parses the output; resources name `DIR (kustomize)` as their file. */
export async function parseKustomize(dir: string, options: KustomizeOptions = {}): Promise<IacParseResult> {
  return parseKubernetes(kustomizeLabel(dir), await renderKustomize(dir, options));
}

export function kustomizeLabel(dir: string): string {
  return `${dir.length > 1 ? dir.replace(/\/+$/, '') : dir} (kustomize)`;
}

function failure(
  error: Error & { code?: unknown; killed?: boolean },
  stderr: string,
  timeout: number,
): string {
  if (error.killed) return `kubectl kustomize did not finish within ${timeout / 1000} s`;
  if (error.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
    return `kubectl kustomize printed more than ${MAX_MANIFEST_CHARS / 1048576} MB`;
  }
  const reason = stderr
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line !== '');
  return `kubectl kustomize failed (${(reason ?? error.message.split('\n')[0] ?? '').slice(0, 300)})`;
}
