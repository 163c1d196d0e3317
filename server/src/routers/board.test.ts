import { TRPCError } from '@trpc/server';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createBoard } from '../test/board-fixture.ts';
import { boardStreamReader } from '../test/board-stream-reader.ts';
import { createCallerHarness } from '../test/caller-harness.ts';
import {
  asHandled,
  clerkEvent,
  clerkMembership,
  clerkOrganization,
} from '../test/clerk-webhooks.ts';
import { createCallerFactory, createContextInner } from '../trpc.ts';
import { applyClerkDelivery } from '../webhooks/clerk-sync.ts';
import { appRouter } from './_app.ts';

const h = await createCallerHarness();
const board = await createBoard(h);
const projectId = board.project.id;

/** Streams end when their client goes away: here, when the test file is done. */
const clientGone = new AbortController();
afterAll(() => clientGone.abort());

/** A stream as `persona`, whose client goes away when the file is done. */
async function open(persona: 'member' | 'admin', lastEventId?: string, id = projectId) {
  const ctx = createContextInner({ auth: await h.authFor(persona), deps: h.deps });
  const caller = createCallerFactory(appRouter)(ctx, { signal: clientGone.signal });
  return boardStreamReader(await caller.board.events({ projectId: id, lastEventId }));
}

describe('board.events', () => {
  it("delivers other members' changes in order, each with what the board needs", async () => {
    const stream = await open('member');
    const task = await board.admin.tasks.create({ projectId, title: 'Live one' });
    const moved = await board.admin.tasks.move({
      taskId: task.id,
      version: task.version,
      status: 'doing',
      position: 5,
    });
    const comment = await board.admin.comments.add({ taskId: task.id, body: 'Hello' });

    const created = await stream.next();
    expect(created.event).toMatchObject({ type: 'task.created', projectId, task });
    expect(created.event.actorId).toBe(h.world.personas.admin!.userId);
    const move = await stream.next();
    expect(move.event).toMatchObject({ type: 'task.moved', task: moved });
    const added = await stream.next();
    expect(added.event).toMatchObject({ type: 'comment.added', taskId: task.id, comment });
    expect(Number(move.id)).toBeGreaterThan(Number(created.id));
    expect(Number(added.id)).toBeGreaterThan(Number(move.id));
  });

  it('resumes after lastEventId with every missed event, once each, in order', async () => {
    const first = await open('member');
    const a = await board.admin.tasks.create({ projectId, title: 'Before the drop' });
    const seen = await first.next();
    expect(seen.event).toMatchObject({ type: 'task.created', task: { id: a.id } });
    await first.close();

    const missed = [];
    for (const title of ['Missed 1', 'Missed 2', 'Missed 3']) {
      missed.push(await board.admin.tasks.create({ projectId, title }));
    }
    const resumed = await open('member', seen.id);
    for (const task of missed) {
      expect((await resumed.next()).event).toMatchObject({ type: 'task.created', task });
    }
    const live = await board.admin.tasks.create({ projectId, title: 'Live again' });
    expect((await resumed.next()).event).toMatchObject({ task: { id: live.id } });
  });

  it('asks the client to refetch when its lastEventId is no longer kept', async () => {
    const stream = await open('member', '999999999999');
    expect((await stream.next()).event).toMatchObject({ type: 'board.resync', projectId });
  });

  it("never delivers another organization's changes", async () => {
    const other = await h.callerFor('otherAdmin');
    const theirs = await other.projects.create({ name: 'Elsewhere' });
    const stream = await open('member');
    await other.tasks.create({ projectId: theirs.id, title: 'Not for A' });
    const mine = await board.admin.tasks.create({ projectId, title: 'For A' });
    expect((await stream.next()).event).toMatchObject({ task: { id: mine.id } });
  });

  it("ends quietly at the token's expiry, so the client reconnects with a new token", async () => {
    const auth = await h.authFor('member');
    if (!auth.isAuthenticated) throw new Error('member is signed in');
    const expiring = {
      ...auth,
      sessionClaims: { ...auth.sessionClaims, exp: Date.now() / 1000 + 1 },
    };
    const caller = createCallerFactory(appRouter)(
      createContextInner({ auth: expiring, deps: h.deps }),
      { signal: clientGone.signal },
    );
    const stream = boardStreamReader(await caller.board.events({ projectId }));
    const ended = await stream.ending(10_000);
    expect(ended).toMatchObject({ name: 'AbortError' });
  });
  it('ends at expiry even when the clock reads a moment short as the timer fires', async () => {
    const auth = await h.authFor('member');
    if (!auth.isAuthenticated) throw new Error('member is signed in');
    const now = Date.now();
    const expiring = { ...auth, sessionClaims: { ...auth.sessionClaims, exp: now / 1000 + 0.2 } };
    const caller = createCallerFactory(appRouter)(
      createContextInner({ auth: expiring, deps: h.deps }),
      { signal: clientGone.signal },
    );
    const stream = boardStreamReader(await caller.board.events({ projectId }));
    // Timers may fire before Date.now() reaches their deadline: here it never does.
    const clock = vi.spyOn(Date, 'now').mockReturnValue(now);
    try {
      expect(await stream.ending(5_000)).toMatchObject({ name: 'AbortError' });
    } finally {
      clock.mockRestore();
    }
  });
});

describe('board.events revocation', () => {
  it('ends with FORBIDDEN within 5 s when the member is removed, and refuses a reconnect', async () => {
    const member = h.world.personas.member!;
    const stream = await open('member');
    const organization = clerkOrganization({
      id: h.world.orgA.id,
      name: 'Org A',
      slug: h.world.orgA.slug,
      updatedAt: Date.now(),
    });
    const removal = clerkEvent(
      'organizationMembership.deleted',
      clerkMembership({
        organization,
        user: { id: member.userId, firstName: 'Member', email: 'member@example.test' },
        role: 'org:member',
        updatedAt: Date.now(),
      }),
      Date.now(),
    );
    const removedAt = Date.now();
    await applyClerkDelivery(h.db, `msg_${removedAt}`, asHandled(removal));
    const ended = await stream.ending(5_000);
    expect(ended).toBeInstanceOf(TRPCError);
    expect((ended as TRPCError).code).toBe('FORBIDDEN');
    expect(Date.now() - removedAt).toBeLessThan(5_000);

    const again = await board.member.board.events({ projectId }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect((again as TRPCError).code).toBe('FORBIDDEN');
  });

  it("ends with NOT_FOUND after the project's deletion, and refuses a reconnect", async () => {
    const doomed = await board.admin.projects.create({ name: 'Doomed' });
    const stream = await open('admin', undefined, doomed.id);
    await board.admin.projects.delete({ projectId: doomed.id });
    expect((await stream.next()).event).toMatchObject({ type: 'project.deleted' });
    const ended = await stream.ending(5_000);
    expect((ended as TRPCError).code).toBe('NOT_FOUND');
    const again = await board.admin.board.events({ projectId: doomed.id }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect((again as TRPCError).code).toBe('NOT_FOUND');
  });
});
