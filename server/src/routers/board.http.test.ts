import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBoard } from '../test/board-fixture.ts';
import { subscribeToBoard } from '../test/board-subscriber.ts';
import { createHarness } from '../test/harness.ts';
import { HOSTS, type RunningHost } from '../test/host-server.ts';

/**
 * `board.events` over HTTP (server-sent events), as the SPA and the scale test use it:
 * tRPC's httpSubscriptionLink on the `eventsource` package, the token in a header.
 */
const h = await createHarness();
const board = await createBoard(h);
const projectId = board.project.id;

describe.each(HOSTS)('board.events over SSE on %s', (kind) => {
  let host: RunningHost | undefined;
  const subscribers: ReturnType<typeof subscribeToBoard>[] = [];
  beforeAll(async () => {
    host = await h.startTestHost(kind);
  });
  afterAll(async () => {
    for (const subscriber of subscribers) subscriber.close();
    await host?.close();
  });
  const subscribe = (token: () => string, lastEventId?: string) => {
    const subscriber = subscribeToBoard({ baseUrl: host!.baseUrl, projectId, token, lastEventId });
    subscribers.push(subscriber);
    return subscriber;
  };

  it('streams changes with the token in the Authorization header, never in the URL', async () => {
    const token = h.tokenFor('member');
    const subscriber = subscribe(() => token);
    await subscriber.until(() => subscriber.states.includes('pending'), 'connected');
    const task = await board.admin.tasks.create({ projectId, title: `Over SSE on ${kind}` });
    await subscriber.until(() => subscriber.events.length === 1, 'the created task');
    expect(subscriber.events[0]!.event).toMatchObject({ type: 'task.created', task });
    for (const request of subscriber.requests) {
      expect(request.authorization).toBe(`Bearer ${token}`);
      expect(request.url).not.toContain(token);
      expect(request.url).not.toContain('connectionParams');
    }
  });

  it("ends at the token's expiry and resumes on reconnect with a new token, losing nothing", async () => {
    // The first token lives 2 s; every reconnect mints a new one, as Clerk's getToken() does.
    let connects = 0;
    const token = () =>
      connects++ === 0 ? h.tokenFor('member', { ttlSeconds: 2 }) : h.tokenFor('member');
    const subscriber = subscribe(token);
    await subscriber.until(() => subscriber.states.includes('pending'), 'connected');
    const titles = [];
    for (let i = 0; i < 8; i++) {
      titles.push(
        (await board.admin.tasks.create({ projectId, title: `Across expiry ${i}` })).title,
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await subscriber.until(() => subscriber.events.length === titles.length, 'every task', 20_000);
    const received = subscriber.events.map((e) =>
      e.event.type === 'task.created' ? e.event.task.title : e.event.type,
    );
    expect(received).toEqual(titles);
    expect(subscriber.requests.length, 'reconnected after the first token expired').toBeGreaterThan(
      1,
    );
    expect(subscriber.requests.at(-1)!.lastEventId, 'resumed from its last event').toMatch(/^\d+$/);
    expect(subscriber.error).toBeUndefined();
  });

  /**
   * tRPC answers a subscription that fails to start with a 200 event stream holding one
   * `serialized-error` event (its `httpStatus` is the refusal's), then ends it; tRPC's client
   * treats it as final, so it does not reconnect.
   */
  async function refusal(id: string, authorization?: string) {
    const input = encodeURIComponent(JSON.stringify({ projectId: id }));
    const response = await fetch(`${host!.baseUrl}/trpc/board.events?input=${input}`, {
      headers: { accept: 'text/event-stream', ...(authorization ? { authorization } : {}) },
      signal: AbortSignal.timeout(10_000),
    });
    const body = await response.text();
    const error = /event: serialized-error\ndata: (.*)\n/.exec(body)?.[1];
    if (!error) throw new Error(`expected a serialized-error event, got:\n${body}`);
    return JSON.parse(error).data as { code: string; httpStatus: number };
  }

  it('refuses a connect without a token (401) and one to another organization (404)', async () => {
    expect(await refusal(projectId)).toMatchObject({ code: 'UNAUTHORIZED', httpStatus: 401 });
    const other = await h.callerFor('otherAdmin');
    const theirs = await other.projects.create({ name: 'Not yours' });
    expect(await refusal(theirs.id, `Bearer ${h.tokenFor('member')}`)).toMatchObject({
      code: 'NOT_FOUND',
      httpStatus: 404,
    });
  });
});
