import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { notFoundBody } from '../../web/json-response.ts';
import { SPA_INDEX_CACHE_CONTROL, servesSpaIndex } from '../../web/spa-fallback.ts';

/**
 * The built SPA on Fastify, by the same rules as the Express host (web/spa-fallback.ts):
 * `/assets/*` cached for a year, other files revalidated, `index.html` for client-side
 * routes, and a JSON 404 for everything else. No auth runs here, so pages never redirect.
 */
export async function fastifySpaPlugin(app: FastifyInstance, opts: { distDir: string }) {
  const hasSpa = existsSync(join(opts.distDir, 'index.html'));
  if (hasSpa) {
    await app.register(fastifyStatic, {
      root: join(opts.distDir, 'assets'),
      prefix: '/assets/',
      immutable: true,
      maxAge: '1y',
      dotfiles: 'ignore',
    });
    await app.register(fastifyStatic, {
      root: opts.distDir,
      prefix: '/',
      index: false,
      dotfiles: 'ignore',
      decorateReply: false,
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const { pathname } = new URL(request.url, 'http://fastify.invalid');
    if (hasSpa && servesSpaIndex(request.method, pathname, request.headers.accept ?? null)) {
      reply.header('cache-control', SPA_INDEX_CACHE_CONTROL);
      return reply.sendFile('index.html', opts.distDir, { cacheControl: false });
    }
    return reply.code(404).send(notFoundBody());
  });
}
