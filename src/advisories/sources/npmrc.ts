import { readFileSync } from 'node:fs';
import { PalisadeError } from '../../model/index.ts';

export const DEFAULT_NPM_REGISTRY = 'https://registry.npmjs.org/';

/** Credentials for one registry prefix, as .npmrc spells them. */
export interface NpmCredentials {
  /** `_authToken`: sent as a Bearer token. */
  token?: string;
  /** `_auth`: base64 of `user:password`, sent as Basic. */
  auth?: string;
  username?: string;
  /** `_password`: base64 of the password. */
  password?: string;
}

/** What the advisory sources need from npm's configuration. */
export interface NpmConfig {
  /** The default registry, ending in '/'. */
  registry: string;
  /** `@scope` -> registry ending in '/'. */
  scopes: Readonly<Record<string, string>>;
  /** Nerf-darted registry prefix (`//host[:port]/path/`) -> its credentials. */
  credentials: Readonly<Record<string, NpmCredentials>>;
}

/** One `key=value` setting of an .npmrc, with its 1-based line. */
export interface NpmrcEntry {
  key: string;
  value: string;
  line: number;
}

export interface NpmrcFile {
  path: string;
  text: string;
}

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Parses an .npmrc the way npm's `ini` reader does: `;`/`#` comments (also after an unquoted
 * value), quoted values, `${VAR}` / `${VAR?}` expansion in keys and values. Settings inside
 * `[section]`s and `key[]` arrays are not npm configuration and are skipped.
 */
export function parseNpmrc(text: string, env: Env): NpmrcEntry[] {
  const entries: NpmrcEntry[] = [];
  let inSection = false;
  const lines = text.split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith(';') || line.startsWith('#')) continue;
    if (/^\[.*\]$/.test(line)) {
      inSection = true;
      continue;
    }
    const eq = line.indexOf('=');
    if (inSection || eq <= 0) continue;
    const key = expandEnv(unquote(line.slice(0, eq).trim()), env);
    if (key.endsWith('[]')) continue;
    entries.push({ key, value: expandEnv(unquote(line.slice(eq + 1).trim()), env), line: i + 1 });
  }
  return entries;
}

/**
 * npm's configuration from its layers, highest priority first: `npm_config_*` environment
 * variables, then the given files (the project's .npmrc before the user's ~/.npmrc).
 */
export function npmConfigFrom(files: readonly NpmrcFile[], env: Env): NpmConfig {
  const layers: { where: string; entries: NpmrcEntry[] }[] = [
    { where: 'npm_config_* environment', entries: envEntries(env) },
    ...files.map((f) => ({ where: f.path, entries: parseNpmrc(f.text, env) })),
  ];
  const settings = new Map<string, { value: string; where: string }>();
  // Lowest priority first, so that higher layers and later lines overwrite.
  for (const layer of [...layers].reverse()) {
    for (const entry of layer.entries) {
      const where = entry.line > 0 ? `${layer.where}:${entry.line}` : layer.where;
      settings.set(entry.key, { value: entry.value, where });
    }
  }
  const config = { registry: DEFAULT_NPM_REGISTRY, scopes: {}, credentials: {} } as {
    registry: string;
    scopes: Record<string, string>;
    credentials: Record<string, NpmCredentials>;
  };
  for (const [key, { value, where }] of settings) {
    if (key === 'registry') config.registry = registryUrl(value, where, config);
    else if (/^@[^:/]+:registry$/.test(key))
      config.scopes[key.slice(0, -':registry'.length)] = registryUrl(value, where, config);
    else addCredential(config.credentials, key, value);
  }
  // Legacy top-level credentials belong to the default registry (what `npm config fix` does).
  const legacy = config.credentials[''];
  delete config.credentials[''];
  if (legacy) {
    const dart = nerfDart(config.registry);
    config.credentials[dart] = { ...legacy, ...config.credentials[dart] };
  }
  return config;
}

/** Reads the .npmrc files that exist, highest priority first; a missing file is no file. */
export function loadNpmConfig(paths: readonly string[], env: Env): NpmConfig {
  const files: NpmrcFile[] = [];
  for (const path of paths) {
    try {
      files.push({ path, text: readFileSync(path, 'utf8') });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      const reason = error instanceof Error ? error.message : String(error);
      throw new PalisadeError(
        'config',
        `${path}: cannot read the npm configuration (${reason}); check its permissions`,
      );
    }
  }
  return npmConfigFrom(files, env);
}

/** The registry that serves a package: its scope's registry, else the default one. */
export function registryFor(config: NpmConfig, name: string): string {
  if (name.startsWith('@')) {
    const scope = name.slice(0, name.indexOf('/'));
    const registry = config.scopes[scope];
    if (registry) return registry;
  }
  return config.registry;
}

/**
 * The Authorization header npm would send to `url`: the credentials of the longest registry
 * prefix of the URL, on the same host and port, as npm-registry-fetch finds them. Undefined when
 * none apply, so credentials never leave for another host.
 */
export function authorizationFor(config: NpmConfig, url: string): string | undefined {
  const start = nerfDart(url);
  const host = /^\/\/[^/]+\//.exec(start)?.[0] ?? start;
  for (let dart = start; dart.length >= host.length; dart = dart.replace(/[^/]+\/$/, '')) {
    const header = headerFor(config.credentials[dart]) ?? headerFor(config.credentials[dart.slice(0, -1)]);
    if (header) return header;
  }
  return undefined;
}

function headerFor(credentials: NpmCredentials | undefined): string | undefined {
  if (!credentials) return undefined;
  if (credentials.token) return `Bearer ${credentials.token}`;
  if (credentials.auth) return `Basic ${credentials.auth}`;
  if (credentials.username && credentials.password) {
    const password = Buffer.from(credentials.password, 'base64').toString('utf8');
    return `Basic ${Buffer.from(`${credentials.username}:${password}`).toString('base64')}`;
  }
  return undefined;
}

const CREDENTIAL_FIELDS: Record<string, keyof NpmCredentials> = {
  _authToken: 'token',
  _auth: 'auth',
  username: 'username',
  _password: 'password',
};

/** `//host/path/:_authToken` and friends; bare `_auth`/`_authToken` collect under ''. */
function addCredential(credentials: Record<string, NpmCredentials>, key: string, value: string): void {
  const colon = key.lastIndexOf(':');
  const prefix = colon < 0 ? '' : key.slice(0, colon);
  const field = CREDENTIAL_FIELDS[key.slice(colon + 1)];
  if (!field || (prefix !== '' && !prefix.startsWith('//'))) return;
  if (prefix === '' && field !== 'token' && field !== 'auth') return;
  credentials[prefix] = { ...credentials[prefix], [field]: value };
}

/**
 * A registry URL ending in '/'. Credentials written into the URL (`https://user:pass@host/`)
 * move to the credentials table: fetch refuses such URLs, and error messages must not show them.
 */
function registryUrl(
  value: string,
  where: string,
  config: { credentials: Record<string, NpmCredentials> },
): string {
  if (/\$\{[^}]*\}/.test(value)) {
    throw new PalisadeError(
      'config',
      `${where}: registry '${value}' names an unset environment variable; set it or fix the npm configuration`,
    );
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    url = new URL('invalid:');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    const shown = value.replace(/\/\/[^/]*@/, '//***@'); // never print credentials
    throw new PalisadeError(
      'config',
      `${where}: registry '${shown}' is not an http(s) URL; fix the npm configuration`,
    );
  }
  url.search = '';
  url.hash = '';
  if (!url.pathname.endsWith('/')) url.pathname = `${url.pathname}/`;
  if (url.username || url.password) {
    const auth = Buffer.from(
      `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`,
    ).toString('base64');
    url.username = '';
    url.password = '';
    const dart = nerfDart(url.href);
    config.credentials[dart] = { auth, ...config.credentials[dart] };
  }
  return url.href;
}

/** npm's registry key for a URL: `//host[:port]/directory/`, without scheme, credentials or query. */
export function nerfDart(url: string): string {
  const parsed = new URL(url);
  const directory = parsed.pathname.replace(/[^/]*$/, '');
  return `//${parsed.host}${directory}`;
}

/** `npm_config_registry=…` and `npm_config_//host/:_authToken=…`, as npm reads its environment. */
function envEntries(env: Env): NpmrcEntry[] {
  const entries: NpmrcEntry[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (!/^npm_config_/i.test(name) || !value) continue;
    let key = name.slice('npm_config_'.length);
    if (!key.startsWith('//')) key = key.replace(/(?!^)_/g, '-').toLowerCase();
    entries.push({ key, value, line: 0 });
  }
  return entries;
}

function unquote(value: string): string {
  if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.at(-1) === value[0]) {
    const inner = value.slice(1, -1);
    if (value[0] === "'") return inner;
    try {
      const parsed: unknown = JSON.parse(value);
      return typeof parsed === 'string' ? parsed : inner;
    } catch {
      return inner;
    }
  }
  // Unquoted: an unescaped ';' or '#' starts a comment; '\;' and '\#' stand for themselves.
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\\' && (value[i + 1] === ';' || value[i + 1] === '#' || value[i + 1] === '\\')) {
      out += value[++i];
    } else if (c === ';' || c === '#') {
      break;
    } else {
      out += c;
    }
  }
  return out.trim();
}

/** npm's `${VAR}` (left as written when unset) and `${VAR?}` (empty when unset); `\${` escapes. */
function expandEnv(value: string, env: Env): string {
  return value.replace(/(\\*)\$\{([^${}?]+)(\?)?\}/g, (whole, escapes: string, name: string, optional) => {
    if (escapes.length % 2 === 1) return whole.slice((escapes.length + 1) / 2);
    const replacement = env[name] ?? (optional ? '' : `\${${name}}`);
    return escapes.slice(escapes.length / 2) + replacement;
  });
}
