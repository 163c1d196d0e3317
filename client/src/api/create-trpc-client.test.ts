import { MAX_BATCH_SIZE } from '@tasklane/shared';
import { describe, expect, it, vi } from 'vitest';
import { bearer, FakeBackend } from '../test/fake-backend.ts';
import { createTrpcClient } from './create-trpc-client.ts';

const whoami = { data: { signedIn: true, userId: 'u', orgId: null, orgRole: null } };

describe('createTrpcClient', () => {
  it('asks getToken() for every request and sends what it gives now', async () => {
    const backend = new FakeBackend().on('me.whoami', () => whoami);
    const getToken = vi
      .fn<() => Promise<string | null>>()
      .mockResolvedValueOnce('token-a')
      .mockResolvedValueOnce('token-b')
      .mockResolvedValueOnce(null);
    const client = createTrpcClient({ getToken, fetch: backend.fetch, url: '/trpc' });

    await client.me.whoami.query();
    await client.me.whoami.query();
    await client.me.whoami.query();

    const sent = backend.requests.filter((r) => r.path === '/trpc/me.whoami');
    expect(sent.map(bearer)).toEqual(['token-a', 'token-b', null]);
    expect(getToken).toHaveBeenCalledTimes(3);
  });

  it(`batches at most ${MAX_BATCH_SIZE} calls per request (the server's maxBatchSize)`, async () => {
    const backend = new FakeBackend().on('me.whoami', () => whoami);
    const client = createTrpcClient({ getToken: async () => 't', fetch: backend.fetch });

    await Promise.all(Array.from({ length: 23 }, () => client.me.whoami.query()));

    const sizes = backend.requests.map((r) => r.path.split(',').length);
    expect(Math.max(...sizes)).toBe(MAX_BATCH_SIZE);
    expect(sizes.reduce((a, b) => a + b)).toBe(23);
  });
});
