// The API token of this tab: sessionStorage, so it is gone when the tab closes and never shared
// with other tabs; it is sent only as a Bearer header to this origin.
const KEY = 'palisade.token';

export function savedToken(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function saveToken(token: string): void {
  sessionStorage.setItem(KEY, token);
}

export function forgetToken(): void {
  sessionStorage.removeItem(KEY);
}
