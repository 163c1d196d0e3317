import type { AddressInfo } from 'node:net';
import { createApp } from './app.ts';
import { type BoardEvents, createBoardEvents } from './board-events/board-events.ts';
import { schedulePruning } from './board-events/prune.ts';
import { closeDatabaseWithin } from './db/close-database.ts';
import { type Database, openDatabase, postgresConnectFailure } from './db/database.ts';
import { seedDemoData } from './db/seed.ts';
import {
  type Config,
  ConfigError,
  configWarnings,
  createDataDir,
  loadConfig,
  loadDotEnv,
} from './env.ts';
import { expressServer } from './fast-path/express-server.ts';
import { gracefulCloser } from './http/graceful-close.ts';

/** How long in-flight requests may take to finish after SIGTERM/SIGINT. */
const DRAIN_TIMEOUT_MS = 10_000;
/** How long closing the database (PGlite's flush, PostgreSQL's pool) may take after that. */
const DATABASE_CLOSE_TIMEOUT_MS = 10_000;

/**
 * Express is the app. TASKLANE_HOST=fastify|fetch serves the same router on another host
 * (hosts/), loaded only when asked for.
 */
async function buildServer(config: Config, database: Database, boardEvents: BoardEvents) {
  if (config.hostKind === 'express') {
    const { app, auth } = createApp(config, { database, boardEvents });
    return { server: expressServer(app), auth, kind: config.hostKind };
  }
  const { createHost } = await import('./hosts/create-host.ts');
  return createHost(config.hostKind, config, { database, boardEvents });
}

async function start() {
  let config: Config;
  try {
    loadDotEnv();
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }

  for (const warning of configWarnings(config)) console.warn(warning);

  // The data dir holds the embedded database and local mode's signing key.
  if (!config.databaseUrl || config.authMode === 'local') createDataDir(config.dataDir);
  const database = await openDatabase(config);
  if (config.databaseUrl) {
    // The pool connects lazily: ask now, so an unreachable server is named at start.
    try {
      await database.ping();
    } catch (error) {
      console.error(postgresConnectFailure(config.databaseUrl, error));
      process.exit(1);
    }
  }
  await database.migrate();
  // Local mode is for trying Tasklane: an empty database gets the demo board.
  if (config.authMode === 'local' && (await seedDemoData(database))) {
    console.log('Seeded the demo organizations, users, projects and tasks.');
  }

  const boardEvents = createBoardEvents(database);
  const pruning = schedulePruning(database.db);
  const { server, auth, kind } = await buildServer(config, database, boardEvents);
  server.listen(config.port, config.host, () => {
    const { port } = server.address() as AddressInfo;
    console.log(
      `Tasklane listening on http://${config.host}:${port} (host: ${kind}, auth mode: ${auth.mode})`,
    );
  });
  server.on('error', (error: NodeJS.ErrnoException) => {
    console.error(
      error.code === 'EADDRINUSE'
        ? `Port ${config.port} is in use: set PORT to a free port, e.g. PORT=3001`
        : error,
    );
    process.exit(1);
  });

  const closer = gracefulCloser(server, {
    timeoutMs: DRAIN_TIMEOUT_MS,
    onTimeout: () => console.error('Drain timed out; closing remaining connections.'),
  });
  const shutdown = (signal: string) => {
    if (closer.closing) return;
    console.log(`${signal}: no new connections, draining in-flight requests…`);
    pruning.stop();
    // Open board streams end now (their clients reconnect, to another instance if there is
    // one), or the drain would wait for them until it times out.
    const closing = closer.close();
    void boardEvents.close();
    void closing.then(async () => {
      const outcome = await closeDatabaseWithin(database, DATABASE_CLOSE_TIMEOUT_MS);
      if (outcome === 'closed') {
        console.log('Stopped.');
        process.exit(0);
      }
      if (outcome === 'timed out') {
        console.error(
          `The database did not close within ${DATABASE_CLOSE_TIMEOUT_MS / 1000} s; exiting without it.`,
        );
      } else {
        console.error('Closing the database failed:', outcome.failed);
      }
      process.exit(1);
    });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

start().catch((error) => {
  console.error('Tasklane failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
