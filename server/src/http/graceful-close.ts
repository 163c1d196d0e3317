import type { Server } from 'node:http';

/**
 * Closing `server` for a deploy or a restart: `close()` stops accepting connections, lets
 * in-flight requests finish, and resolves once every connection is gone.
 *
 * - Every answer written after closing starts says `Connection: close`: otherwise a
 *   keep-alive client that keeps sending holds the drain open.
 * - Idle keep-alive connections are closed at once and then as they go idle (every 100 ms):
 *   a request in flight when closing starts is answered keep-alive, and its connection would
 *   otherwise stay open until the client's own keep-alive timer ends it (3 s for `fetch`,
 *   never for an `http.Agent` with `keepAlive`).
 * - After `timeoutMs`, whatever is left is cut off (`onTimeout` says so first).
 */
export function gracefulCloser(
  server: Server,
  { timeoutMs, onTimeout }: { timeoutMs: number; onTimeout: () => void },
) {
  let closing: Promise<void> | undefined;
  server.on('request', (_req, res) => {
    if (closing) res.shouldKeepAlive = false;
  });
  return {
    get closing() {
      return closing !== undefined;
    },
    close(): Promise<void> {
      closing ??= new Promise<void>((resolve) => {
        const force = setTimeout(() => {
          onTimeout();
          server.closeAllConnections();
        }, timeoutMs);
        const closeIdle = setInterval(() => server.closeIdleConnections(), 100);
        force.unref();
        closeIdle.unref();
        server.close(() => {
          clearTimeout(force);
          clearInterval(closeIdle);
          resolve();
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
