import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Anything that listens like Node's http server: an Express app or an `http.Server`. */
interface Listenable {
  listen(port: number, host: string): Server;
}

/** Listens on a free 127.0.0.1 port; `close()` ends it with its open connections. */
export async function listen(target: Listenable) {
  const server = target.listen(0, '127.0.0.1');
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
