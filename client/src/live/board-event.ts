import type { RouterOutputs } from '@tasklane/server';

/** What `board.events` yields: `{ id, data }`, the id being where a reconnect resumes. */
export type TrackedBoardEvent =
  RouterOutputs['board']['events'] extends AsyncIterable<infer T> ? T : never;

/** One change to a project's board, as the server describes it (server/src/board-events/). */
export type BoardEvent = TrackedBoardEvent['data'];

/** The events that carry a whole task, with the `version` that orders them. */
export type TaskChangeEvent = Extract<
  BoardEvent,
  { type: 'task.created' | 'task.updated' | 'task.moved' }
>;

export function isTaskChange(event: BoardEvent): event is TaskChangeEvent {
  return (
    event.type === 'task.created' || event.type === 'task.updated' || event.type === 'task.moved'
  );
}
