import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { comments } from './db/schema.ts';
import { createCallerHarness } from './test/caller-harness.ts';
import { createCallerFactory, createContextInner, orgProcedure, router } from './trpc.ts';

/**
 * What the gates make of a database error a procedure lets through. A write that refers to
 * a row deleted meanwhile (a comment on a task deleted between the procedure's check and its
 * insert) is played here by an insert that refers to no task at all.
 */
const h = await createCallerHarness();
const probe = router({
  commentOnNoTask: orgProcedure.mutation(({ ctx }) =>
    ctx.db.insert(comments).values({
      orgId: ctx.auth.orgId,
      taskId: randomUUID(),
      authorId: ctx.auth.userId,
      body: 'on a task deleted meanwhile',
    }),
  ),
  wrongQuery: orgProcedure.query(({ ctx }) => ctx.db.execute(sql`select * from no_such_table`)),
});
const caller = createCallerFactory(probe)(
  createContextInner({ auth: await h.authFor('member'), deps: h.deps }),
);

describe('database errors under the gates', () => {
  it('answers a write that refers to a deleted row with NOT_FOUND, not a 500', async () => {
    await expect(caller.commentOnNoTask()).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'Something this refers to was deleted meanwhile. Reload and try again.',
    });
  });

  it('leaves any other database error a 500', async () => {
    await expect(caller.wrongQuery()).rejects.toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
  });
});
