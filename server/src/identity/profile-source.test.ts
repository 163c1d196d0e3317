import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClerkClient } from '@clerk/backend';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { captureConsole } from '../test/console-capture.ts';
import { clerkProfileSource, localProfileSource } from './profile-source.ts';

type GetUser = Parameters<typeof clerkProfileSource>[0]['getUser'];

function fakeUsersApi(names: Record<string, string>) {
  const calls: string[] = [];
  const getUser = (async (userId: string) => {
    calls.push(userId);
    if (!(userId in names)) throw new Error('not found');
    return {
      firstName: names[userId],
      lastName: null,
      imageUrl: 'https://img.example/u.png',
      primaryEmailAddressId: 'e1',
      emailAddresses: [{ id: 'e1', emailAddress: `${userId}@example.com` }],
    };
  }) as unknown as GetUser;
  return { api: { getUser }, calls, names };
}

describe('clerkProfileSource', () => {
  it("maps Clerk's user to a profile and remembers it until the TTL passes", async () => {
    let now = 1_000;
    const fake = fakeUsersApi({ user_a: 'Ada' });
    const source = clerkProfileSource(fake.api, { ttlMs: 100, now: () => now });
    expect(await source.fetchProfile('user_a')).toEqual({
      name: 'Ada',
      email: 'user_a@example.com',
      imageUrl: 'https://img.example/u.png',
    });
    await source.fetchProfile('user_a');
    expect(fake.calls).toEqual(['user_a']);
    now += 101;
    fake.names.user_a = 'Augusta';
    expect((await source.fetchProfile('user_a'))?.name).toBe('Augusta');
    expect(fake.calls).toEqual(['user_a', 'user_a']);
  });

  it('answers a failed lookup with nothing, not an expired profile, and bounds the cache', async () => {
    let now = 0;
    const fake = fakeUsersApi({ user_a: 'Ada', user_b: 'Bo' });
    const source = clerkProfileSource(fake.api, { ttlMs: 10, maxEntries: 1, now: () => now });
    await source.fetchProfile('user_a');
    now += 11;
    delete fake.names.user_a; // deleted in Clerk: the anonymous row must stay anonymous
    expect(await source.fetchProfile('user_a')).toBeUndefined();
    expect(await source.fetchProfile('user_unknown')).toBeUndefined();
    await source.fetchProfile('user_b');
    await source.fetchProfile('user_a'); // evicted by user_b: asks Clerk again
    expect(fake.calls.filter((id) => id === 'user_a')).toHaveLength(3);
  });
});

describe('clerkProfileSource: a failed lookup logs why, in one line', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** Looks `user_x` up through Clerk's own client at `apiUrl`; what was logged. */
  async function lookUp(apiUrl: string) {
    const lines = captureConsole('error');
    const { users } = createClerkClient({ secretKey: 'sk_test_unused', apiUrl });
    expect(await clerkProfileSource(users).fetchProfile('user_x')).toBeUndefined();
    return lines;
  }

  it('when no answer came (Clerk’s error message is empty then)', async () => {
    // Nothing listens on port 9 (discard) on loopback: the connection is refused at once.
    expect(await lookUp('http://127.0.0.1:9')).toEqual([
      'Clerk profile lookup for user_x failed: unexpected_error: fetch failed',
    ]);
  });

  it('when Clerk answered with an error: status, codes, messages, trace id', async () => {
    // An answer without a status text, as over HTTP/2: Clerk's error message is empty.
    const api = createServer((_req, res) => {
      res.writeHead(404, '', { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          errors: [{ code: 'resource_not_found', message: 'not found', long_message: 'No user.' }],
          clerk_trace_id: 'trace_1',
        }),
      );
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = api.address() as AddressInfo;
      expect(await lookUp(`http://127.0.0.1:${port}`)).toEqual([
        'Clerk profile lookup for user_x failed: HTTP 404 resource_not_found: No user. (trace trace_1)',
      ]);
    } finally {
      api.closeAllConnections();
      await new Promise((resolve) => api.close(resolve));
    }
  });
});

describe('clerkProfileSource.forget', () => {
  it('asks Clerk again for a user it was told to forget, at once', async () => {
    const fake = fakeUsersApi({ user_a: 'Ada' });
    const source = clerkProfileSource(fake.api, { ttlMs: 60_000 });
    await source.fetchProfile('user_a');
    fake.names.user_a = 'Augusta';
    source.forget?.('user_a');
    expect((await source.fetchProfile('user_a'))?.name).toBe('Augusta');
    expect(fake.calls).toEqual(['user_a', 'user_a']);
  });
});

describe('localProfileSource', () => {
  it('reads names and emails from the demo directory', async () => {
    expect(await localProfileSource().fetchProfile('user_demo_max')).toEqual({
      name: 'Max Member',
      email: 'max@acme.test',
      imageUrl: null,
    });
    expect(await localProfileSource().fetchProfile('user_other')).toBeUndefined();
  });
});
