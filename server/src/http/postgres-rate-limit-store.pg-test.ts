import { randomUUID } from 'node:crypto';
import { connect, createServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { testConfig } from '../test/auth-fixture.ts';
import { createHarness } from '../test/harness.ts';
import { listen } from '../test/http-server.ts';
import { PostgresRateLimitStore } from './postgres-rate-limit-store.ts';

/**
 * PostgreSQL only (runs in `npm run test:pg`): two apps, as two API instances, each with a
 * store of its own on the same database, enforce one limit; the database going away leaves
 * each counting on its own. `npm run test:scale` proves the same through nginx.
 */

const url = process.env.DATABASE_URL!;
const LIMIT = 4;
const config = testConfig({ RATE_LIMIT_REQUESTS: String(LIMIT) });
const h = await createHarness(config);

/** A TCP proxy in front of DATABASE_URL; `stop()` plays an outage. */
async function databaseProxy() {
  const target = new URL(url);
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxied = new URL(url);
  proxied.port = String((server.address() as { port: number }).port);
  return {
    url: proxied.toString(),
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('PostgresRateLimitStore shared by two instances', () => {
  const stores = [0, 1].map(() => new PostgresRateLimitStore(url, { windowMs: 60_000 }));
  const instances: Awaited<ReturnType<typeof listen>>[] = [];
  beforeAll(async () => {
    for (const store of stores) {
      const { app } = createApp(config, {
        database: h.database,
        signingKey: h.signingKey,
        rateLimitStore: store,
      });
      instances.push(await listen(app));
    }
  });
  afterAll(async () => {
    for (const instance of instances) await instance.close();
    for (const store of stores) await store.shutdown();
  });

  const call = (instance: number, token: string) =>
    fetch(`${instances[instance]!.baseUrl}/trpc/me.session`, {
      headers: { authorization: `Bearer ${token}` },
    });
  const freshToken = () =>
    h.tokenFor({ userId: `user_test_${randomUUID()}`, org: h.world.personas.member!.org });

  it('refuses the call past the limit whichever instance takes it, per user', async () => {
    const token = freshToken();
    for (let i = 0; i < LIMIT; i++) expect((await call(i % 2, token)).status).toBe(200);
    for (const instance of [0, 1]) {
      const refused = await call(instance, token);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      const body = (await refused.json()) as { error: { data: unknown } };
      expect(body.error.data).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    }
    expect((await call(1, freshToken())).status).toBe(200);
  });
});

describe('PostgresRateLimitStore during an outage', () => {
  it('counts in each process while the database is away, and shares again once it is back', async () => {
    const proxy = await databaseProxy();
    const lines: string[] = [];
    const options = { windowMs: 60_000, log: (line: string) => lines.push(line) };
    const [a, b] = [
      new PostgresRateLimitStore(proxy.url, options),
      new PostgresRateLimitStore(url, options),
    ];
    const key = `user:${randomUUID()}`;
    try {
      expect((await a.increment(key)).totalHits).toBe(1);
      expect((await b.increment(key)).totalHits).toBe(2);
      await proxy.stop();
      // `a` cannot reach the shared count: it starts one of its own.
      expect((await a.increment(key)).totalHits).toBe(1);
      expect((await b.increment(key)).totalHits).toBe(3);
      expect(lines).toEqual([expect.stringContaining('counting per instance')]);
    } finally {
      await a.shutdown();
      await b.shutdown();
    }
  });
});
