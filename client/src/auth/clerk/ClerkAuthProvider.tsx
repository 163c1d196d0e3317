import { ClerkProvider, OrganizationSwitcher, SignIn, UserButton } from '@clerk/react';
import { type ReactNode, useMemo } from 'react';
import { useNavigate } from 'react-router';
import { AuthModeContext, type AuthModeValue, type AuthUi } from '../app-auth.ts';
import { SIGN_IN_PATH } from '../return-path.ts';
import { ClerkUnavailable } from './ClerkUnavailable.tsx';
import { useClerkAppAuth } from './use-clerk-app-auth.ts';
import { useClerkLoadFailed } from './use-clerk-load-failed.ts';

/** Loads Clerk afresh: Clerk keeps one instance per page, so a new page is the sure way. */
const reloadPage = () => window.location.reload();

/**
 * Clerk mode. This module is loaded lazily (see App.tsx), so local mode never downloads
 * `@clerk/react`; Clerk then fetches its own runtime from the instance's frontend API.
 */
export default function ClerkAuthProvider(props: {
  publishableKey: string;
  children: ReactNode;
  /** What "Try again" does when Clerk could not load (tests pass their own). */
  retry?: () => void;
}) {
  const navigate = useNavigate();
  return (
    <ClerkProvider
      publishableKey={props.publishableKey}
      // Clerk navigates through the SPA's router instead of reloading the page.
      routerPush={(to) => navigate(to)}
      routerReplace={(to) => navigate(to, { replace: true })}
      signInUrl={SIGN_IN_PATH}
      afterSignOutUrl={SIGN_IN_PATH}
    >
      <ClerkLoadGuard publishableKey={props.publishableKey} retry={props.retry ?? reloadPage}>
        <ClerkAuthBridge>{props.children}</ClerkAuthBridge>
      </ClerkLoadGuard>
    </ClerkProvider>
  );
}

const clerkUi: AuthUi = {
  SignIn: ({ returnTo }) => (
    <SignIn routing="path" path={SIGN_IN_PATH} forceRedirectUrl={returnTo} />
  ),
  OrganizationSwitcher: () => (
    <OrganizationSwitcher hidePersonal={false} afterSelectOrganizationUrl="/" />
  ),
  UserMenu: () => <UserButton />,
};

/** The app, unless Clerk could not load: then what went wrong, in place of an endless wait. */
function ClerkLoadGuard(props: { publishableKey: string; retry: () => void; children: ReactNode }) {
  if (useClerkLoadFailed()) {
    return <ClerkUnavailable publishableKey={props.publishableKey} onRetry={props.retry} />;
  }
  return props.children;
}

function ClerkAuthBridge({ children }: { children: ReactNode }) {
  const auth = useClerkAppAuth();
  const value = useMemo<AuthModeValue>(() => ({ auth, ui: clerkUi }), [auth]);
  return <AuthModeContext value={value}>{children}</AuthModeContext>;
}
