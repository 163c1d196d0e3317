import type { ClientConfig } from '@tasklane/shared';
import type { AuthSetup } from '../auth/auth-setup.ts';
import { jsonResponse } from './json-response.ts';
import type { WebRoute } from './web-route.ts';

/** Liveness, readiness and the SPA's bootstrap configuration: no auth on any of them. */
export function serviceRoutes(deps: { auth: AuthSetup; ping: () => Promise<void> }): WebRoute[] {
  const clientConfig: ClientConfig =
    deps.auth.mode === 'clerk'
      ? { authMode: 'clerk', publishableKey: deps.auth.publishableKey }
      : { authMode: 'local' };
  return [
    {
      /** Liveness: the process answers. */
      method: 'GET',
      path: '/healthz',
      handle: async () => jsonResponse({ status: 'ok' }),
    },
    {
      /** Readiness: the database answers too (load balancers stop routing here when it does not). */
      method: 'GET',
      path: '/readyz',
      async handle() {
        try {
          await deps.ping();
          return jsonResponse({ status: 'ready', database: 'up' });
        } catch {
          return jsonResponse({ status: 'unavailable', database: 'down' }, { status: 503 });
        }
      },
    },
    {
      method: 'GET',
      path: '/api/client-config',
      handle: async () => jsonResponse(clientConfig),
    },
  ];
}
