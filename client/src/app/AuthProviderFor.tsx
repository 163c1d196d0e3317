import type { ClientConfig } from '@tasklane/shared';
import { lazy, type ReactNode, Suspense } from 'react';
import { LocalAuthProvider } from '../auth/local/LocalAuthProvider.tsx';
import { Loading } from '../ui/Loading.tsx';

/** Loaded only in Clerk mode: keeps `@clerk/react` out of the initial bundle. */
const ClerkAuthProvider = lazy(() => import('../auth/clerk/ClerkAuthProvider.tsx'));

/** The auth provider of the mode the server asked for. */
export function AuthProviderFor(props: { config: ClientConfig; children: ReactNode }) {
  if (props.config.authMode === 'local') {
    return <LocalAuthProvider>{props.children}</LocalAuthProvider>;
  }
  return (
    <Suspense fallback={<Loading label="Loading sign-in…" />}>
      <ClerkAuthProvider publishableKey={props.config.publishableKey}>
        {props.children}
      </ClerkAuthProvider>
    </Suspense>
  );
}
