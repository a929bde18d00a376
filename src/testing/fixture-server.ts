// A local HTTP server for tests: serves recorded responses on 127.0.0.1 and reports the routes
// that were never requested, so a test cannot pass while its mock goes unused.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Route {
  method?: 'GET' | 'POST';
  path: string;
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Compute the response from the request (its body is read first). */
  handle?: (request: IncomingMessage, body: string) => Partial<Omit<Route, 'handle'>> | undefined;
  /** Wait this long before answering (timeouts). */
  delayMs?: number;
  /** Serve this route at most this many times, then fall through (e.g. fail twice, then succeed). */
  times?: number;
}

export interface FixtureServer {
  url: string;
  requests: { method: string; path: string; headers: IncomingMessage['headers']; body: string }[];
  /** Routes that were never served. */
  unused(): string[];
  close(): Promise<void>;
}

export async function startFixtureServer(routes: Route[]): Promise<FixtureServer> {
  const served = new Map<Route, number>();
  const requests: FixtureServer['requests'] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = request.url ?? '/';
      requests.push({ method: request.method ?? 'GET', path, headers: request.headers, body });
      const route = routes.find(
        (r) =>
          (r.method ?? 'GET') === request.method &&
          r.path === path &&
          (r.times === undefined || (served.get(r) ?? 0) < r.times),
      );
      if (!route) {
        response.writeHead(404).end(`no fixture for ${request.method} ${path}`);
        return;
      }
      served.set(route, (served.get(route) ?? 0) + 1);
      const answer = { ...route, ...(route.handle?.(request, body) ?? {}) };
      const send = (): void => respond(response, answer);
      if (answer.delayMs) setTimeout(send, answer.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    unused: () => routes.filter((r) => !served.has(r)).map((r) => `${r.method ?? 'GET'} ${r.path}`),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function respond(response: ServerResponse, route: Partial<Route>): void {
  if (response.destroyed) return;
  response.writeHead(route.status ?? 200, route.headers ?? {});
  response.end(route.body ?? '');
}
