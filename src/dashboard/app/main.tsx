// The dashboard: a header with the token's name, and the page of the location hash. Without a
// token every route shows the login page, which returns to the route afterwards.
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Me } from '../logic/api-types.ts';
import { type Route, routeHash } from '../logic/route.ts';
import { handleUnauthorized, request } from './api.ts';
import { Link } from './components.tsx';
import { navigate, useRoute, useTitle } from './hooks.ts';
import { FindingPage } from './pages/finding.tsx';
import { LoginPage } from './pages/login.tsx';
import { OverviewPage } from './pages/overview.tsx';
import { ProjectPage } from './pages/project.tsx';
import { TrendsPage } from './pages/trends.tsx';
import { forgetToken, savedToken } from './session.ts';
import './styles.css';

function App() {
  const route = useRoute();
  const [me, setMe] = useState<Me | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const loggedIn = savedToken() !== null;

  useEffect(() => {
    handleUnauthorized((message) => {
      setMe(undefined);
      setNotice(`You have been logged out: ${message}`);
      const here = location.hash;
      navigate(here.startsWith('#/login') ? { page: 'login' } : { page: 'login', next: here || '#/' }, true);
    });
  }, []);
  useEffect(() => {
    if (loggedIn && !me) request<Me>('GET', '/me').then(setMe, () => {});
  }, [loggedIn, me]);
  usePageFocus(route);

  if (!loggedIn || route.page === 'login') {
    const next = route.page === 'login' ? route.next : routeHash(route);
    return (
      <LoginPage
        {...(next && next !== '#/' ? { next } : {})}
        {...(notice ? { notice } : {})}
        onLogin={(who) => {
          setMe(who);
          setNotice(undefined);
        }}
      />
    );
  }
  return (
    <>
      <button type="button" class="skip" onClick={skipToMain}>
        Skip to content
      </button>
      <header>
        <nav aria-label="Main">
          <strong class="brand">Palisade</strong>
          <Link to={{ page: 'overview' }}>Overview</Link>
          <Link to={{ page: 'trends', view: { range: '30d' } }}>Trends</Link>
        </nav>
        <div class="who">
          {me && <span>Token: {me.name}</span>}{' '}
          <button type="button" onClick={() => logOut(setMe)}>
            Log out
          </button>
        </div>
      </header>
      <div id="main-content" tabIndex={-1}>
        <Page route={route} me={me} />
      </div>
    </>
  );
}

/**
 * On a move to another page (not a change of filters on the same one), focus goes to the content,
 * so keyboard and screen reader users start there, as they would after a full page load.
 */
function usePageFocus(route: Route) {
  const page =
    route.page === 'project'
      ? `project:${route.project}`
      : route.page === 'finding'
        ? `finding:${route.id}`
        : route.page;
  const previous = useRef(page);
  useEffect(() => {
    if (previous.current === page) return;
    previous.current = page;
    document.getElementById('main-content')?.focus();
  }, [page]);
}

/** A button, not a #fragment link: the hash is the route. */
function skipToMain() {
  document.getElementById('main-content')?.focus();
}

function logOut(setMe: (me: Me | undefined) => void) {
  forgetToken();
  setMe(undefined);
  navigate({ page: 'login' });
}

function Page(props: { route: Route; me: Me | undefined }) {
  const { route } = props;
  switch (route.page) {
    case 'overview':
      return <OverviewPage />;
    case 'trends':
      return <TrendsPage view={route.view} />;
    case 'project':
      return <ProjectPage key={route.project} project={route.project} view={route.view} />;
    case 'finding':
      return <FindingPage key={route.id} id={route.id} me={props.me} />;
    case 'login':
      return null;
    case 'not-found':
      return <NotFound path={route.path} />;
  }
}

function NotFound(props: { path: string }) {
  useTitle('Not found');
  return (
    <main>
      <h1>Not found</h1>
      <p>
        There is no page at <code>{props.path}</code>. Go to the{' '}
        <Link to={{ page: 'overview' }}>overview</Link>.
      </p>
    </main>
  );
}

const root = document.getElementById('app');
if (root) render(<App />, root);
