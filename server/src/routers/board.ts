import { boardEventsInput } from '@tasklane/shared';
import { openBoardStream } from '../board-events/board-stream.ts';
import { scopedToOrganization } from '../db/tenant-scope.ts';
import { orgProcedure, router } from '../trpc.ts';

export const boardRouter = router({
  /**
   * A project's board, live: `tracked(id, event)` for every change (board-events/events.ts),
   * resumable from `lastEventId`, ending with the session token that opened it.
   */
  events: orgProcedure.input(boardEventsInput).subscription(async ({ ctx, input, signal }) => {
    const { boardEvents, db } = ctx.deps;
    const { orgId } = ctx.auth;
    await boardEvents.ready();
    return openBoardStream({
      hub: boardEvents.hub,
      // Each read is a short transaction of its own: a stream outlives any one.
      inOrg: (work) => scopedToOrganization(db, orgId, work),
      orgId,
      userId: ctx.auth.userId,
      projectId: input.projectId,
      lastEventId: input.lastEventId,
      expiresAt: ctx.auth.sessionClaims.exp * 1000,
      signal,
    });
  }),
});
