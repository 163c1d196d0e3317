import type { ClerkClient } from '@clerk/express';

/** `inner`, counting how often it is asked to authenticate a request (i.e. to verify). */
export function countingClerk(inner: ClerkClient) {
  const counter = { calls: 0 };
  const client: ClerkClient = {
    ...inner,
    authenticateRequest: ((...args: Parameters<ClerkClient['authenticateRequest']>) => {
      counter.calls++;
      return inner.authenticateRequest(...args);
    }) as ClerkClient['authenticateRequest'],
  };
  return { client, counter };
}
