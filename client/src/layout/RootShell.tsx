import { Outlet } from 'react-router';
import { ConnectivityBanner } from '../ui/ConnectivityBanner.tsx';

/** Around every page, signed in or not: the skip link and the connectivity banner. */
export function RootShell() {
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <ConnectivityBanner />
      <Outlet />
    </>
  );
}
