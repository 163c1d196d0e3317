import { createClerkClient, type SessionAuthObject } from '@clerk/express';
import { type AuthSetup, createAuthSetup } from '../auth/auth-setup.ts';
import { mintSessionToken, type SessionTokenInput } from '../auth/local/session-token.ts';
import { generateSigningKey, type SigningKey } from '../auth/local/signing-key.ts';
import { type Config, loadConfig } from '../env.ts';
import { membershipOf, PERSONAS, type PersonaName } from './personas.ts';

export const TEST_ORIGIN = 'http://tasklane.test';

/** Local-mode configuration for tests: nothing persisted, one known SPA origin. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    APP_ORIGINS: TEST_ORIGIN,
    DATA_DIR: '/nonexistent/tests-keep-keys-in-memory',
    ...overrides,
  });
}

/** One in-memory key pair and the auth setup that trusts it, shared by a test file. */
export function createTestAuth(config: Config = testConfig()) {
  const signingKey: SigningKey = generateSigningKey();
  const setup: AuthSetup = createAuthSetup(config, { signingKey });

  /** A session token for a persona; `overrides` bend it into a hostile one. */
  function tokenFor(
    persona: Exclude<PersonaName, 'anon'>,
    { key = signingKey, ...overrides }: Partial<SessionTokenInput> & { key?: SigningKey } = {},
  ) {
    const identity = PERSONAS[persona];
    const membership = membershipOf(persona);
    return mintSessionToken(key, {
      userId: identity.userId,
      sessionId: `sess_test_${persona}`,
      authorizedParty: TEST_ORIGIN,
      issuer: setup.issuer,
      organization: membership && {
        id: membership.orgId,
        slug: membership.orgSlug,
        role: membership.role,
        permissions: membership.permissions,
      },
      ...overrides,
    });
  }

  const clerkClient = createClerkClient({
    publishableKey: setup.publishableKey,
    secretKey: setup.secretKey,
    jwtKey: setup.jwtKey,
  });

  /**
   * Clerk's own auth object for a persona: a minted token verified by Clerk's
   * `authenticateRequest`, so `has()`, `orgRole` and `orgPermissions` are Clerk's.
   */
  async function authFor(persona: PersonaName): Promise<SessionAuthObject> {
    const headers = new Headers({ 'sec-fetch-dest': 'empty' });
    if (persona !== 'anon') headers.set('authorization', `Bearer ${tokenFor(persona)}`);
    const state = await clerkClient.authenticateRequest(
      new Request(`${TEST_ORIGIN}/trpc`, { headers }),
      {
        jwtKey: setup.jwtKey,
        issuer: setup.issuer,
        authorizedParties: setup.authorizedParties,
      },
    );
    const auth = state.toAuth();
    if (!auth || (persona !== 'anon' && !auth.isAuthenticated)) {
      throw new Error(`Clerk refused the ${persona} test token: ${state.reason}`);
    }
    return auth as SessionAuthObject;
  }

  return { config, setup, signingKey, tokenFor, authFor };
}
