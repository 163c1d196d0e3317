import type { Express } from 'express';
import { webListener } from '../fast-path/web-listener.ts';
import { errorSummary } from '../web/error-summary.ts';
import { jsonErrorResponse } from '../web/json-response.ts';
import type { WebRoute } from '../web/web-route.ts';

/** A route that throws answers like every other 500: JSON, details in the server log. */
function internalError(error: unknown): Response {
  // One sanitised line: no parameters, stacks or client-chosen control characters.
  console.error(`Request failed: ${errorSummary(error)}`);
  return jsonErrorResponse(500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
}

/**
 * Mounts the shared web routes (health, client config, local sign-in, webhooks: written
 * against web `Request`/`Response` so every host serves the same code) on exact paths.
 * Express also answers HEAD for a GET route.
 */
export function mountWebRoutes(app: Express, routes: readonly WebRoute[]) {
  for (const route of routes) {
    const handler = webListener((request) => route.handle(request), {
      onError: internalError,
    });
    if (route.method === 'GET') app.get(route.path, handler);
    else app.post(route.path, handler);
  }
}
