import { afterAll, describe, expect, it } from 'vitest';
import { testConfig } from '../test/auth-fixture.ts';
import { PostgresRateLimitStore } from './postgres-rate-limit-store.ts';
import { configuredRateLimitStore } from './rate-limit.ts';

/** The store without a reachable PostgreSQL; sharing counts is proven in its .pg-test.ts. */

// Nothing listens on port 1: every connection is refused at once.
const UNREACHABLE = 'postgres://tasklane@127.0.0.1:1/tasklane';

describe('PostgresRateLimitStore with its database unreachable', () => {
  const lines: string[] = [];
  const store = new PostgresRateLimitStore(UNREACHABLE, {
    windowMs: 60_000,
    log: (line) => lines.push(line),
  });
  afterAll(() => store.shutdown());

  it('counts in this process instead, and says so once', async () => {
    const first = await store.increment('user:a');
    expect(first.totalHits).toBe(1);
    expect(first.resetTime!.getTime() - Date.now()).toBeGreaterThan(50_000);
    expect((await store.increment('user:a')).totalHits).toBe(2);
    expect((await store.increment('user:b')).totalHits).toBe(1);
    expect((await store.get('user:a'))?.totalHits).toBe(2);
    await store.decrement('user:a');
    expect((await store.get('user:a'))?.totalHits).toBe(1);
    await store.resetKey('user:a');
    expect(await store.get('user:a')).toBeUndefined();

    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^Rate limit: the shared counts in PostgreSQL are unreachable \(.+\); counting per instance/,
    );
    expect(lines[0]).not.toContain('\n');
  });
});

describe('configuredRateLimitStore', () => {
  it("is express-rate-limit's own (undefined) for memory, or with the limit off", () => {
    expect(configuredRateLimitStore(testConfig())).toBeUndefined();
    const postgres = { RATE_LIMIT_STORE: 'postgres', DATABASE_URL: UNREACHABLE };
    expect(
      configuredRateLimitStore(testConfig({ ...postgres, RATE_LIMIT_REQUESTS: '0' })),
    ).toBeUndefined();
  });

  it('is the rate_limits table of DATABASE_URL for RATE_LIMIT_STORE=postgres', async () => {
    const config = testConfig({ RATE_LIMIT_STORE: 'postgres', DATABASE_URL: UNREACHABLE });
    const store = configuredRateLimitStore(config);
    expect(store).toBeInstanceOf(PostgresRateLimitStore);
    await store?.shutdown?.();
  });
});
