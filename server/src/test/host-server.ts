import type { AppOptions } from '../app.ts';
import type { Config, HostKind } from '../env.ts';
import { createHost } from '../hosts/create-host.ts';
import { listen } from './http-server.ts';

/**
 * The hosts the HTTP suites run on, for `describe.each(HOSTS)`: Express (the app) in
 * `npm test`; every host with `TEST_ALL_HOSTS=1` (`npm run test:hosts`, in CI), where a
 * difference between them fails a test.
 */
export const HOSTS: readonly HostKind[] = process.env.TEST_ALL_HOSTS
  ? ['express', 'fastify', 'fetch']
  : ['express'];

/**
 * Builds a host from a configuration and database and listens on a free 127.0.0.1 port;
 * `close()` ends it with its open connections.
 */
export async function startHost(kind: HostKind, config: Config, options: AppOptions) {
  const { server } = await createHost(kind, config, options);
  return { kind, ...(await listen(server)) };
}

export type RunningHost = Awaited<ReturnType<typeof startHost>>;
