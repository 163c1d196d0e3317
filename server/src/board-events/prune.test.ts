import { eq, inArray, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { boardEvents } from '../db/schema.ts';
import { createBoard } from '../test/board-fixture.ts';
import { createCallerHarness } from '../test/caller-harness.ts';
import { KEEP_EVENTS_MS, pruneBoardEvents } from './prune.ts';

const h = await createCallerHarness();
await createBoard(h);

describe('pruneBoardEvents', () => {
  it('deletes the events older than a day, of every organization, and keeps the rest', async () => {
    const orgA = h.world.orgA.id;
    const events = await h.inspect((tx) =>
      tx.select({ id: boardEvents.id }).from(boardEvents).where(eq(boardEvents.orgId, orgA)),
    );
    expect(events.length, 'the board wrote events').toBeGreaterThan(2);
    const [old, ...recent] = events.map((e) => e.id);
    await h.inspect((tx) =>
      tx
        .update(boardEvents)
        .set({ createdAt: sql`now() - make_interval(secs => ${KEEP_EVENTS_MS / 1000 + 60})` })
        .where(eq(boardEvents.id, old!)),
    );
    expect(await pruneBoardEvents(h.db)).toBeGreaterThanOrEqual(1);
    const left = await h.inspect((tx) =>
      tx
        .select({ id: boardEvents.id })
        .from(boardEvents)
        .where(inArray(boardEvents.id, [old!, ...recent])),
    );
    expect(left.map((e) => e.id).sort()).toEqual([...recent].sort());
  });
});
