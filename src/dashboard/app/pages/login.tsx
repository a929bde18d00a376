// Log in with an API token: checked against /me before it is kept, so a wrong token never
// becomes the session.
import { useState } from 'preact/hooks';
import type { Me } from '../../logic/api-types.ts';
import type { Route } from '../../logic/route.ts';
import { ApiError, request } from '../api.ts';
import { navigate, useTitle } from '../hooks.ts';
import { saveToken } from '../session.ts';

export function LoginPage(props: { next?: string; notice?: string; onLogin: (me: Me) => void }) {
  useTitle('Log in');
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    const value = token.trim();
    if (!value) {
      setError('Paste an API token.');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const me = await request<Me>('GET', '/me', { token: value });
      saveToken(value);
      setToken('');
      props.onLogin(me);
      if (props.next) location.replace(props.next);
      else navigate({ page: 'overview' } satisfies Route, true);
    } catch (e) {
      setError(
        e instanceof ApiError && e.status === 401
          ? 'That token is unknown or has been revoked.'
          : e instanceof Error
            ? e.message
            : String(e),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="login">
      <h1>Palisade</h1>
      {props.notice && (
        <p class="notice" role="status">
          {props.notice}
        </p>
      )}
      <form onSubmit={submit} aria-describedby="token-help">
        <label for="token">API token</label>
        <input
          id="token"
          name="token"
          type="password"
          autocomplete="off"
          spellcheck={false}
          value={token}
          onInput={(e) => setToken(e.currentTarget.value)}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'token-error' : undefined}
          required
        />
        <p id="token-help" class="help">
          A token from <code>POST /api/v1/tokens</code> or the server's <code>PALISADE_ADMIN_TOKEN</code>. It
          is kept in this tab only and forgotten when the tab closes.
        </p>
        {error && (
          <p id="token-error" class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? 'Checking…' : 'Log in'}
        </button>
      </form>
    </main>
  );
}
