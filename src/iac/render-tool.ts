import { execFile } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { PalisadeError } from '../model/index.ts';
import { MAX_MANIFEST_CHARS } from './kubernetes.ts';
import { decodeManifest } from './utf8.ts';

export interface RenderOptions {
  /** Where to look for the tool; the process environment by default. */
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/** A tool that renders a folder into manifests: `helm template`, `kubectl kustomize`. */
export interface Renderer {
  /** The executable looked up on PATH. */
  executable: string;
  /** How messages name the command (`kubectl kustomize`). */
  command: string;
  /** What the folder is, for the not-on-PATH message (`Kustomize`, `a Helm chart`). */
  what: string;
  /** The arguments for one folder (already safe to pass: see `safeDirectory`). */
  args(dir: string): string[];
  /** What to do instead, appended to every error. */
  instead: string;
}

const DEFAULT_TIMEOUT_MS = 60_000;

/** An executable named `name` on PATH, or undefined. */
export function findExecutable(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const names = process.platform === 'win32' ? [`${name}.exe`, `${name}.cmd`] : [name];
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    for (const candidate of names.map((n) => join(dir, n))) {
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

/** A directory argument a tool cannot mistake for a flag. */
export function safeDirectory(dir: string): string {
  return dir.startsWith('-') ? `./${dir}` : dir;
}

/**
 * Renders a local directory with the tool and returns the YAML it prints. The tool runs without
 * a shell (arguments as an array), with a timeout and an output cap; a remote URL is refused, so
 * a scan never makes the tool fetch from the network.
 */
export async function renderDirectory(
  renderer: Renderer,
  dir: string,
  missingHint: string,
  options: RenderOptions = {},
): Promise<string> {
  let isDirectory = false;
  try {
    isDirectory = statSync(dir).isDirectory();
  } catch {
    // reported below
  }
  if (!isDirectory) throw new PalisadeError('input', `${dir}: not a directory; ${missingHint}`);
  const tool = findExecutable(renderer.executable, options.env);
  if (!tool) {
    throw new PalisadeError(
      'input',
      `${dir}: ${renderer.executable} is not on PATH, so ${renderer.what} cannot render it; install ${renderer.executable} ${renderer.instead}`,
    );
  }
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    execFile(
      tool,
      renderer.args(safeDirectory(dir)),
      {
        timeout,
        maxBuffer: MAX_MANIFEST_CHARS,
        env: options.env ?? process.env,
        windowsHide: true,
        encoding: 'buffer',
      },
      (error, stdout, stderr) => {
        try {
          if (!error) return resolve(decodeManifest(`${dir}: ${renderer.command} output`, stdout));
        } catch (notText) {
          return reject(notText);
        }
        const why = failure(renderer.command, error, stderr.toString('utf8'), timeout);
        // `instead` completes "install X or ..."; after a failure it is the whole advice.
        const advice = renderer.instead.replace(/^or /, '');
        reject(new PalisadeError('input', `${dir}: ${why}; ${advice}`, { cause: error }));
      },
    );
  });
}

function failure(
  command: string,
  error: Error & { code?: unknown; killed?: boolean },
  stderr: string,
  timeout: number,
): string {
  if (error.killed) return `${command} did not finish within ${timeout / 1000} s`;
  if (error.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
    return `${command} printed more than ${MAX_MANIFEST_CHARS / 1048576} MB`;
  }
  const reason = stderr
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line !== '');
  return `${command} failed (${(reason ?? error.message.split('\n')[0] ?? '').slice(0, 300)})`;
}
