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

describe('createTrpcClient: subscriptions', () => {
  const PROJECT = '00000000-0000-4000-8000-000000000001';

  it('sends a fresh token in the Authorization header on every connect, never in the URL', async () => {
    const backend = new FakeBackend();
    const tokens = ['token-a', 'token-b'];
    const getToken = vi.fn(async () => tokens.shift() ?? 'token-later');
    const client = createTrpcClient({ getToken, fetch: backend.fetch });
    const received: unknown[] = [];
    const subscription = client.board.events.subscribe(
      { projectId: PROJECT },
      { onData: (tracked) => received.push(tracked) },
    );
    try {
      await vi.waitFor(() => expect(backend.openStream()).toBeDefined());
      const first = backend.openStream()!;
      first.send(41, { type: 'task.deleted', taskId: 't1' });
      await vi.waitFor(() => expect(received).toHaveLength(1));

      // The token expires: the server ends the stream, the EventSource reconnects.
      first.expire();
      await vi.waitFor(() => expect(backend.eventStreams).toHaveLength(2));

      const requests = backend.eventStreams.map((stream) => stream.request);
      expect(requests.map((r) => r.authorization)).toEqual(['Bearer token-a', 'Bearer token-b']);
      for (const request of requests) {
        expect(request.url).not.toMatch(/token-|connectionParams|authorization/i);
      }
      // It resumes after the last event it received.
      expect(requests[1]!.lastEventIdHeader).toBe('41');
      expect(received).toEqual([{ id: '41', data: { type: 'task.deleted', taskId: 't1' } }]);
    } finally {
      subscription.unsubscribe();
    }
  });

  it('sends no request once the subscription ended while the token was on its way', async () => {
    const backend = new FakeBackend();
    let giveToken!: (token: string) => void;
    const getToken = () => new Promise<string>((resolve) => (giveToken = resolve));
    const client = createTrpcClient({ getToken, fetch: backend.fetch });
    const subscription = client.board.events.subscribe({ projectId: PROJECT }, {});
    await vi.waitFor(() => expect(giveToken).toBeDefined());
    subscription.unsubscribe();
    giveToken('late');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(backend.eventStreams).toHaveLength(0);
  });
});
