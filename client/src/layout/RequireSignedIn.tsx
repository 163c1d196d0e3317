import { Navigate, Outlet, useLocation } from 'react-router';
import { useAppAuth } from '../auth/app-auth.ts';
import { signInPathFor } from '../auth/return-path.ts';
import { Loading } from '../ui/Loading.tsx';

/**
 * Sends signed-out visitors to sign in and back here afterwards. This is for the user's
 * sake only: the API refuses them anyway (the server is the gate).
 */
export function RequireSignedIn() {
  const { isLoaded, isSignedIn } = useAppAuth();
  const location = useLocation();
  if (!isLoaded) {
    return (
      <main id="main" className="page">
        <Loading label="Checking your session…" />
      </main>
    );
  }
  if (!isSignedIn) {
    return (
      <Navigate to={signInPathFor(location.pathname + location.search + location.hash)} replace />
    );
  }
  return <Outlet />;
}
