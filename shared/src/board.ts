import { z } from 'zod';
import { idSchema } from './ids.ts';

/**
 * A board's live stream (`board.events`). `lastEventId` is filled in by tRPC's
 * `httpSubscriptionLink` on a reconnect (from the last `tracked()` id): the stream then
 * starts with every event after it.
 */
export const boardEventsInput = z.object({
  projectId: idSchema,
  lastEventId: z
    .string()
    .regex(/^\d{1,18}$/, 'an event id (digits) from this stream')
    .nullish(),
});
