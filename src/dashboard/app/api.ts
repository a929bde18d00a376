// The API client: same-origin fetch with the tab's token. A 401 anywhere ends the session (the
// token is unknown or was revoked) and the app goes back to the login page.
import type { ApiErrorBody } from '../logic/api-types.ts';
import { forgetToken, savedToken } from './session.ts';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

let onUnauthorized: (message: string) => void = () => {};

/** What to do when the server says the token is no good (the app routes to the login page). */
export function handleUnauthorized(handler: (message: string) => void): void {
  onUnauthorized = handler;
}

function isErrorBody(json: unknown): json is ApiErrorBody {
  return typeof json === 'object' && json !== null && 'error' in json;
}

export async function request<T>(
  method: 'GET' | 'PATCH',
  path: string,
  options: { body?: unknown; token?: string } = {},
): Promise<T> {
  const token = options.token ?? savedToken();
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      headers,
      credentials: 'omit',
      cache: 'no-store',
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
  } catch (error) {
    throw new ApiError(0, 'network', `The server cannot be reached (${String(error)}).`);
  }
  const json: unknown = await response.json().catch(() => undefined);
  if (response.ok) return json as T;
  const message = isErrorBody(json) ? json.error.message : `${response.status} ${response.statusText}`;
  const error = new ApiError(response.status, isErrorBody(json) ? json.error.code : 'http', message);
  if (response.status === 401 && options.token === undefined) {
    forgetToken();
    onUnauthorized(message);
  }
  throw error;
}

export const get = <T>(path: string) => request<T>('GET', path);
