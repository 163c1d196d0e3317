/**
 * An endpoint written against the web platform's Request and Response only, so every host
 * (Express, Fastify, the fetch handler) serves the same logic and only adapts its request.
 */
export type WebHandler = (request: Request) => Promise<Response>;

export interface WebRoute {
  method: 'GET' | 'POST';
  /** The exact pathname, e.g. `/auth/local/sign-in` (no parameters, no prefixes). */
  path: string;
  handle: WebHandler;
}

/** The route for this method and pathname, if any. */
export function findWebRoute(routes: readonly WebRoute[], method: string, pathname: string) {
  return routes.find((route) => route.method === method && route.path === pathname);
}
