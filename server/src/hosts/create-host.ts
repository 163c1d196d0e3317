import type { Server } from 'node:http';
import { type AppOptions, createApp } from '../app.ts';
import type { AuthSetup } from '../auth/auth-setup.ts';
import type { Config, HostKind } from '../env.ts';
import { expressServer } from '../fast-path/express-server.ts';
import { apiServer } from '../http/api-server.ts';
import type { IdentitySync } from '../identity/identity-sync.ts';
import { createFastifyApp } from './fastify/fastify-app.ts';
import { createFetchApp } from './fetch/fetch-app.ts';

/**
 * A built host: a Node http server, not listening yet, serving the whole app. Every host's
 * server answers what precedes routing alike (malformed Host or target, requests Node's
 * parser refuses): http/api-server.ts.
 */
export interface Host {
  kind: HostKind;
  server: Server;
  auth: AuthSetup;
  identity: IdentitySync;
}

/**
 * Builds Tasklane on one of its hosts from the same configuration and database. Every
 * host serves the same router, gates and endpoints (the parity suite holds them to it);
 * `main.ts` listens on the result, tests and benchmarks do the same on a free port:
 *
 *   const host = await createHost('fastify', config, { database });
 *   host.server.listen(0, '127.0.0.1');
 *
 * `rateLimitStore` applies to the Express host only.
 */
export async function createHost(
  kind: HostKind,
  config: Config,
  options: AppOptions,
): Promise<Host> {
  switch (kind) {
    case 'express': {
      const { app, auth, identity } = createApp(config, options);
      return { kind, server: expressServer(app), auth, identity };
    }
    case 'fastify': {
      const { server, auth, identity } = await createFastifyApp(config, options);
      return { kind, server, auth, identity };
    }
    case 'fetch': {
      const { listener, auth, identity } = createFetchApp(config, options);
      return { kind, server: apiServer(listener), auth, identity };
    }
  }
}
