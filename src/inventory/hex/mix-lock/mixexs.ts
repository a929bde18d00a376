import type { Scope } from '../../../model/index.ts';

/** What mix.exs says about the project: its app and version, and the deps it declares, by app name. */
export interface MixProject {
  app?: string;
  version?: string;
  deps: Map<string, Scope>;
}

const DEP_TUPLE = /\{\s*:([a-z_][A-Za-z0-9_]*)\s*,/g;
/** A dependency tuple longer than this is not one (`{:ok, …}` in some function body). */
const MAX_TUPLE = 2000;

/**
 * A deliberately simple reading of mix.exs, which is Elixir code, not data: every `{:name, …}` tuple
 * is a candidate dependency (the caller keeps those that mix.lock has), `only:` without `:prod` and
 * `runtime:` other than `true` (build tools such as esbuild, which mix release leaves out) make it dev,
 * `optional: true` optional. Deps computed at run time or declared in umbrella apps are not seen.
 */
export function readMixExs(text: string): MixProject {
  const code = text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('#'))
    .join('\n');
  const deps = new Map<string, Scope>();
  for (const match of code.matchAll(DEP_TUPLE)) {
    const options = tupleText(code, match.index);
    const app = match[1];
    if (options === undefined || app === undefined) continue;
    const scope = scopeOf(options);
    const known = deps.get(app);
    deps.set(app, known === undefined || rank(scope) > rank(known) ? scope : known);
  }
  const project: MixProject = { deps };
  const app = /\bapp:\s*:([a-z_][A-Za-z0-9_]*)/.exec(code)?.[1];
  const version = /\bversion:\s*"([^"\n]+)"/.exec(code)?.[1];
  if (app !== undefined) project.app = app;
  if (version !== undefined) project.version = version;
  return project;
}

function scopeOf(options: string): Scope {
  const only = /\bonly:\s*(\[[^\]]*\]|:[a-z_]+)/.exec(options)?.[1];
  if (only !== undefined && !/:prod\b/.test(only)) return 'dev';
  if (/\bruntime:\s*(?!true\b)\S/.test(options)) return 'dev';
  if (/\boptional:\s*true\b/.test(options)) return 'optional';
  return 'prod';
}

function rank(scope: Scope): number {
  return scope === 'prod' ? 2 : scope === 'optional' ? 1 : 0;
}

/** The text of the tuple opening at `start`, up to its closing brace (strings skipped), if short enough. */
function tupleText(code: string, start: number): string | undefined {
  let depth = 0;
  const end = Math.min(code.length, start + MAX_TUPLE);
  for (let i = start; i < end; i++) {
    const c = code.charAt(i);
    if (c === '"') {
      for (i++; i < end && code.charAt(i) !== '"'; i++) if (code.charAt(i) === '\\') i++;
    } else if (c === '{' || c === '[' || c === '(') depth++;
    else if (c === '}' || c === ']' || c === ')') {
      depth--;
      if (depth === 0) return code.slice(start, i + 1);
    }
  }
  return undefined;
}
