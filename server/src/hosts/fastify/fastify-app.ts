import type { Server } from 'node:http';
import fastifyHelmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import Fastify from 'fastify';
import { createAppServices, type HostOptions } from '../../app-services.ts';
import type { Config } from '../../env.ts';
import { apiServer } from '../../http/api-server.ts';
import { answerClientError } from '../../http/client-error.ts';
import { securityHeaderOptions } from '../../http/security-headers.ts';
import { CLIENT_DIST } from '../../http/spa.ts';
import { fastifyApiPlugin } from './fastify-api.ts';
import { fastifyJsonErrorHandler } from './fastify-errors.ts';
import { fastifySpaPlugin } from './fastify-spa.ts';
import { webRoutesPlugin } from './web-route-adapter.ts';

/**
 * Tasklane on Fastify: the same services and rules as the Express host, with Fastify's
 * own plugins (@clerk/fastify, @fastify/cors, @fastify/helmet, @fastify/rate-limit,
 * @fastify/static) and tRPC's Fastify adapter. Resolves once every plugin is loaded;
 * `server` is a Node http server that is not listening yet.
 */
export async function createFastifyApp(config: Config, options: HostOptions) {
  const services = createAppServices(config, options);
  const { auth, development } = services;
  let server: Server | undefined;
  const app = Fastify({
    // tRPC's requests: Fastify refuses a bigger body before anything reads it.
    bodyLimit: config.maxBodyBytes,
    // Listen on the Node server every host uses, so each starts, drains and refuses
    // malformed requests the same way. Fastify installs the parser's `clientError` listener
    // itself: given ours, it answers like the other hosts.
    serverFactory: (handler) => {
      server = apiServer(handler, {}, { clientErrors: false });
      return server;
    },
    clientErrorHandler: answerClientError,
  });

  // The same helmet package and options as Express (its types are seen twice, ESM and CJS).
  await app.register(fastifyHelmet, securityHeaderOptions(auth) as FastifyHelmetOptions);
  app.setErrorHandler(fastifyJsonErrorHandler({ exposeErrors: development }));
  await app.register(webRoutesPlugin, { routes: services.routes });
  await app.register(fastifyApiPlugin, {
    prefix: '/trpc',
    config,
    auth,
    contextDeps: services.contextDeps,
    debugHeaders: development,
  });
  await app.register(fastifySpaPlugin, { distDir: options.clientDist ?? CLIENT_DIST });
  await app.ready();
  if (!server) throw new Error('Fastify did not create its server');
  return { app, server, auth, identity: services.identity };
}
