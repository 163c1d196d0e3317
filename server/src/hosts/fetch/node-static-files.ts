import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { StaticFiles } from './fetch-handler.ts';

/** Content types of what Vite puts in client/dist. */
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/vnd.microsoft.icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/** Hashed bundles never change; other files are revalidated (as express.static does). */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'public, max-age=0';

/**
 * The built SPA from disk, for the fetch host on Node (another runtime injects its own).
 * Same answers as the Express host: `/assets/*` cached for a year, other files revalidated,
 * dotfiles and paths outside the directory never served.
 */
export function nodeStaticFiles(distDir: string): StaticFiles | undefined {
  const root = resolve(distDir);
  const indexHtml = join(root, 'index.html');
  if (!existsSync(indexHtml)) return undefined;

  async function serve(path: string, cacheControl: string): Promise<Response | undefined> {
    try {
      const info = await stat(path);
      if (!info.isFile()) return undefined;
      const body = await readFile(path);
      return new Response(body, {
        headers: {
          'content-type': CONTENT_TYPES[extname(path)] ?? 'application/octet-stream',
          'content-length': String(info.size),
          'cache-control': cacheControl,
          'last-modified': info.mtime.toUTCString(),
        },
      });
    } catch {
      return undefined;
    }
  }

  return {
    async file(pathname) {
      let decoded: string;
      try {
        decoded = decodeURIComponent(pathname);
      } catch {
        return undefined;
      }
      const segments = decoded.split('/').filter(Boolean);
      if (segments.length === 0 || segments.some((s) => s.startsWith('.') || s.includes('\0'))) {
        return undefined;
      }
      const path = resolve(root, ...segments);
      if (!path.startsWith(root + sep)) return undefined;
      return serve(path, segments[0] === 'assets' ? IMMUTABLE : REVALIDATE);
    },
    async index() {
      const response = await serve(indexHtml, 'no-cache');
      if (!response) throw new Error(`The SPA's index.html disappeared from ${root}`);
      return response;
    },
  };
}
