import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ORIGIN } from '../test/auth-fixture.ts';
import { createHarness } from '../test/harness.ts';
import { listen } from '../test/http-server.ts';
import type { TestIdentity } from '../test/personas.ts';

/**
 * Races over HTTP against the real app: optimistic concurrency on tasks.update, task
 * number allocation, and first-use identity sync. On PGlite (one connection) and on
 * PostgreSQL (a pool, real row locks) alike: `npm test` and `npm run test:pg` run this.
 */

const h = await createHarness();
let baseUrl: string;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ baseUrl, close } = await listen(h.createTestApp().app));
});
afterAll(() => close?.());

async function mutate(token: string, path: string, input: unknown) {
  const res = await fetch(`${baseUrl}/trpc/${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      origin: TEST_ORIGIN,
    },
    body: JSON.stringify(input),
  });
  // biome-ignore lint/suspicious/noExplicitAny: tRPC's JSON envelope, checked by the tests.
  return { status: res.status, body: (await res.json()) as any };
}

// Each test sends dozens of requests at once: about 2 s on a CI machine that is also running
// a PostgreSQL server, so vitest's 5 s default would be a coin toss there, not a hang guard.
describe('concurrent writes over HTTP', { timeout: 30_000 }, () => {
  it('50 updates of one task at the same version: one 200, 49 CONFLICT, the winner stored', async () => {
    const admin = await h.callerFor('admin');
    await (await h.callerFor('member')).org.current();
    const project = await admin.projects.create({ name: 'Race' });
    const task = await admin.tasks.create({ projectId: project.id, title: 'Before' });
    const tokens = { admin: h.tokenFor('admin'), member: h.tokenFor('member') };

    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        mutate(i % 2 ? tokens.member : tokens.admin, 'tasks.update', {
          taskId: task.id,
          version: task.version,
          patch: { title: `Writer ${i}` },
        }),
      ),
    );

    const winners = results.filter((r) => r.status === 200);
    const losers = results.filter((r) => r.status === 409);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(49);
    for (const loser of losers) {
      expect(loser.body.error.data.code).toBe('CONFLICT');
      expect(loser.body.error.message).toMatch(/version 2/);
    }
    const won = winners[0]!.body.result.data;
    expect(won).toMatchObject({ id: task.id, version: 2 });
    const stored = await admin.tasks.get({ taskId: task.id });
    expect(stored).toMatchObject({ version: 2, title: won.title, updatedBy: won.updatedBy });
    expect(stored).toEqual(won);
  });

  it('30 concurrent creates get 30 distinct, consecutive task numbers', async () => {
    const admin = await h.callerFor('admin');
    const project = await admin.projects.create({ name: 'Numbers' });
    const first = await admin.tasks.create({ projectId: project.id, title: 'First' });
    const token = h.tokenFor('admin');

    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        mutate(token, 'tasks.create', { projectId: project.id, title: `Task ${i}` }),
      ),
    );

    expect(results.map((r) => r.status)).toEqual(Array(30).fill(200));
    const numbers = results.map((r) => r.body.result.data.number as number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 30 }, (_, i) => first.number + 1 + i));
  });

  it("20 concurrent first requests of a new member all succeed, creating the user's rows once", async () => {
    const newcomer: TestIdentity = {
      userId: `user_test_${h.world.suffix}_newcomer`,
      org: { ...h.world.orgA, role: 'org:member' },
    };
    const token = h.tokenFor(newcomer);
    const project = await (await h.callerFor('admin')).projects.create({ name: 'Welcome' });

    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        mutate(token, 'tasks.create', { projectId: project.id, title: `Newcomer ${i}` }),
      ),
    );

    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    const members = await (await h.callerFor('admin')).org.members();
    expect(members.filter((m: { userId: string }) => m.userId === newcomer.userId)).toHaveLength(1);
  });
});
