import type { Express, RequestHandler } from 'express';
import type { WebRoute } from '../../web/web-route.ts';
import { toWebRequest, writeWebResponse } from '../node/web-bridge.ts';

/** Serves a web route from Express: the raw request in, the web Response out. */
function expressHandler(route: WebRoute): RequestHandler {
  return (req, res, next) => {
    route
      .handle(toWebRequest(req, res))
      .then((response) => writeWebResponse(res, response))
      .catch(next);
  };
}

/** Mounts web routes on exact paths (Express also answers HEAD for a GET route). */
export function mountWebRoutes(app: Express, routes: readonly WebRoute[]) {
  for (const route of routes) {
    if (route.method === 'GET') app.get(route.path, expressHandler(route));
    else app.post(route.path, expressHandler(route));
  }
}
