import { describe, expect, it } from 'vitest';
import { FEED_PAGE, type FeedEvent, ProjectFeed } from './project-feed.ts';

/** A table of events the feed reads from, counting its reads; `hold` delays them. */
function fakeTable() {
  const rows: FeedEvent[] = [];
  let reads = 0;
  let gate: Promise<void> = Promise.resolve();
  return {
    add(count = 1) {
      for (let i = 0; i < count; i++) {
        const id = (rows.at(-1)?.id ?? 0) + 1;
        rows.push({ id, type: 'task.created', payload: { id } });
      }
    },
    hold() {
      let release = () => {};
      gate = new Promise((resolve) => {
        release = resolve;
      });
      return release;
    },
    read: async (after: number) => {
      reads++;
      // What had committed when the read began: what arrives while it waits is not in it.
      const snapshot = rows.filter((row) => row.id > after).slice(0, FEED_PAGE);
      await gate;
      return snapshot;
    },
    get reads() {
      return reads;
    },
  };
}

describe('ProjectFeed', () => {
  it('reads once for every stream that asks at the same time', async () => {
    const table = fakeTable();
    table.add(3);
    const feed = new ProjectFeed(0);
    await Promise.all(Array.from({ length: 50 }, () => feed.refresh(table.read)));
    expect(table.reads).toBeLessThanOrEqual(2);
    expect(feed.eventsAfter(1)?.map((e) => e.id)).toEqual([2, 3]);
  });

  it('reads again for a stream that asks while an older read is under way', async () => {
    const table = fakeTable();
    table.add(1);
    const feed = new ProjectFeed(0);
    const release = table.hold();
    const first = feed.refresh(table.read);
    table.add(1); // commits after the first read began
    const second = feed.refresh(table.read);
    release();
    await Promise.all([first, second]);
    expect(feed.eventsAfter(0)?.map((e) => e.id)).toEqual([1, 2]);
  });

  it('reads page after page, and sends a stream behind what it keeps to the table', async () => {
    const table = fakeTable();
    table.add(1_250);
    const feed = new ProjectFeed(0);
    await feed.refresh(table.read);
    expect(table.reads).toBe(13);
    expect(feed.eventsAfter(1_240)?.map((e) => e.id)).toEqual([
      1_241, 1_242, 1_243, 1_244, 1_245, 1_246, 1_247, 1_248, 1_249, 1_250,
    ]);
    expect(feed.eventsAfter(100), 'no longer kept').toBeUndefined();
    expect(feed.eventsAfter(250)?.length).toBe(1_000);
  });
});
