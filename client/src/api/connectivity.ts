import { createContext, useContext, useSyncExternalStore } from 'react';

/**
 * Whether the API answered the last request. Fed by the tRPC link's `fetch`, so it knows
 * about every request and every answer, whichever query or mutation made it.
 */
export class ConnectivityStore {
  private unreachable = false;
  private listeners = new Set<() => void>();

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  isUnreachable = () => this.unreachable;

  /** Wraps `fetch`: a rejected fetch or a gateway error means the server cannot be reached. */
  fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    let response: Response;
    try {
      response = await globalThis.fetch(input, init);
    } catch (error) {
      // A cancelled request (React Query aborts unused ones) says nothing about the server.
      if (!(error instanceof DOMException && error.name === 'AbortError')) this.set(true);
      throw error;
    }
    this.set(GATEWAY_ERRORS.has(response.status));
    return response;
  };

  private set(unreachable: boolean) {
    if (unreachable === this.unreachable) return;
    this.unreachable = unreachable;
    for (const listener of this.listeners) listener();
  }
}

/** What a proxy answers when the app behind it is down. */
const GATEWAY_ERRORS = new Set([502, 503, 504]);

export const ConnectivityContext = createContext<ConnectivityStore | null>(null);

export function useApiUnreachable(): boolean {
  const store = useContext(ConnectivityContext);
  if (!store) throw new Error('useApiUnreachable() needs an ApiProvider above');
  return useSyncExternalStore(store.subscribe, store.isUnreachable);
}
