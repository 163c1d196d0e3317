import { TRPCError } from '@trpc/server';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { appRouter } from '../routers/_app.ts';
import { createBoard } from '../test/board-fixture.ts';
import { createCallerHarness } from '../test/caller-harness.ts';
import { PERSONA_NAMES, type PersonaName } from '../test/personas.ts';
import { dbFingerprint } from './db-fingerprint.ts';
import { hostileValue } from './hostile-values.ts';

/**
 * Every procedure of appRouter, as every persona, with inputs that are valid but for one
 * or two fields set to hostile values (or that are junk altogether). A call may succeed
 * or be refused with a client error; never INTERNAL_SERVER_ERROR, and a refused call has
 * written nothing. Seeded and bounded for `npm test`; FUZZ_RUNS=300 FUZZ_SEED=… for more.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 10);
const SEED = Number(process.env.FUZZ_SEED ?? 20_250_705);
const CLIENT_ERRORS = ['BAD_REQUEST', 'UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT'];
/** Signed-out and organization-less callers stop at the gate; weigh the ones that get in. */
const PERSONA_DRAW: PersonaName[] = [...PERSONA_NAMES, 'member', 'admin', 'admin'];
/** Values that broke (or nearly broke) a query once: always tried first, on every field, as admin. */
const KNOWN_KILLERS = ['a\u0000b', 2 ** 31, '0000-01-01'];

const h = await createCallerHarness();
const fingerprint = dbFingerprint(h.db, h.world);
const callers = Object.fromEntries(
  await Promise.all(PERSONA_NAMES.map(async (p) => [p, await h.callerFor(p)] as const)),
) as Record<PersonaName, Awaited<ReturnType<typeof h.callerFor>>>;

type AnyProcedure = { _def: { type: string; inputs: z.ZodType[] } };
const procedures = Object.entries(
  appRouter._def.procedures as unknown as Record<string, AnyProcedure>,
);

/** The object schema under defaults and optionals, or undefined for a non-object input. */
function objectShape(schema: z.ZodType | undefined): Record<string, z.ZodType> | undefined {
  let current: unknown = schema;
  while (current instanceof z.ZodDefault || current instanceof z.ZodOptional) {
    current = current.unwrap();
  }
  return current instanceof z.ZodObject ? (current.shape as Record<string, z.ZodType>) : undefined;
}

/** Field paths of an input, one level into nested objects (`patch.title`). */
function fieldPaths(schema: z.ZodType | undefined): string[][] {
  return Object.entries(objectShape(schema) ?? {}).flatMap(([key, field]) => {
    const nested = objectShape(field);
    return nested ? [[key], ...Object.keys(nested).map((k) => [key, k])] : [[key]];
  });
}

function withValue(input: unknown, path: string[], value: unknown): unknown {
  const [head, ...rest] = path;
  const base = (typeof input === 'object' && input !== null ? input : {}) as Record<
    string,
    unknown
  >;
  if (rest.length === 0) {
    const copy = { ...base };
    if (value === undefined) delete copy[head!];
    else copy[head!] = value;
    return copy;
  }
  return { ...base, [head!]: withValue(base[head!], rest, value) };
}

/** Organization A's board and ids worth aiming at, with one of organization B's. */
async function newBoard() {
  const board = await createBoard(h);
  const otherProject = await callers.otherAdmin.projects.create({ name: 'B' });
  return {
    projectId: board.project.id,
    taskId: board.memberTask.id,
    commentId: board.memberComment.id,
    ids: [
      board.project.id,
      board.adminTask.id,
      board.memberTask.id,
      board.adminComment.id,
      board.memberComment.id,
      otherProject.id,
    ],
  };
}
const sharedBoard = newBoard();

// Warm up: every persona's user, organization and membership rows exist before fuzzing,
// so first-use identity sync is not mistaken for a write by a refused call.
beforeAll(async () => {
  for (const persona of PERSONA_NAMES) await callers[persona].me.whoami();
  await callers.noOrg.me.session();
  for (const persona of ['member', 'admin', 'otherAdmin'] as const) {
    await callers[persona].org.current();
  }
});

describe('procedure fuzz', () => {
  it('covers every procedure', () => {
    expect(procedures.length).toBeGreaterThanOrEqual(25);
  });

  it("fingerprints both organizations' rows, whatever scope a call runs in", async () => {
    await sharedBoard;
    // Each table's digest starts with its row count: organizations, users, memberships,
    // projects, tasks, comments, audit_log, board_events, membership_removals.
    const counts = (await fingerprint()).split(' ').map((digest) => Number(digest.split(':')[0]));
    expect(counts[0]).toBe(2);
    expect(counts[2]).toBeGreaterThanOrEqual(3);
    // A's board and B's project, their tasks and comments.
    expect(counts[3]).toBeGreaterThanOrEqual(2);
    expect(counts[4]).toBeGreaterThanOrEqual(2);
    expect(counts[5]).toBeGreaterThanOrEqual(2);
  });

  describe.each(procedures)('%s', (path, procedure) => {
    const schema = procedure._def.inputs[0];
    let valid: unknown;
    let ids: string[];

    beforeAll(async () => {
      // Mutations get a fresh board: a successful delete or update there leaves the next
      // procedure something to aim at. Queries share one.
      const board = procedure._def.type === 'mutation' ? await newBoard() : await sharedBoard;
      ids = board.ids;
      const samples: Record<string, unknown> = {
        projectId: board.projectId,
        taskId: board.taskId,
        commentId: board.commentId,
        name: 'Fuzzed',
        title: 'Fuzzed',
        body: 'Fuzzed',
        description: 'Fuzzed',
        version: 1,
        status: 'doing',
        position: 512,
        archived: true,
        includeArchived: true,
        patch: { title: 'Fuzzed' },
        taskKeyPrefix: 'FUZZ',
        defaultDueInDays: 7,
        assigneeId: h.world.personas.member!.userId,
        actorId: h.world.personas.admin!.userId,
        dueDate: '2030-01-15',
        cursor: 1,
        limit: 10,
        action: 'project.archived',
      };
      const shape = objectShape(schema);
      valid = shape
        ? Object.fromEntries(Object.keys(shape).map((key) => [key, samples[key]]))
        : undefined;
    });

    // fast-check stops itself before vitest's timeout: a timed-out property would keep
    // running in the background and write under the next procedure's fingerprints.
    const budgetMs = 20_000 + RUNS * 300;
    it('answers every input with data or a client error, and a refusal writes nothing', {
      timeout: budgetMs + 10_000,
    }, async () => {
      const fields = fieldPaths(schema);
      const input = fc.oneof(
        // Junk of any shape.
        fc.anything({ withNullPrototype: true, withObjectString: true, maxDepth: 2 }),
        // A valid input with one or two fields made hostile (or removed: undefined).
        ...(fields.length
          ? [
              fc
                .array(fc.tuple(fc.constantFrom(...fields), hostileValue(ids)), {
                  minLength: 1,
                  maxLength: 2,
                })
                .map((edits) => edits.reduce((acc, [p, v]) => withValue(acc, p, v), valid)),
            ]
          : [fc.constant(valid)]),
      );
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...PERSONA_DRAW), input, async (persona, value) => {
          const fn = path
            .split('.')
            .reduce<unknown>(
              (node, key) => (node as Record<string, unknown>)[key],
              callers[persona],
            );
          const before = await fingerprint();
          try {
            await (fn as (input: unknown) => Promise<unknown>)(value);
          } catch (error) {
            if (!(error instanceof TRPCError)) throw error;
            if (!CLIENT_ERRORS.includes(error.code)) {
              throw new Error(`${path} as ${persona} → ${error.code}: ${String(error.cause)}`);
            }
            expect(await fingerprint(), `${path} as ${persona} was refused but wrote`).toBe(before);
          }
        }),
        {
          numRuns: RUNS,
          seed: SEED,
          interruptAfterTimeLimit: budgetMs,
          examples: fields.flatMap((field) =>
            KNOWN_KILLERS.map((v): [PersonaName, unknown] => ['admin', withValue(valid, field, v)]),
          ),
        },
      );
    });
  });
});
