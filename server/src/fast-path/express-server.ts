import { IncomingMessage, type Server, type ServerOptions, ServerResponse } from 'node:http';
import type { Express } from 'express';
import { apiServer } from '../http/api-server.ts';

/**
 * Makes `target` what `prototype` is: the same own properties (`app`, and anything added to
 * `app.request`) on the same parent. Express re-parents `app.request` when the app is
 * mounted in another; with its own properties copied, `req.app` stays this app then too.
 */
function standIn(target: object, prototype: object) {
  const { constructor: _, ...own } = Object.getOwnPropertyDescriptors(prototype);
  Object.defineProperties(target, own);
  Object.setPrototypeOf(target, Object.getPrototypeOf(prototype));
}

function classesFor(app: Express): ServerOptions {
  class AppRequest extends IncomingMessage {}
  class AppResponse extends ServerResponse {}
  standIn(AppRequest.prototype, app.request);
  standIn(AppResponse.prototype, app.response);
  // Express moves each request onto `app.request`: now where Node has already built it.
  app.request = AppRequest.prototype as Express['request'];
  app.response = AppResponse.prototype as Express['response'];
  return {
    IncomingMessage: AppRequest,
    // A subclass of the generic ServerResponse, which TypeScript cannot see as the class itself.
    ServerResponse: AppResponse as typeof ServerResponse,
  };
}

/**
 * The Node http server for an Express app: `http.createServer(app)` with the API's answers
 * to requests refused before routing (http/api-server.ts), except that Node builds each
 * request and response as an instance of a subclass whose prototype is the app's
 * `app.request` / `app.response`.
 *
 * Why: Express moves every `req` and `res` onto those prototypes with `Object.setPrototypeOf`
 * as the request enters the app (expressjs/express#5998, nodejs/node#37457). In V8 that is
 * slow, and it keeps each request's objects alive through the next young-generation GC, so
 * they are promoted and every GC pause grows. With the prototype already right,
 * `setPrototypeOf` has nothing to do. Real subclasses, not a constructor function around
 * `Reflect.construct`: V8 then sizes the objects for Node's own fields, and that stand-in
 * measured 20% slower than stock Express. Sub-apps and routers work as before; measured
 * side by side in `npm run bench` (the Clerk recipe runs on stock Express). Serve an app once:
 * a second server takes over its prototypes, and the first falls back to Express's slow path.
 */
export function expressServer(app: Express): Server {
  return apiServer(app, classesFor(app));
}
