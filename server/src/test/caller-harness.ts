import { createBoardEvents } from '../board-events/board-events.ts';
import type { Tx } from '../db/database.ts';
import { acrossOrganizations } from '../db/tenant-scope.ts';
import { createIdentitySync } from '../identity/identity-sync.ts';
import { localProfileSource } from '../identity/profile-source.ts';
import { appRouter } from '../routers/_app.ts';
import { type ContextDeps, createCallerFactory, createContextInner } from '../trpc.ts';
import { createTestAuth } from './auth-fixture.ts';
import type { PersonaName, TestIdentity } from './personas.ts';
import { getTestDatabase } from './test-db.ts';

const createCaller = createCallerFactory(appRouter);

/**
 * What a procedure test needs, and no HTTP host: tokens and Clerk auth objects for a fresh
 * world of ids, the worker's database, and tRPC callers whose context holds Clerk's own
 * verdict on a minted token (so `has()`, roles and permissions are exactly Clerk's).
 */
export async function createCallerHarness(...args: Parameters<typeof createTestAuth>) {
  const testAuth = createTestAuth(...args);
  const database = await getTestDatabase();
  const deps: ContextDeps = {
    db: database.db,
    identity: createIdentitySync(database.db, localProfileSource()),
    boardEvents: createBoardEvents(database),
    exposeErrors: false,
  };

  /** A server-side caller acting as a persona or identity. */
  async function callerFor(who: PersonaName | TestIdentity) {
    return createCaller(createContextInner({ auth: await testAuth.authFor(who), deps }));
  }

  /**
   * Reads or arranges rows of any organization, the way tests check what a call wrote: the
   * app's connection sees no organization's rows outside a scope (row-level security).
   */
  function inspect<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return acrossOrganizations(database.db, 'tests', work);
  }

  return { ...testAuth, database, db: database.db, deps, callerFor, inspect };
}

export type CallerHarness = Awaited<ReturnType<typeof createCallerHarness>>;
