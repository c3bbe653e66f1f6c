import { createContext, useCallback, useContext, useEffect, useMemo, useState, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react';

// A dependency-free history router: the console has a flat set of paths under /console, query
// strings carry a page's filters, and links are plain anchors so middle-click still opens a tab.

export const BASE = '/console';

export interface Location {
  path: string;
  search: URLSearchParams;
}

interface RouterState {
  location: Location;
  navigate(to: string, options?: { replace?: boolean }): void;
}

function current(): Location {
  return { path: window.location.pathname.replace(/\/+$/, '') || '/', search: new URLSearchParams(window.location.search) };
}

const RouterContext = createContext<RouterState | null>(null);

export function RouterProvider({ children }: { children: ReactNode }) {
  const [location, setLocation] = useState<Location>(current);

  useEffect(() => {
    const onPop = () => setLocation(current());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const navigate = useCallback((to: string, options?: { replace?: boolean }) => {
    if (options?.replace) window.history.replaceState(null, '', to);
    else window.history.pushState(null, '', to);
    setLocation(current());
    if (!options?.replace) window.scrollTo(0, 0);
  }, []);

  const value = useMemo(() => ({ location, navigate }), [location, navigate]);
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

export function useRouter(): RouterState {
  const state = useContext(RouterContext);
  if (!state) throw new Error('useRouter outside RouterProvider');
  return state;
}

/** The current query parameters and a setter that replaces them (no new history entry). */
export function useSearchParams(): [URLSearchParams, (next: Record<string, string | null | undefined>) => void] {
  const { location, navigate } = useRouter();
  const set = useCallback(
    (next: Record<string, string | null | undefined>) => {
      const params = new URLSearchParams(location.search);
      for (const [key, value] of Object.entries(next)) {
        if (value === null || value === undefined || value === '') params.delete(key);
        else params.set(key, value);
      }
      const text = params.toString();
      navigate(`${location.path}${text ? `?${text}` : ''}`, { replace: true });
    },
    [location, navigate],
  );
  return [location.search, set];
}

export function Link({ to, onClick, ...rest }: { to: string } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  const { navigate } = useRouter();
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handle} {...rest} />;
}

/** Whether `path` is `prefix` or below it. */
export function isUnder(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}
