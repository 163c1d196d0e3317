import type { FastifyInstance, FastifyReply } from 'fastify';
import type { WebRoute } from '../../web/web-route.ts';
import { toWebRequest } from './web-bridge.ts';

/** Sends a web Response through Fastify, so its hooks (helmet, CORS) still apply. */
export async function sendWebResponse(reply: FastifyReply, response: Response) {
  reply.code(response.status);
  for (const [name, value] of response.headers) {
    if (name !== 'set-cookie') reply.header(name, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) reply.header('set-cookie', cookies);
  return reply.send(response.body ? Buffer.from(await response.arrayBuffer()) : undefined);
}

/**
 * Serves web routes from Fastify (GET routes answer HEAD too). Fastify does not parse their
 * bodies: each route reads its own, with its own size limit, like on every other host.
 */
export async function webRoutesPlugin(
  scope: FastifyInstance,
  opts: { routes: readonly WebRoute[] },
) {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
  for (const route of opts.routes) {
    scope.route({
      method: route.method,
      url: route.path,
      handler: async (request, reply) =>
        sendWebResponse(reply, await route.handle(toWebRequest(request.raw, reply.raw))),
    });
  }
}
