import { initTRPC } from '@trpc/server';
import { describe, expect, it } from 'vitest';

/**
 * scripts/dependency-patches/trpc-server.mjs makes tRPC's object spreads use `Object.assign`.
 * A spread must still copy exactly what it did: own enumerable keys, symbols included, later
 * sources winning, and an own `__proto__` key (JSON input can carry one) kept as a plain
 * property instead of becoming the copy's prototype.
 */
const TAG = Symbol('tag');
const t = initTRPC.context<{ user: string }>().create();
const asRecord = (value: unknown) => value as Record<string, unknown>;

const router = t.router({
  // With two input parsers, tRPC merges their outputs with a spread.
  merged: t.procedure
    .input(asRecord)
    .input((value: unknown) => ({ ...asRecord(value), second: true }))
    .query(({ input }) => input),
  // Each `next({ ctx })` spreads the new context over the old.
  context: t.procedure
    .use(({ next }) => next({ ctx: { role: 'admin', user: 'replaced' } }))
    .use(({ next }) => next({ ctx: { [TAG]: 'symbol' } }))
    .query(({ ctx }) => ctx),
});
const caller = t.createCallerFactory(router)({ user: 'ada' });

describe("tRPC's object spreads (patched to Object.assign)", () => {
  it("keep an input's own __proto__ key as data, never as the merged input's prototype", async () => {
    const input = JSON.parse('{"a":1,"__proto__":{"polluted":true}}');
    const merged = await caller.merged(input);
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(Object.hasOwn(merged, '__proto__')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(merged, '__proto__')?.value).toEqual({ polluted: true });
    expect('polluted' in merged).toBe(false);
    expect(merged).toMatchObject({ a: 1, second: true });
  });

  it('merge contexts key by key, later values winning, symbols included', async () => {
    const ctx = await caller.context();
    expect(ctx).toEqual({ user: 'replaced', role: 'admin', [TAG]: 'symbol' });
    expect(Object.getOwnPropertySymbols(ctx)).toEqual([TAG]);
  });
});
