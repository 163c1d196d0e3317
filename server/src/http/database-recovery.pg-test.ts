import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { openPostgres } from '../db/database.ts';
import { createCallerHarness } from '../test/caller-harness.ts';
import { listen } from '../test/http-server.ts';

/**
 * PostgreSQL only (runs in `npm run test:pg`): the database goes away during a run and
 * comes back. A TCP proxy in front of DATABASE_URL plays the outage: closing it drops
 * every connection and refuses new ones, exactly what a stopped server does.
 */

const target = new URL(process.env.DATABASE_URL!);
const h = await createCallerHarness();

function tcpProxy(listenPort: number) {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  return {
    start: () =>
      new Promise<number>((resolve) =>
        server.listen(listenPort, '127.0.0.1', () =>
          resolve((server.address() as { port: number }).port),
        ),
      ),
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

let proxy = tcpProxy(0);
let port = 0;
let app: Awaited<ReturnType<typeof listen>>;
let database: ReturnType<typeof openPostgres>;

beforeAll(async () => {
  port = await proxy.start();
  const url = new URL(target);
  url.port = String(port);
  database = openPostgres(url.toString(), { max: 3 });
  app = await listen(createApp(h.config, { database, signingKey: h.signingKey }).app);
});
afterAll(async () => {
  await app.close();
  await database.close();
  await proxy.stop();
});

const listProjects = () =>
  fetch(`${app.baseUrl}/trpc/projects.list`, {
    headers: { authorization: `Bearer ${h.tokenFor('member')}` },
  });

describe('PostgreSQL outage', () => {
  it('serves, answers 503 while the database is down, and recovers by itself', async () => {
    expect((await listProjects()).status).toBe(200);

    await proxy.stop();
    const down = await listProjects();
    expect(down.status).toBe(503);
    expect(((await down.json()) as { error: { message: string } }).error.message).toMatch(
      /database is unavailable/,
    );
    expect((await fetch(`${app.baseUrl}/readyz`)).status).toBe(503);

    proxy = tcpProxy(port);
    await proxy.start();
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      status = (await listProjects()).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(200);
    expect((await fetch(`${app.baseUrl}/readyz`)).status).toBe(200);
  }, 30_000);
});
