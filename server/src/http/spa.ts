import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { Router } from 'express';
import { SPA_INDEX_CACHE_CONTROL, servesSpaIndex } from '../web/spa-fallback.ts';
import { sendJsonError } from './json-errors.ts';

/** Where `npm run build` puts the SPA. */
export const CLIENT_DIST = fileURLToPath(new URL('../../../client/dist/', import.meta.url));

/**
 * Serves the built SPA with a fallback to `index.html` for client-side routes (the rule in
 * web/spa-fallback.ts, shared by every host). No auth runs here: Clerk's middleware is mounted on the API only, so pages are never redirected.
 */
export function spaRouter(distDir = CLIENT_DIST): Router | undefined {
  const indexHtml = join(distDir, 'index.html');
  if (!existsSync(indexHtml)) return undefined;
  const router = Router();
  router.use(
    '/assets',
    express.static(join(distDir, 'assets'), { immutable: true, maxAge: '1y' }),
    // A missing asset is a 404, never the SPA (a stale page asking for an old bundle).
    (_req, res) => sendJsonError(res, 404, 'NOT_FOUND', 'No such route.'),
  );
  router.use(express.static(distDir, { index: false }));
  router.get('/{*path}', (req, res, next) => {
    if (!servesSpaIndex(req.method, req.path, req.get('accept') ?? null)) return next();
    res.setHeader('cache-control', SPA_INDEX_CACHE_CONTROL);
    res.sendFile(indexHtml);
  });
  return router;
}
