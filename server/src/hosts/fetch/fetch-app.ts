import { getRequestListener, type HttpBindings } from '@hono/node-server';
import type { Config } from '../../env.ts';
import { securityHeaderList } from '../../http/security-headers.ts';
import { CLIENT_DIST } from '../../http/spa.ts';
import { jsonErrorResponse } from '../../web/json-response.ts';
import { createAppServices, type HostOptions } from '../app-services.ts';
import { createFetchHandler } from './fetch-handler.ts';
import { nodeStaticFiles } from './node-static-files.ts';

/**
 * The fetch host on Node: the web-standard handler with Node's parts injected (database,
 * files on disk, helmet's header list), and a bridge from Node's http server to it.
 */
export function createFetchApp(config: Config, options: HostOptions) {
  const services = createAppServices(config, options);
  const handler = createFetchHandler({
    auth: services.auth,
    contextDeps: services.contextDeps,
    routes: services.routes,
    appOrigins: config.appOrigins,
    securityHeaders: securityHeaderList(services.auth),
    rateLimit: config.rateLimit,
    maxBodyBytes: config.maxBodyBytes,
    debugHeaders: services.development,
    staticFiles: nodeStaticFiles(options.clientDist ?? CLIENT_DIST),
  });

  /**
   * A `http.createServer()` listener: `@hono/node-server`'s bridge from Node's request and
   * response to the web handler (as on the Express host's `/trpc`, see
   * http/trpc-express.ts): the web `Request` and `Response` are built only when something
   * reads them, and a whole body is written with one `res.end()`.
   */
  const listener = getRequestListener(
    (request, env) =>
      handler(request, {
        clientAddress: (env as HttpBindings).incoming.socket.remoteAddress ?? 'unknown',
      }),
    {
      overrideGlobalObjects: true,
      // A request without a Host header (HTTP/1.0) is taken as localhost.
      hostname: 'localhost',
      errorHandler: (error) => {
        console.error(error);
        return jsonErrorResponse(500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
      },
    },
  );

  return { handler, listener, auth: services.auth, identity: services.identity };
}
