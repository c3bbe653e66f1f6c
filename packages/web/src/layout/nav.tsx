import { useAuth } from '../api/auth';
import { NAV_GROUPS, pages } from '../pages/registry';
import { isUnder, Link, useRouter } from '../router';

/** The menu: only the pages whose permission the signed-in user holds, grouped. */
export function Nav({ onNavigate }: { onNavigate?: () => void }) {
  const { permissions } = useAuth();
  const { location } = useRouter();
  const visible = pages.filter((page) => permissions.has(page.permission));
  return (
    <nav className="nav" aria-label="Main">
      {NAV_GROUPS.map((group) => {
        const entries = visible.filter((page) => page.group === group);
        if (entries.length === 0) return null;
        return (
          <div className="nav-group" key={group}>
            <div className="nav-group-title">{group}</div>
            <ul>
              {entries.map((page) => {
                const active = isUnder(location.path, page.path);
                return (
                  <li key={page.path}>
                    <Link to={page.path} aria-current={active ? 'page' : undefined} className={active ? 'active' : undefined} onClick={onNavigate} data-testid={`nav-${page.path.replace(/^\/console\//, '').replace(/\//g, '-')}`}>
                      {page.title}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </nav>
  );
}
