import { ORG_ROLES } from '@tasklane/shared/roles';
import { Suspense } from 'react';
import { Link, NavLink, Outlet } from 'react-router';
import { useAppAuth, useAuthUi } from '../auth/app-auth.ts';
import { Loading } from '../ui/Loading.tsx';

/** The signed-in frame: app name, navigation, organization switcher and user menu. */
export function AppLayout() {
  const { orgId, orgRole } = useAppAuth();
  const { OrganizationSwitcher, UserMenu } = useAuthUi();
  return (
    <>
      <header className="app-header">
        <Link to="/" className="app-name">
          Tasklane
        </Link>
        <nav aria-label="Main">
          <NavLink to="/" end>
            Home
          </NavLink>
          {orgId !== null && <NavLink to="/projects">Projects</NavLink>}
          {/* Only a convenience: the admin pages ask the server, which is the real gate. */}
          {orgRole === ORG_ROLES.admin && <NavLink to="/admin">Admin</NavLink>}
        </nav>
        <div className="header-controls">
          <OrganizationSwitcher />
          <UserMenu />
        </div>
      </header>
      <main id="main" className="page" tabIndex={-1}>
        {/* Pages load on first visit (see AppRoutes). */}
        <Suspense fallback={<Loading label="Loading page…" />}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}
