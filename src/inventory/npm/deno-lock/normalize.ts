import type { z } from 'zod';
import { PalisadeError } from '../../../model/index.ts';
import type { JsonWithLines } from '../../json.ts';
import { splitNameRange } from '../js-common.ts';
import { type DenoWorkspace, denoLockV2Schema, denoLockV3Schema, denoLockV4Schema } from './schema.ts';

export interface LockedPackage {
  key: string;
  line: number;
  dependencies: string[];
  optionalDependencies: string[];
}

/** Every deno.lock version in one shape: what changed between versions is only where things live. */
export interface DenoLock {
  /** Specifier (`npm:chalk@^4`) -> resolved id (`npm:chalk@4.1.2`, `jsr:@std/path@1.0.8`). */
  specifiers: Map<string, string>;
  /** npm packages by key (`chalk@4.1.2`, `react-dom@18.2.0_react@18.2.0`); dependencies as the version writes them. */
  npm: LockedPackage[];
  /** JSR packages by key (`@std/path@1.0.8`); dependencies are specifiers. */
  jsr: LockedPackage[];
  remote: { url: string; line: number }[];
  workspace: DenoWorkspace | undefined;
  workspaceLine: number;
}

const UPGRADE = 'run `deno install` with a current Deno to rewrite it';

export function normalize(path: string, json: JsonWithLines): DenoLock {
  const value = json.value;
  const raw = typeof value === 'object' && value !== null && 'version' in value ? value.version : undefined;
  const version = typeof raw === 'string' ? Number(raw) : Number.NaN;
  if (version === 2) return fromV2(path, json);
  if (version === 3) return fromV3(path, json);
  // Versions 4 and 5 share a layout (5 only adds fields); later ones are read the same way.
  if (version >= 4) return fromV4(path, json);
  const found =
    raw === undefined ? 'no "version" field (a version 1 lockfile)' : `version ${JSON.stringify(raw)}`;
  throw new PalisadeError(
    'input',
    `${path}:1: unsupported deno.lock: ${found}, Palisade reads versions 2 to 5; ${UPGRADE}`,
  );
}

function fromV2(path: string, json: JsonWithLines): DenoLock {
  const lock = parseWith(denoLockV2Schema, path, json);
  const specifiers = new Map<string, string>();
  for (const [req, id] of Object.entries(lock.npm?.specifiers ?? {}))
    specifiers.set(`npm:${req}`, `npm:${id}`);
  return {
    specifiers,
    npm: Object.entries(lock.npm?.packages ?? {}).map(([key, pkg]) => ({
      key,
      line: json.lineOf(['npm', 'packages', key]),
      dependencies: Object.values(pkg.dependencies ?? {}),
      optionalDependencies: [],
    })),
    jsr: [],
    remote: remotes(json, lock.remote),
    workspace: undefined,
    workspaceLine: 1,
  };
}

function fromV3(path: string, json: JsonWithLines): DenoLock {
  const lock = parseWith(denoLockV3Schema, path, json);
  const packages = lock.packages;
  return {
    specifiers: new Map(Object.entries(packages?.specifiers ?? {})),
    npm: Object.entries(packages?.npm ?? {}).map(([key, pkg]) => ({
      key,
      line: json.lineOf(['packages', 'npm', key]),
      dependencies: Object.values(pkg.dependencies ?? {}),
      optionalDependencies: [],
    })),
    jsr: Object.entries(packages?.jsr ?? {}).map(([key, pkg]) => ({
      key,
      line: json.lineOf(['packages', 'jsr', key]),
      dependencies: pkg.dependencies ?? [],
      optionalDependencies: [],
    })),
    remote: remotes(json, lock.remote),
    workspace: lock.workspace,
    workspaceLine: json.lineOf(['workspace']),
  };
}

function fromV4(path: string, json: JsonWithLines): DenoLock {
  const lock = parseWith(denoLockV4Schema, path, json);
  const specifiers = new Map<string, string>();
  // Values are bare versions here; the scheme and name come from the specifier.
  for (const [req, resolved] of Object.entries(lock.specifiers ?? {})) {
    const scheme = req.slice(0, req.indexOf(':') + 1);
    specifiers.set(req, `${scheme}${splitNameRange(req.slice(scheme.length)).name}@${resolved}`);
  }
  return {
    specifiers,
    npm: Object.entries(lock.npm ?? {}).map(([key, pkg]) => ({
      key,
      line: json.lineOf(['npm', key]),
      dependencies: pkg.dependencies ?? [],
      optionalDependencies: pkg.optionalDependencies ?? [],
    })),
    jsr: Object.entries(lock.jsr ?? {}).map(([key, pkg]) => ({
      key,
      line: json.lineOf(['jsr', key]),
      dependencies: pkg.dependencies ?? [],
      optionalDependencies: [],
    })),
    remote: remotes(json, lock.remote),
    workspace: lock.workspace,
    workspaceLine: json.lineOf(['workspace']),
  };
}

function remotes(json: JsonWithLines, remote: Record<string, string> | undefined): DenoLock['remote'] {
  return Object.keys(remote ?? {}).map((url) => ({ url, line: json.lineOf(['remote', url]) }));
}

function parseWith<T extends z.ZodType>(schema: T, path: string, json: JsonWithLines): z.infer<T> {
  const parsed = schema.safeParse(json.value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const at = (issue?.path ?? []).map(String);
  let line = 1;
  // Lines are recorded for the first levels only: report the deepest recorded ancestor.
  for (let n = at.length; n > 0 && line === 1; n--) line = json.lineOf(at.slice(0, n));
  throw new PalisadeError(
    'input',
    `${path}:${line}: unexpected shape at ${at.join('.') || 'top level'} (${issue?.message ?? 'invalid'}); ${UPGRADE}`,
  );
}
