import { createClerkClient } from '@clerk/backend';
import type { AuthSetup } from './auth-setup.ts';
import { createVerifiedTokenCache } from './verified-token-cache.ts';

/**
 * A Clerk backend client for the auth setup (networkless with `jwtKey`) whose
 * `authenticateRequest` remembers accepted session tokens (verified-token-cache.ts).
 * Every host verifies through one of these.
 */
export function createCachedClerkClient(setup: AuthSetup) {
  const cache = createVerifiedTokenCache();
  return { cache, clerkClient: cache.wrap(clerkClientFor(setup)) };
}

/** Clerk's backend client for the auth setup, as it is: every token verified every time. */
export function clerkClientFor(setup: AuthSetup) {
  return createClerkClient({
    publishableKey: setup.publishableKey,
    secretKey: setup.secretKey,
    jwtKey: setup.jwtKey,
  });
}
