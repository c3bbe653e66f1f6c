import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect } from 'react';
import { ApiError } from './api/client';
import { AuthProvider, useAuth } from './api/auth';
import { Shell } from './layout/shell';
import { PageHeader } from './layout/page-header';
import { pages } from './pages/registry';
import { SignInPage } from './pages/sign-in';
import { BASE, isUnder, Link, RouterProvider, useRouter } from './router';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Client errors (403, 404, 400) do not get better by retrying.
      retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 2,
      refetchOnWindowFocus: false,
      staleTime: 10_000,
    },
  },
});

const SIGN_IN = `${BASE}/sign-in`;

/** Signed out: only the sign-in page; signed in: the shell with the page the path names. */
function Routes() {
  const { user, permissions } = useAuth();
  const { location, navigate } = useRouter();
  const allowed = pages.filter((page) => permissions.has(page.permission));
  // A role without console permissions (agent, none) has no landing page: it gets a message, not a loop.
  const landing = allowed[0]?.path ?? BASE;
  const onSignIn = location.path === SIGN_IN;

  useEffect(() => {
    if (!user && !onSignIn) {
      const back = `${location.path}${location.search.size ? `?${location.search.toString()}` : ''}`;
      navigate(`${SIGN_IN}?next=${encodeURIComponent(back)}`, { replace: true });
    } else if (user && (onSignIn || location.path === BASE || location.path === '/')) {
      const next = location.search.get('next');
      const target = next && next.startsWith(`${BASE}/`) && next !== SIGN_IN ? next : landing;
      if (target !== location.path) navigate(target, { replace: true });
    }
  }, [user, onSignIn, location, navigate, landing]);

  // Between a state change and the effect's redirect, render nothing rather than the wrong screen.
  if (!user) return onSignIn ? <SignInPage /> : null;
  if (onSignIn) return null;

  const page = pages.find((entry) => isUnder(location.path, entry.path));
  let body;
  if (allowed.length === 0) {
    body = (
      <>
        <PageHeader title="No console access" />
        <p role="alert">Your role ({user.role}) includes none of the console’s permissions. Ask a tenant admin for a supervisor or analyst role.</p>
      </>
    );
  } else if (!page) {
    body = (
      <>
        <PageHeader title="Not found" />
        <p>
          No page at <code>{location.path}</code>. <Link to={landing}>Go to the start page</Link>.
        </p>
      </>
    );
  } else if (!permissions.has(page.permission)) {
    body = (
      <>
        <PageHeader title={page.title} />
        <p role="alert">Your role does not include <code>{page.permission}</code>, which this page needs.</p>
      </>
    );
  } else {
    const Page = page.component;
    body = <Page key={page.path} />;
  }
  return <Shell>{body}</Shell>;
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider>
        <AuthProvider>
          <Routes />
        </AuthProvider>
      </RouterProvider>
    </QueryClientProvider>
  );
}
