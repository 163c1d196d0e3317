import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { expressServer } from '../fast-path/express-server.ts';

/**
 * Listens on a free 127.0.0.1 port; `close()` ends it with its open connections. An Express
 * app is served as `main.ts` serves it (`expressServer`); pass `http.createServer(app)` to
 * measure or test stock Express.
 */
export async function listen(target: Express | Server) {
  const server = typeof target === 'function' ? expressServer(target) : target;
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
