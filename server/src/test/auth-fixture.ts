import { createClerkClient, type SessionAuthObject } from '@clerk/express';
import { type AuthSetup, createAuthSetup } from '../auth/auth-setup.ts';
import { mintSessionToken, type SessionTokenInput } from '../auth/local/session-token.ts';
import { generateSigningKey, type SigningKey } from '../auth/local/signing-key.ts';
import { type Config, loadConfig } from '../env.ts';
import {
  createWorld,
  type PersonaName,
  permissionsOf,
  type TestIdentity,
  type World,
} from './personas.ts';

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

/** One in-memory key pair, the auth setup that trusts it, and a world of ids (fresh by default). */
export function createTestAuth(config: Config = testConfig(), world: World = createWorld()) {
  const signingKey: SigningKey = generateSigningKey();
  const setup: AuthSetup = createAuthSetup(config, { signingKey });

  const identityOf = (who: PersonaName | TestIdentity) =>
    typeof who === 'string' ? world.personas[who] : who;

  /** A session token for a persona or identity; `overrides` bend it into a hostile one. */
  function tokenFor(
    who: Exclude<PersonaName, 'anon'> | TestIdentity,
    { key = signingKey, ...overrides }: Partial<SessionTokenInput> & { key?: SigningKey } = {},
  ) {
    const identity = identityOf(who);
    if (!identity) throw new Error('anon has no token');
    return mintSessionToken(key, {
      userId: identity.userId,
      sessionId: `sess_test_${identity.userId}`,
      authorizedParty: TEST_ORIGIN,
      issuer: setup.issuer,
      organization: identity.org && {
        id: identity.org.id,
        slug: identity.org.slug,
        role: identity.org.role,
        permissions: permissionsOf(identity),
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
   * Clerk's own auth object: a minted token verified by Clerk's `authenticateRequest`,
   * so `has()`, `orgRole` and `orgPermissions` are exactly Clerk's.
   */
  async function authFor(who: PersonaName | TestIdentity): Promise<SessionAuthObject> {
    const identity = identityOf(who);
    const headers = new Headers({ 'sec-fetch-dest': 'empty' });
    if (identity) headers.set('authorization', `Bearer ${tokenFor(identity)}`);
    const state = await clerkClient.authenticateRequest(
      new Request(`${TEST_ORIGIN}/trpc`, { headers }),
      { jwtKey: setup.jwtKey, issuer: setup.issuer, authorizedParties: setup.authorizedParties },
    );
    const auth = state.toAuth();
    if (!auth || (identity && !auth.isAuthenticated)) {
      throw new Error(`Clerk refused the test token: ${state.reason}`);
    }
    return auth as SessionAuthObject;
  }

  /**
   * Tokens for a persona that Clerk must refuse, one per way of being wrong: `valid` (the
   * persona's accepted token) with its claims changed after signing, then tokens expired,
   * signed by another key, for another authorized party, from another issuer.
   */
  function refusedTokensFor(who: Exclude<PersonaName, 'anon'>, valid: string): string[] {
    const [header, payload, signature] = valid.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'user_forged' }));
    return [
      `${header}.${forged.toString('base64url')}.${signature}`,
      tokenFor(who, { now: Math.floor(Date.now() / 1000) - 600 }),
      tokenFor(who, { key: generateSigningKey() }),
      tokenFor(who, { authorizedParty: 'https://evil.test' }),
      tokenFor(who, { issuer: 'https://clerk.evil.test' }),
    ];
  }

  return { config, setup, signingKey, world, tokenFor, authFor, refusedTokensFor };
}

export type TestAuth = ReturnType<typeof createTestAuth>;
