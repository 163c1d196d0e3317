import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { Router } from 'express';

/** Where `npm run build` puts the SPA. */
export const CLIENT_DIST = fileURLToPath(new URL('../../../client/dist/', import.meta.url));

/** Paths that belong to the server: never answered with the SPA's index.html. */
const API_PREFIXES = ['/api/', '/trpc/', '/auth/', '/webhooks/'];

/**
 * Serves the built SPA with a fallback to `index.html` for client-side routes. No auth
 * runs here: Clerk's middleware is mounted on the API only, so pages are never redirected.
 */
export function spaRouter(distDir = CLIENT_DIST): Router | undefined {
  const indexHtml = join(distDir, 'index.html');
  if (!existsSync(indexHtml)) return undefined;
  const router = Router();
  router.use(
    '/assets',
    express.static(join(distDir, 'assets'), { immutable: true, maxAge: '1y', fallthrough: false }),
  );
  router.use(express.static(distDir, { index: false }));
  router.get('/{*path}', (req, res, next) => {
    if (API_PREFIXES.some((prefix) => req.path.startsWith(prefix)) || !req.accepts('html')) {
      return next();
    }
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(indexHtml);
  });
  return router;
}
