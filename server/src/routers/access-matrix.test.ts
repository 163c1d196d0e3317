import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { ACCESS_POLICY } from '../test/access-policy.ts';
import { createCallerHarness } from '../test/caller-harness.ts';
import { PERSONA_NAMES, type PersonaName, permissionsOf } from '../test/personas.ts';
import { GATES, type Meta } from '../trpc.ts';
import { appRouter } from './_app.ts';

const harness = await createCallerHarness();
const procedures = Object.entries(appRouter._def.procedures) as [
  string,
  { _def: { meta?: Partial<Meta> } },
][];

type Outcome = 'allowed' | 'UNAUTHORIZED' | 'FORBIDDEN';

/** What the gate (and permission, if any) promises for a persona. */
function expectedOutcome(meta: Meta, persona: PersonaName): Outcome {
  if (meta.gate === 'public') return 'allowed';
  if (persona === 'anon') return 'UNAUTHORIZED';
  if (meta.gate === 'protected') return 'allowed';
  const identity = harness.world.personas[persona];
  if (!identity?.org) return 'FORBIDDEN';
  if (meta.gate === 'orgAdmin' && identity.org.role !== 'org:admin') return 'FORBIDDEN';
  if (meta.permission && !permissionsOf(identity).includes(meta.permission)) return 'FORBIDDEN';
  return 'allowed';
}

/**
 * Calls the procedure with no input. Passing the gate may still end in BAD_REQUEST or
 * NOT_FOUND (no input, no such row); only UNAUTHORIZED and FORBIDDEN mean "refused".
 */
async function actualOutcome(path: string, persona: PersonaName): Promise<Outcome> {
  const caller = await harness.callerFor(persona);
  const fn = path
    .split('.')
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  try {
    await (fn as (input?: unknown) => Promise<unknown>)(undefined);
    return 'allowed';
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    return error.code === 'UNAUTHORIZED' || error.code === 'FORBIDDEN' ? error.code : 'allowed';
  }
}

describe('access matrix', () => {
  it('covers every procedure of appRouter and nothing else', () => {
    expect(
      procedures.map(([path]) => path).sort(),
      'every procedure must be listed with its gate in server/src/test/access-policy.ts',
    ).toEqual(Object.keys(ACCESS_POLICY).sort());
  });

  describe.each(procedures)('%s', (path, procedure) => {
    const meta = procedure._def.meta;

    it('declares the gate of the reviewed policy', () => {
      expect(
        GATES,
        `${path} declares no gate: build it on a procedure of server/src/trpc.ts`,
      ).toContain(meta?.gate);
      expect(
        meta?.gate,
        `${path}'s gate differs from server/src/test/access-policy.ts (the reviewed policy)`,
      ).toBe(ACCESS_POLICY[path]);
    });

    it.each(PERSONA_NAMES)('as %s', async (persona) => {
      expect(meta?.gate, `${path} declares no gate`).toBeTypeOf('string');
      expect(await actualOutcome(path, persona)).toBe(expectedOutcome(meta as Meta, persona));
    });
  });
});
