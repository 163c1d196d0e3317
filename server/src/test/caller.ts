import { appRouter } from '../routers/_app.ts';
import { createCallerFactory, createContextInner } from '../trpc.ts';
import type { createTestAuth } from './auth-fixture.ts';
import type { PersonaName } from './personas.ts';

const createCaller = createCallerFactory(appRouter);

/** A server-side caller acting as a persona, with the inner context tests build directly. */
export async function callerFor(testAuth: ReturnType<typeof createTestAuth>, persona: PersonaName) {
  const auth = await testAuth.authFor(persona);
  return createCaller(createContextInner({ auth, deps: { exposeErrors: false } }));
}
