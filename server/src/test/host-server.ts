import type { AddressInfo } from 'node:net';
import type { AppOptions } from '../app.ts';
import type { Config, HostKind } from '../env.ts';
import { createHost } from '../hosts/create-host.ts';

/** Every host, for `describe.each(HOSTS)`: a difference between them fails a test. */
export const HOSTS: readonly HostKind[] = ['express', 'fastify', 'fetch'];

/**
 * Builds a host from a configuration and database and listens on a free 127.0.0.1 port;
 * `close()` ends it with its open connections.
 */
export async function startHost(kind: HostKind, config: Config, options: AppOptions) {
  const { server } = await createHost(kind, config, options);
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    kind,
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type RunningHost = Awaited<ReturnType<typeof startHost>>;
