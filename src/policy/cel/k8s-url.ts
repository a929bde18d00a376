import { chargeCall, STRING_TRAVERSAL_FACTOR } from './cost.ts';
import { fail } from './errors.ts';
import type { LibraryContext } from './libraries.ts';

/**
 * A URL as Go's `net/url` parses it. Kubernetes validates with `url.ParseRequestURI` (absolute
 * URI or absolute path) and then reads the parts of `url.Parse`; this follows both.
 */
export class ParsedUrl {
  readonly scheme: string;
  readonly host: string;
  readonly path: string;
  readonly rawPath: string;
  readonly rawQuery: string;
  readonly opaque: string;

  constructor(parts: {
    scheme: string;
    host: string;
    path: string;
    rawPath: string;
    rawQuery: string;
    opaque: string;
  }) {
    this.scheme = parts.scheme;
    this.host = parts.host;
    this.path = parts.path;
    this.rawPath = parts.rawPath;
    this.rawQuery = parts.rawQuery;
    this.opaque = parts.opaque;
  }

  equals(other: unknown): boolean {
    return other instanceof ParsedUrl && other.toString() === this.toString();
  }

  hostname(): string {
    const host = this.host;
    if (host.startsWith('[')) return host.slice(1, host.lastIndexOf(']'));
    const colon = host.lastIndexOf(':');
    return colon < 0 ? host : host.slice(0, colon);
  }

  port(): string {
    const host = this.host;
    const after = host.startsWith('[') ? host.slice(host.lastIndexOf(']') + 1) : host;
    const colon = after.lastIndexOf(':');
    return colon < 0 ? '' : after.slice(colon + 1);
  }

  escapedPath(): string {
    if (
      this.rawPath !== '' &&
      validEncoded(this.rawPath) &&
      urlUnescape(this.rawPath, 'path') === this.path
    ) {
      return this.rawPath;
    }
    if (this.path === '*') return '*';
    return escapePath(this.path);
  }

  /** `url.Values`: repeated keys give several values; malformed pairs are dropped, as `URL.Query` does. */
  query(): Record<string, string[]> {
    const out: Record<string, string[]> = Object.create(null);
    for (const pair of this.rawQuery.split('&')) {
      if (pair === '' || pair.includes(';')) continue;
      const eq = pair.indexOf('=');
      const rawKey = eq < 0 ? pair : pair.slice(0, eq);
      const rawValue = eq < 0 ? '' : pair.slice(eq + 1);
      const key = queryUnescape(rawKey);
      const value = queryUnescape(rawValue);
      if (key === undefined || value === undefined) continue;
      const bucket = out[key];
      if (bucket) bucket.push(value);
      else out[key] = [value];
    }
    return out;
  }

  toString(): string {
    const authority = this.host || this.scheme ? `//${this.host}` : '';
    const scheme = this.scheme ? `${this.scheme}:` : '';
    if (this.opaque) return `${scheme}${this.opaque}${this.rawQuery ? `?${this.rawQuery}` : ''}`;
    return `${scheme}${authority}${this.escapedPath()}${this.rawQuery ? `?${this.rawQuery}` : ''}`;
  }
}

/** Parses like `url.ParseRequestURI` followed by `url.Parse`; returns Go's error text on failure. */
export function parseUrl(raw: string): ParsedUrl | string {
  const strict = parseGo(raw, true);
  if (typeof strict === 'string')
    return `URL parse error during conversion from string: parse ${JSON.stringify(raw)}: ${strict}`;
  const hash = raw.indexOf('#');
  const parsed = parseGo(hash < 0 ? raw : raw.slice(0, hash), false);
  return typeof parsed === 'string' ? `URL parse error during conversion from string: ${parsed}` : parsed;
}

function parseGo(raw: string, viaRequest: boolean): ParsedUrl | string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: Go rejects ASCII control characters.
  if (/[\x00-\x1f\x7f]/.test(raw)) return 'net/url: invalid control character in URL';
  if (raw === '' && viaRequest) return 'empty url';
  const parts = { scheme: '', host: '', path: '', rawPath: '', rawQuery: '', opaque: '' };
  if (raw === '*') return new ParsedUrl({ ...parts, path: '*' });
  const schemeEnd = schemeLength(raw);
  if (schemeEnd === 0) return 'missing protocol scheme';
  let rest = raw;
  if (schemeEnd > 0) {
    parts.scheme = raw.slice(0, schemeEnd).toLowerCase();
    rest = raw.slice(schemeEnd + 1);
  }
  [rest, parts.rawQuery] = splitQuery(rest);
  if (!rest.startsWith('/')) {
    if (parts.scheme) return new ParsedUrl({ ...parts, opaque: rest });
    if (viaRequest) return 'invalid URI for request';
  }
  if ((parts.scheme || (!viaRequest && !rest.startsWith('///'))) && rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    const authority = slash < 0 ? rest.slice(2) : rest.slice(2, slash);
    rest = slash < 0 ? '' : rest.slice(slash);
    const host = parseAuthority(authority);
    if (host.error) return host.error;
    parts.host = host.host;
  }
  const path = urlUnescape(rest, 'path');
  if (path === undefined) return `invalid URL escape ${JSON.stringify(firstBadEscape(rest))}`;
  parts.path = path;
  parts.rawPath = escapePath(path) === rest ? '' : rest;
  return new ParsedUrl(parts);
}

/** Splits off `?query`; a lone trailing `?` is dropped (Go's ForceQuery). */
function splitQuery(rest: string): [string, string] {
  const q = rest.indexOf('?');
  if (q < 0) return [rest, ''];
  if (q === rest.length - 1) return [rest.slice(0, -1), ''];
  return [rest.slice(0, q), rest.slice(q + 1)];
}

/** Length of a leading `scheme:`; -1 when there is none, 0 when the text starts with ':'. */
function schemeLength(raw: string): number {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as string;
    if (/[a-zA-Z]/.test(c)) continue;
    if (/[0-9+.-]/.test(c)) {
      if (i === 0) return -1;
      continue;
    }
    if (c === ':') return i;
    return -1;
  }
  return -1;
}

function parseAuthority(authority: string): { host: string; error?: string } {
  const at = authority.lastIndexOf('@');
  const hostPart = at < 0 ? authority : authority.slice(at + 1);
  if (at >= 0 && !/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(authority.slice(0, at))) {
    return { host: '', error: 'net/url: invalid userinfo' };
  }
  let colonPort = '';
  if (hostPart.startsWith('[')) {
    const close = hostPart.lastIndexOf(']');
    if (close < 0) return { host: '', error: "missing ']' in host" };
    colonPort = hostPart.slice(close + 1);
  } else {
    const colon = hostPart.lastIndexOf(':');
    if (colon >= 0) colonPort = hostPart.slice(colon);
  }
  if (colonPort !== '' && !/^:\d*$/.test(colonPort)) {
    return { host: '', error: `invalid port ${JSON.stringify(colonPort)} after host` };
  }
  const host = urlUnescape(hostPart, 'host');
  if (host === undefined) return { host: '', error: `invalid character in host name` };
  return { host };
}

const HOST_OK = /^[A-Za-z0-9\-._~!$&'()*+,;=:[\]<>"]$/;

/** Go's `unescape`: undefined on a malformed escape, or (in host mode) a character hosts cannot hold. */
function urlUnescape(s: string, mode: 'path' | 'host' | 'query'): string | undefined {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c === '%') {
      const hex = s.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) return undefined;
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
      continue;
    }
    if (mode === 'host' && c.charCodeAt(0) < 0x80 && !HOST_OK.test(c)) return undefined;
    if (mode === 'query' && c === '+') {
      bytes.push(0x20);
      continue;
    }
    for (const b of Buffer.from(c, 'utf8')) bytes.push(b);
  }
  return Buffer.from(bytes).toString('utf8');
}

function queryUnescape(s: string): string | undefined {
  return urlUnescape(s, 'query');
}

function firstBadEscape(s: string): string {
  const i = s.search(/%(?![0-9a-fA-F]{2})/);
  return i < 0 ? '' : s.slice(i, i + 3);
}

/** Go's `shouldEscape` for `encodePath`. */
function pathByteNeedsEscape(b: number): boolean {
  const c = String.fromCharCode(b);
  if (/[A-Za-z0-9\-._~]/.test(c)) return false;
  return !'$&+,/:;=@'.includes(c);
}

function escapePath(path: string): string {
  let out = '';
  for (const b of Buffer.from(path, 'utf8')) {
    out += pathByteNeedsEscape(b)
      ? `%${b.toString(16).toUpperCase().padStart(2, '0')}`
      : String.fromCharCode(b);
  }
  return out;
}

function validEncoded(s: string): boolean {
  for (const c of s) {
    if ("!$&'()*+,;=:@[]%".includes(c)) continue;
    const code = c.charCodeAt(0);
    if (code >= 0x80 || pathByteNeedsEscape(code)) return false;
  }
  return true;
}

/** The Kubernetes URL library. */
export function registerUrl(ctx: LibraryContext): void {
  ctx.type('URL', ParsedUrl);
  ctx.equality('URL');
  const parse = (s: string): ParsedUrl | string => {
    chargeCall(ctx.state, s.length * STRING_TRAVERSAL_FACTOR);
    return parseUrl(s);
  };
  ctx.fn('url(string): URL', (s: string) => {
    const u = parse(s);
    return typeof u === 'string' ? fail(u) : u;
  });
  ctx.fn('isURL(string): bool', (s: string) => typeof parse(s) !== 'string');
  ctx.fn('URL.getScheme(): string', (u: ParsedUrl) => u.scheme);
  ctx.fn('URL.getHost(): string', (u: ParsedUrl) => u.host);
  ctx.fn('URL.getHostname(): string', (u: ParsedUrl) => u.hostname());
  ctx.fn('URL.getPort(): string', (u: ParsedUrl) => u.port());
  ctx.fn('URL.getEscapedPath(): string', (u: ParsedUrl) => u.escapedPath());
  ctx.fn('URL.getQuery(): map<string, list<string>>', (u: ParsedUrl) => u.query());
  ctx.fn('string(URL): string', (u: ParsedUrl) => u.toString());
}
