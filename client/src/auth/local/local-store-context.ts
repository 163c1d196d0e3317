import { createContext, useContext } from 'react';
import type { LocalSessionStore } from './local-session-store.ts';

/** The store itself, for local mode's own screens (sign in, switch organization, sign out). */
export const LocalSessionStoreContext = createContext<LocalSessionStore | null>(null);

export function useLocalSessionStore(): LocalSessionStore {
  const store = useContext(LocalSessionStoreContext);
  if (!store) throw new Error('useLocalSessionStore() needs a LocalAuthProvider above');
  return store;
}
