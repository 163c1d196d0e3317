import type { AppOptions } from '../app.ts';
import type { Config, HostKind } from '../env.ts';
import { createHost } from '../hosts/create-host.ts';
import { listen } from './http-server.ts';

/** Every host, for `describe.each(HOSTS)`: a difference between them fails a test. */
export const HOSTS: readonly HostKind[] = ['express', 'fastify', 'fetch'];

/**
 * Builds a host from a configuration and database and listens on a free 127.0.0.1 port;
 * `close()` ends it with its open connections.
 */
export async function startHost(kind: HostKind, config: Config, options: AppOptions) {
  const { server } = await createHost(kind, config, options);
  return { kind, ...(await listen(server)) };
}

export type RunningHost = Awaited<ReturnType<typeof startHost>>;
