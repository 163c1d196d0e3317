import type { BoardEvent } from '../../src/board-events/events.ts';

/**
 * The writes are `tasks.create` calls whose title names the phase (`tag`) and the write's
 * number, so a subscriber knows from a `task.created` event which write it is for, and an
 * event of another phase or another writer is not taken for one of these.
 */
const prefix = (tag: string) => `fanout ${tag} #`;

export const writeTitle = (tag: string, seq: number): string => `${prefix(tag)}${seq}`;

/** The write's number if the event is one of `tag`'s writes, else undefined. */
export function writeSeqOf(tag: string, event: BoardEvent): number | undefined {
  if (event.type !== 'task.created') return undefined;
  const start = prefix(tag);
  if (!event.task.title.startsWith(start)) return undefined;
  const seq = Number(event.task.title.slice(start.length));
  return Number.isInteger(seq) && seq >= 0 ? seq : undefined;
}
