import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createApp } from '@tasklane/server/app';
import { openPgliteInMemory } from '@tasklane/server/db/database';
import { seedDemoData } from '@tasklane/server/db/seed';
import { createTestAuth, testConfig } from '@tasklane/server/test/auth-fixture';

const CLIENT_DIST = fileURLToPath(new URL('../dist/', import.meta.url));

/**
 * The real Tasklane server (local auth mode, in-memory signing key, a fresh in-memory
 * database migrated and seeded with the demo board) serving the built SPA on a free
 * 127.0.0.1 port. The port is taken first so APP_ORIGINS (CORS and the tokens'
 * `azp`) can name the exact origin the browser will use.
 */
export async function startTasklane() {
  if (!existsSync(`${CLIENT_DIST}index.html`)) {
    throw new Error('client/dist is missing: run `npm run build` (npm run test:e2e does).');
  }
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  const { config, signingKey } = createTestAuth(testConfig({ APP_ORIGINS: origin }));
  const database = await openPgliteInMemory();
  await database.migrate();
  await seedDemoData(database);
  const { app } = createApp(config, { database, signingKey, clientDist: CLIENT_DIST });
  server.on('request', app);

  return {
    origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve(database.close()));
      }),
  };
}
