import { createApp } from '../app.ts';
import type { HostKind } from '../env.ts';
import type { createTestAuth } from './auth-fixture.ts';
import { createCallerHarness } from './caller-harness.ts';
import { startHost } from './host-server.ts';

/**
 * The caller harness (caller-harness.ts) plus the real HTTP app: for tests that send HTTP
 * requests. Procedure tests use `createCallerHarness` and load no HTTP host.
 */
export async function createHarness(...args: Parameters<typeof createTestAuth>) {
  const h = await createCallerHarness(...args);

  function createTestApp(options: { clientDist?: string } = {}) {
    return createApp(h.config, { database: h.database, signingKey: h.signingKey, ...options });
  }

  /** One host on a free 127.0.0.1 port, from this harness's config, database and key. */
  function startTestHost(kind: HostKind, options: { clientDist?: string } = {}) {
    return startHost(kind, h.config, {
      database: h.database,
      signingKey: h.signingKey,
      ...options,
    });
  }

  return { ...h, createTestApp, startTestHost };
}

export type Harness = Awaited<ReturnType<typeof createHarness>>;
