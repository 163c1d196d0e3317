import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createBoard } from '../test/board-fixture.ts';
import { createCallerHarness } from '../test/caller-harness.ts';
import type { Meta } from '../trpc.ts';
import { appRouter } from './_app.ts';

/**
 * Tenant isolation, generated from the router: every organization-scoped procedure is
 * called by the admin of organization B (who holds every permission) with ids from
 * organization A. An id from A must answer NOT_FOUND, exactly like a missing one; a call
 * without ids must return nothing of A's. A new input field without a sample fails here.
 */

const h = await createCallerHarness();
const board = await createBoard(h);
const aIds = [
  h.world.orgA.id,
  board.project.id,
  board.adminTask.id,
  board.memberTask.id,
  board.adminComment.id,
  board.memberComment.id,
];

/** Valid values for every input field; id fields point into organization A. */
const SAMPLES: Record<string, unknown> = {
  projectId: board.project.id,
  taskId: board.memberTask.id,
  commentId: board.memberComment.id,
  name: 'Hijacked',
  title: 'Hijacked',
  body: 'Hijacked',
  description: 'Hijacked',
  version: 1,
  status: 'done',
  position: 1,
  archived: true,
  patch: { title: 'Hijacked' },
  taskKeyPrefix: 'EVIL',
};
const ID_FIELDS = ['projectId', 'taskId', 'commentId'];

type AnyProcedure = { _def: { meta?: Meta; inputs: z.ZodType[] } };
const scoped = Object.entries(
  appRouter._def.procedures as unknown as Record<string, AnyProcedure>,
).filter(([, p]) => p._def.meta?.gate === 'org' || p._def.meta?.gate === 'orgAdmin');

function objectShape(schema: z.ZodType | undefined): Record<string, z.ZodType> {
  let current: unknown = schema;
  while (current instanceof z.ZodDefault || current instanceof z.ZodOptional) {
    current = current.unwrap();
  }
  return current instanceof z.ZodObject ? (current.shape as Record<string, z.ZodType>) : {};
}

function sampleInput(path: string, schema: z.ZodType | undefined) {
  const input: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(objectShape(schema))) {
    const required = !field.safeParse(undefined).success;
    if (key in SAMPLES) input[key] = SAMPLES[key];
    else if (required) throw new Error(`${path}: add a sample for input field "${key}"`);
  }
  return input;
}

async function call(path: string, input: unknown) {
  const caller = await h.callerFor('otherAdmin');
  const fn = path
    .split('.')
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  return (fn as (input: unknown) => Promise<unknown>)(input);
}

describe('tenant isolation', () => {
  it('has organization-scoped procedures to check', () => {
    expect(scoped.length).toBeGreaterThan(10);
  });

  it.each(scoped)(
    '%s gives nothing of organization A to organization B',
    async (path, procedure) => {
      const input = sampleInput(path, procedure._def.inputs[0]);
      if (ID_FIELDS.some((key) => key in input)) {
        const error = await call(path, input).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(TRPCError);
        expect((error as TRPCError).code).toBe('NOT_FOUND');
        expect((error as TRPCError).message).not.toMatch(/organization|permission/i);
      } else {
        const output = JSON.stringify(await call(path, input));
        for (const id of aIds) expect(output).not.toContain(id);
      }
    },
  );

  it("leaves organization A's data exactly as it was", async () => {
    const { member } = board;
    expect(await member.projects.get({ projectId: board.project.id })).toEqual(board.project);
    expect(await member.tasks.get({ taskId: board.memberTask.id })).toEqual(board.memberTask);
    expect(await member.tasks.get({ taskId: board.adminTask.id })).toEqual(board.adminTask);
    const comments = await member.comments.list({ taskId: board.memberTask.id });
    expect(comments).toEqual([board.adminComment, board.memberComment]);
    expect(await (await h.callerFor('admin')).admin.settings.get()).toMatchObject({
      taskKeyPrefix: 'TASK',
    });
  });
});
