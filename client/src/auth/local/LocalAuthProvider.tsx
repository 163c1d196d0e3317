import { type ReactNode, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { type AppAuth, AuthModeContext, type AuthModeValue, type AuthUi } from '../app-auth.ts';
import { LocalOrganizationSwitcher } from './LocalOrganizationSwitcher.tsx';
import { LocalSignIn } from './LocalSignIn.tsx';
import { LocalUserMenu } from './LocalUserMenu.tsx';
import { type LocalAuthApi, localAuthApi } from './local-auth-api.ts';
import { LocalSessionStore } from './local-session-store.ts';
import { LocalSessionStoreContext } from './local-store-context.ts';

const localUi: AuthUi = {
  SignIn: LocalSignIn,
  OrganizationSwitcher: LocalOrganizationSwitcher,
  UserMenu: LocalUserMenu,
};

/** Local mode: sessions come from the server's `/auth/local/*` endpoints. */
export function LocalAuthProvider(props: { children: ReactNode; api?: LocalAuthApi }) {
  const [store] = useState(() => new LocalSessionStore(props.api ?? localAuthApi));
  useEffect(() => {
    store.start();
    return () => store.dispose();
  }, [store]);

  const { isLoaded, session } = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const userId = session?.userId ?? null;
  const orgId = session?.orgId ?? null;
  const orgRole = session?.orgRole ?? null;
  // Rebuilt only when who is signed in changes, not on every token refresh.
  const auth = useMemo<AppAuth>(
    () => ({
      isLoaded,
      isSignedIn: userId !== null,
      userId,
      orgId,
      orgRole,
      getToken: store.getToken,
    }),
    [isLoaded, userId, orgId, orgRole, store],
  );
  const value = useMemo<AuthModeValue>(() => ({ auth, ui: localUi }), [auth]);

  return (
    <LocalSessionStoreContext value={store}>
      <AuthModeContext value={value}>{props.children}</AuthModeContext>
    </LocalSessionStoreContext>
  );
}
