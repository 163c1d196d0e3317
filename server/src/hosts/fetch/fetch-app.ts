import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from '../../env.ts';
import { securityHeaderList } from '../../http/security-headers.ts';
import { CLIENT_DIST } from '../../http/spa.ts';
import { createAppServices, type HostOptions } from '../app-services.ts';
import { toWebRequest, writeWebResponse } from '../node/web-bridge.ts';
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

  /** A `http.createServer()` listener. */
  function listener(req: IncomingMessage, res: ServerResponse) {
    const request = toWebRequest(req, res);
    handler(request, { clientAddress: req.socket.remoteAddress ?? 'unknown' })
      .then((response) => writeWebResponse(res, response))
      .catch((error: unknown) => {
        console.error(error);
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
          res.end(
            JSON.stringify({
              error: { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' },
            }),
          );
        } else {
          res.destroy();
        }
      });
  }

  return { handler, listener, auth: services.auth, identity: services.identity };
}
