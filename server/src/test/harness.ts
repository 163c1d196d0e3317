import { createApp } from '../app.ts';
import type { HostKind } from '../env.ts';
import { createIdentitySync } from '../identity/identity-sync.ts';
import { localProfileSource } from '../identity/profile-source.ts';
import { appRouter } from '../routers/_app.ts';
import { type ContextDeps, createCallerFactory, createContextInner } from '../trpc.ts';
import { createTestAuth } from './auth-fixture.ts';
import { startHost } from './host-server.ts';
import type { PersonaName, TestIdentity } from './personas.ts';
import { getTestDatabase } from './test-db.ts';

const createCaller = createCallerFactory(appRouter);

/**
 * Everything a server test needs: tokens and Clerk auth objects for a fresh world of ids,
 * the worker's database, tRPC callers with an inner context, and the real HTTP app.
 */
export async function createHarness(...args: Parameters<typeof createTestAuth>) {
  const testAuth = createTestAuth(...args);
  const database = await getTestDatabase();
  const deps: ContextDeps = {
    db: database.db,
    identity: createIdentitySync(database.db, localProfileSource()),
    exposeErrors: false,
  };

  /** A server-side caller acting as a persona or identity. */
  async function callerFor(who: PersonaName | TestIdentity) {
    return createCaller(createContextInner({ auth: await testAuth.authFor(who), deps }));
  }

  function createTestApp(options: { clientDist?: string } = {}) {
    return createApp(testAuth.config, { database, signingKey: testAuth.signingKey, ...options });
  }

  /** One host on a free 127.0.0.1 port, from this harness's config, database and key. */
  function startTestHost(kind: HostKind, options: { clientDist?: string } = {}) {
    return startHost(kind, testAuth.config, {
      database,
      signingKey: testAuth.signingKey,
      ...options,
    });
  }

  return { ...testAuth, database, db: database.db, deps, callerFor, createTestApp, startTestHost };
}

export type Harness = Awaited<ReturnType<typeof createHarness>>;
