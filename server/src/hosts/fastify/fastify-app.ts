import { createServer, type Server } from 'node:http';
import fastifyHelmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import Fastify from 'fastify';
import { createAppServices, type HostOptions } from '../../app-services.ts';
import type { Config } from '../../env.ts';
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
    // Listen on a plain Node server, so every host starts and drains the same way.
    serverFactory: (handler) => {
      server = createServer(handler);
      return server;
    },
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
