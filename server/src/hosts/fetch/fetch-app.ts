import { createAppServices, type HostOptions } from '../../app-services.ts';
import type { Config } from '../../env.ts';
import { webListener } from '../../fast-path/web-listener.ts';
import { securityHeaderList } from '../../http/security-headers.ts';
import { CLIENT_DIST } from '../../http/spa.ts';
import { errorSummary } from '../../web/error-summary.ts';
import { jsonErrorResponse } from '../../web/json-response.ts';
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

  /** A `http.createServer()` listener (hono's bridge: fast-path/web-listener.ts). */
  const listener = webListener(
    (request, incoming) =>
      handler(request, { clientAddress: incoming.socket.remoteAddress ?? 'unknown' }),
    {
      onError: (error) => {
        // One sanitised line: no parameters, stacks or client-chosen control characters.
        console.error(`Request failed: ${errorSummary(error)}`);
        return jsonErrorResponse(500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
      },
    },
  );

  return { handler, listener, auth: services.auth, identity: services.identity };
}
