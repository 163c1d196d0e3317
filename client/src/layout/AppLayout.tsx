import { ORG_ROLES } from '@tasklane/shared/roles';
import { Link, NavLink, Outlet } from 'react-router';
import { useAppAuth, useAuthUi } from '../auth/app-auth.ts';

/** The signed-in frame: app name, navigation, organization switcher and user menu. */
export function AppLayout() {
  const { orgRole } = useAppAuth();
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
          {/* Only a convenience: the admin page asks the server, which is the real gate. */}
          {orgRole === ORG_ROLES.admin && <NavLink to="/admin">Admin</NavLink>}
        </nav>
        <div className="header-controls">
          <OrganizationSwitcher />
          <UserMenu />
        </div>
      </header>
      <main id="main" className="page" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
