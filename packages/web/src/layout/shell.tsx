import { useState, type ReactNode } from 'react';
import { useAuth } from '../api/auth';
import { Nav } from './nav';

/** Header with tenant and user, the menu on the left (a drawer on narrow screens), the page. */
export function Shell({ children }: { children: ReactNode }) {
  const { user, tenant, signOut } = useAuth();
  const [menuOpen, setMenuOpen] = useState(false);
  return (
    <div className={`shell${menuOpen ? ' menu-open' : ''}`}>
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="topbar">
        <button type="button" className="menu-toggle" aria-expanded={menuOpen} aria-controls="sidebar" onClick={() => setMenuOpen((open) => !open)}>
          Menu
        </button>
        <span className="brand">Floorplan</span>
        <span className="tenant" data-testid="tenant-name">{tenant?.name}</span>
        <span className="spacer" />
        <span className="user" data-testid="user-name" title={user?.email}>
          {user?.name || user?.email} <span className="muted">({user?.role})</span>
        </span>
        <button type="button" className="secondary" onClick={signOut} data-testid="sign-out">
          Sign out
        </button>
      </header>
      <aside id="sidebar" className="sidebar">
        <Nav onNavigate={() => setMenuOpen(false)} />
      </aside>
      <main id="main" className="content" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
