import { useEffect, useState } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { useSession } from './session';

export const navigation = [
  { to: '/', label: 'Dashboard' },
  { to: '/products', label: 'Products' },
  { to: '/warehouses', label: 'Warehouses' },
  { to: '/stock', label: 'Stock' },
  { to: '/ledger', label: 'Ledger' },
  { to: '/transfers', label: 'Transfers' },
  { to: '/reservations', label: 'Reservations' },
  { to: '/orders', label: 'Orders' },
  { to: '/purchase-orders', label: 'Purchase orders' },
  { to: '/users', label: 'Users & API keys' },
] as const;

/** Header (tenant, user, sign out), navigation, and the page. */
export function AppShell() {
  const { session, signOut } = useSession();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);

  // On a narrow screen the menu closes once a page is chosen.
  useEffect(() => setMenuOpen(false), [location.pathname]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <button
          type="button"
          className="button button--ghost topbar__menu"
          aria-expanded={menuOpen}
          aria-controls="primary-nav"
          onClick={() => setMenuOpen((o) => !o)}
        >
          Menu
        </button>
        <span className="topbar__brand">Inventory</span>
        <dl className="topbar__who">
          <div>
            <dt>Tenant</dt>
            <dd data-testid="current-tenant">{session?.tenant}</dd>
          </div>
          <div>
            <dt>User</dt>
            <dd data-testid="current-user">
              {session?.email}
              {session && session.roles.length > 0 && <span className="topbar__roles"> ({session.roles.join(', ')})</span>}
            </dd>
          </div>
        </dl>
        <a className="topbar__link" href="/graphql/ui">
          GraphiQL
        </a>
        <button type="button" className="button" onClick={() => signOut('You have signed out.')}>
          Sign out
        </button>
      </header>
      <nav id="primary-nav" className={menuOpen ? 'sidenav sidenav--open' : 'sidenav'} aria-label="Main">
        <ul>
          {navigation.map((item) => (
            <li key={item.to}>
              <NavLink to={item.to} end={item.to === '/'}>
                {item.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
