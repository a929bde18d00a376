// The dashboard: the assets `npm run build:dashboard` writes (index.html and content-hashed files
// under assets/), served at `/` with strict headers. Only files found when the directory is read
// are served, by exact name from a map: a request path never becomes a file path, so nothing
// outside the directory (or a symlink in it) can be reached. The files are small and read into
// memory, gzipped once; index.html is re-checked on each load of `/`, so a rebuild shows up
// without a restart.
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { AppEnv } from './context.ts';

/** Where `npm run build:dashboard` puts the assets, beside the compiled or source tree alike. */
export const DEFAULT_DASHBOARD_DIR = join(import.meta.dirname, '..', '..', 'dist', 'dashboard');

/** No inline script or style, nothing from elsewhere; the API is same-origin. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.map': 'application/json',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json', '.map']);
/** Names the build writes: hashed file names, no path separators, no leading dot. */
const ASSET_NAME = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,200}$/;

interface Asset {
  body: Uint8Array<ArrayBuffer>;
  gzip: Uint8Array<ArrayBuffer> | undefined;
  type: string;
  etag: string;
}

interface Loaded {
  index: Asset;
  /** index.html's mtime and size when read: a change means a rebuild. */
  stamp: string;
  assets: Map<string, Asset>;
}

function asset(body: Buffer, extension: string): Asset {
  const compress = COMPRESSIBLE.has(extension) && body.length > 1024;
  return {
    body: new Uint8Array(body),
    gzip: compress ? new Uint8Array(gzipSync(body, { level: 9 })) : undefined,
    type: TYPES[extension] ?? 'application/octet-stream',
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
  };
}

function stampOf(dir: string): string | undefined {
  try {
    const s = statSync(join(dir, 'index.html'));
    return s.isFile() ? `${s.mtimeMs}:${s.size}` : undefined;
  } catch {
    return undefined;
  }
}

/** Regular files directly in assets/ (no directories, no symlinks), by name. */
function readAssets(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  const assetDir = join(dir, 'assets');
  let names: string[];
  try {
    names = readdirSync(assetDir);
  } catch {
    return assets;
  }
  for (const name of names) {
    if (!ASSET_NAME.test(name) || !lstatSync(join(assetDir, name)).isFile()) continue;
    assets.set(name, asset(readFileSync(join(assetDir, name)), extname(name)));
  }
  return assets;
}

/** The assets as built now; undefined while there is no build. */
export function dashboardLoader(dir: string): () => Loaded | undefined {
  let loaded: Loaded | undefined;
  return () => {
    const stamp = stampOf(dir);
    if (stamp === undefined) loaded = undefined;
    else if (loaded?.stamp !== stamp)
      loaded = {
        stamp,
        index: asset(readFileSync(join(dir, 'index.html')), '.html'),
        assets: readAssets(dir),
      };
    return loaded;
  };
}

function send(c: Context<AppEnv>, file: Asset, cacheControl: string): Response {
  const headers: Record<string, string> = {
    ...SECURITY_HEADERS,
    'Content-Type': file.type,
    'Cache-Control': cacheControl,
    ETag: file.etag,
    Vary: 'Accept-Encoding',
  };
  if (c.req.header('if-none-match') === file.etag) return c.body(null, 304, headers);
  const gzip = file.gzip && /\bgzip\b/.test(c.req.header('accept-encoding') ?? '');
  if (gzip) headers['Content-Encoding'] = 'gzip';
  return c.body(gzip ? file.gzip! : file.body, 200, headers);
}

const NOT_BUILT = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Palisade: dashboard not built</title></head>
<body>
<h1>The dashboard is not built</h1>
<p>The API is up at <a href="/openapi.json">/openapi.json</a>. To serve the dashboard here, build its
assets in the Palisade checkout and reload this page:</p>
<pre>npm run build:dashboard</pre>
<p>or start the server with <code>--dashboard-dir</code> pointing at a directory with a build.</p>
</body>
</html>
`;

/**
 * GET / and /assets/:file from `dir`; `null`: no dashboard (the API alone). A missing build
 * answers / with 503 and how to build it.
 */
export function dashboardRoutes(dir: string | null): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  if (dir === null) return app;
  const load = dashboardLoader(dir);
  app.get('/', (c) => {
    const loaded = load();
    if (!loaded)
      return c.html(NOT_BUILT, 503, {
        ...SECURITY_HEADERS,
        'Cache-Control': 'no-store',
        'Retry-After': '60',
      });
    return send(c, loaded.index, 'no-cache');
  });
  app.get('/assets/:file', (c) => {
    const file = load()?.assets.get(c.req.param('file'));
    if (!file) return c.notFound();
    return send(c, file, 'public, max-age=31536000, immutable');
  });
  return app;
}
