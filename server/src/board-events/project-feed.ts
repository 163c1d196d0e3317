/**
 * One read per notification for all of a project's streams on this instance, instead of one
 * per stream: with 200 streams a write cost 200 scoped transactions (docs/performance.md).
 */
export const SHARED_FEED_OFF =
  process.env.TASKLANE_BENCH_OFF?.split(',').includes('sharedFeed') ?? false;

export interface FeedEvent {
  id: number;
  type: string;
  payload: unknown;
}

/** Rows read per query. */
export const FEED_PAGE = 100;
/** Events a feed keeps; a stream further behind reads the table itself. */
const KEEP = 1_000;

/**
 * A project's recent events, shared by its streams: every event with an id above `floor`,
 * up to what was last read. Reads are shared but never stale: a stream that asks while a
 * read is under way (which may have begun before the stream's event committed) gets the
 * read that follows it.
 */
export class ProjectFeed {
  private events: FeedEvent[] = [];
  private floor: number;
  private readThrough: number;
  private current: Promise<void> | undefined;
  private queued: Promise<void> | undefined;

  constructor(start: number) {
    this.floor = start;
    this.readThrough = start;
  }

  /** Brings the feed up to date with what had committed when it was called. */
  refresh(read: (after: number) => Promise<FeedEvent[]>): Promise<void> {
    if (this.queued) return this.queued;
    if (this.current) {
      this.queued = this.current
        .catch(() => {})
        .then(() => {
          this.queued = undefined;
          return this.start(read);
        });
      return this.queued;
    }
    return this.start(read);
  }

  /** The events after `last`, in order; undefined when they are no longer all kept. */
  eventsAfter(last: number): FeedEvent[] | undefined {
    if (last < this.floor) return undefined;
    let first = this.events.length;
    while (first > 0 && this.events[first - 1]!.id > last) first--;
    return this.events.slice(first);
  }

  private start(read: (after: number) => Promise<FeedEvent[]>): Promise<void> {
    const reading = this.readAll(read).finally(() => {
      if (this.current === reading) this.current = undefined;
    });
    this.current = reading;
    return reading;
  }

  private async readAll(read: (after: number) => Promise<FeedEvent[]>) {
    for (;;) {
      const rows = await read(this.readThrough);
      if (rows.length > 0) {
        this.events.push(...rows);
        this.readThrough = rows.at(-1)!.id;
      }
      if (this.events.length > KEEP) {
        const dropped = this.events.splice(0, this.events.length - KEEP);
        this.floor = dropped.at(-1)!.id;
      }
      if (rows.length < FEED_PAGE) return;
    }
  }
}
