import { ROLE_PERMISSIONS } from '@tasklane/shared';
import { type AuthSetup, createAuthSetup } from '../src/auth/auth-setup.ts';
import { DEMO_ORGS } from '../src/auth/local/demo-directory.ts';
import { mintSessionToken } from '../src/auth/local/session-token.ts';
import { generateSigningKey, type SigningKey } from '../src/auth/local/signing-key.ts';
import { type Config, loadConfig } from '../src/env.ts';

/** The SPA origin the benchmark's tokens are issued for (their `azp`). */
export const BENCH_ORIGIN = 'http://bench.tasklane.test';

/**
 * Local auth mode with an in-memory key: tokens go through Clerk's real, networkless
 * verification exactly as in production (signature, exp/nbf/iat, azp, iss).
 * `NODE_ENV=test`: no Clerk debug headers and no error details, as in production.
 * The reference process (reference-process.ts) is given the same key, so the same tokens
 * are valid there.
 */
export function createBenchAuth(
  tokenTtlSeconds: number,
  signingKey: SigningKey = generateSigningKey(),
) {
  const config: Config = loadConfig({
    NODE_ENV: 'test',
    APP_ORIGINS: BENCH_ORIGIN,
    DATA_DIR: '/nonexistent/bench-keeps-keys-in-memory',
    // The limiter stays in the path (its cost is measured) but never refuses the load.
    RATE_LIMIT_REQUESTS: '1000000000',
  });
  const setup: AuthSetup = createAuthSetup(config, { signingKey });

  /**
   * A member of Acme with its organization claims, like most real traffic. Clerk's
   * tokens live 60 s; the benchmark's live for the whole run so none expires mid-scenario.
   */
  const memberToken = mintSessionToken(signingKey, {
    userId: 'user_demo_max',
    sessionId: 'sess_bench_member',
    authorizedParty: BENCH_ORIGIN,
    issuer: setup.issuer,
    organization: {
      id: DEMO_ORGS.acme.id,
      slug: DEMO_ORGS.acme.slug,
      role: 'org:member',
      permissions: ROLE_PERMISSIONS['org:member'],
    },
    ttlSeconds: tokenTtlSeconds,
  });

  return { config, setup, signingKey, memberToken };
}

export type BenchAuth = ReturnType<typeof createBenchAuth>;
