import { ClerkProvider, OrganizationSwitcher, SignIn, UserButton } from '@clerk/react';
import { type ReactNode, useMemo } from 'react';
import { useNavigate } from 'react-router';
import { AuthModeContext, type AuthModeValue, type AuthUi } from '../app-auth.ts';
import { SIGN_IN_PATH } from '../return-path.ts';
import { useClerkAppAuth } from './use-clerk-app-auth.ts';

/**
 * Clerk mode. This module is loaded lazily (see App.tsx), so local mode never downloads
 * `@clerk/react`; Clerk then fetches its own runtime from the instance's frontend API.
 */
export default function ClerkAuthProvider(props: { publishableKey: string; children: ReactNode }) {
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
      <ClerkAuthBridge>{props.children}</ClerkAuthBridge>
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

function ClerkAuthBridge({ children }: { children: ReactNode }) {
  const auth = useClerkAppAuth();
  const value = useMemo<AuthModeValue>(() => ({ auth, ui: clerkUi }), [auth]);
  return <AuthModeContext value={value}>{children}</AuthModeContext>;
}
