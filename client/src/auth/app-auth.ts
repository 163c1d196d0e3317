import { type ComponentType, createContext, useContext } from 'react';

/**
 * The one auth interface the app uses, whichever mode runs (Clerk or local).
 * Components and the API client depend on this, never on a mode's own hooks.
 */
export interface AppAuth {
  /** False until the mode knows whether someone is signed in. */
  isLoaded: boolean;
  isSignedIn: boolean;
  userId: string | null;
  orgId: string | null;
  /** Clerk's role key, e.g. `org:admin`. */
  orgRole: string | null;
  /**
   * A currently valid session token, or null when signed out or not loaded yet.
   * Call it for every request: tokens live 60 s, so a captured one goes stale.
   */
  getToken: () => Promise<string | null>;
}

/** The mode's own screens and controls; the layout places them without knowing the mode. */
export interface AuthUi {
  SignIn: ComponentType<{ returnTo: string }>;
  OrganizationSwitcher: ComponentType;
  UserMenu: ComponentType;
}

export interface AuthModeValue {
  auth: AppAuth;
  ui: AuthUi;
}

export const AuthModeContext = createContext<AuthModeValue | null>(null);

function useAuthMode(): AuthModeValue {
  const value = useContext(AuthModeContext);
  if (!value) throw new Error('useAppAuth() needs a ClerkAuthProvider or LocalAuthProvider above');
  return value;
}

export function useAppAuth(): AppAuth {
  return useAuthMode().auth;
}

export function useAuthUi(): AuthUi {
  return useAuthMode().ui;
}
