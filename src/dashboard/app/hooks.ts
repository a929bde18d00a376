import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { parseRoute, type Route, routeHash } from '../logic/route.ts';
import { ApiError, get } from './api.ts';

export function navigate(route: Route, replace = false): void {
  const hash = routeHash(route);
  if (replace) location.replace(hash);
  else location.hash = hash;
}

/** The route of the current location hash, updated on every change. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}

export type Loaded<T> =
  | { state: 'loading' }
  | { state: 'error'; error: ApiError }
  | { state: 'ready'; data: T; reload: () => void };

function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError(0, 'client', String(error));
}

/** GET `path` (null: nothing yet); again whenever `path` changes or reload() is called. */
export function useApi<T>(path: string | null): Loaded<T> {
  const [result, setResult] = useState<Loaded<T>>({ state: 'loading' });
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const loadedPath = useRef<string | null>(null);
  useEffect(() => {
    if (path === null) return;
    let current = true;
    // A reload keeps showing what is there until the new answer arrives; a new path starts over.
    if (loadedPath.current !== path) setResult({ state: 'loading' });
    loadedPath.current = path;
    get<T>(path).then(
      (data) => current && setResult({ state: 'ready', data, reload }),
      (error: unknown) => current && setResult({ state: 'error', error: asApiError(error) }),
    );
    return () => {
      current = false;
    };
  }, [path, generation, reload]);
  return result;
}

/** The page's title, for the tab and for screen readers announcing the navigation. */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Palisade`;
  }, [title]);
}
