import { initTRPC } from '@trpc/server';
import { resolveResponse } from '@trpc/server/http';
import { describe, expect, it } from 'vitest';

/**
 * scripts/dependency-patches/trpc-server.mjs gives queries and mutations the request's own
 * abort signal instead of a combined signal per call (and per request, unless the answer is
 * streamed). What a procedure sees must not change: its `signal` aborts when the request does,
 * with the request's reason, or when the client cancels a streamed answer, and not otherwise.
 */
const t = initTRPC.create();
const seen: AbortSignal[] = [];
let onStarted = () => {};

const router = t.router({
  waitForAbort: t.procedure.query(({ signal }) => {
    const callSignal = signal!;
    seen.push(callSignal);
    return new Promise<{ aborted: boolean; reason: string }>((resolve) => {
      callSignal.addEventListener(
        'abort',
        () => resolve({ aborted: callSignal.aborted, reason: String(callSignal.reason) }),
        { once: true },
      );
      onStarted();
    });
  }),
  now: t.procedure.query(({ signal }) => {
    seen.push(signal!);
    return { aborted: signal!.aborted };
  }),
});

function batch(paths: string[], signal?: AbortSignal, headers?: Record<string, string>) {
  const input = encodeURIComponent(JSON.stringify({}));
  const url = `http://127.0.0.1/trpc/${paths.join(',')}?batch=1&input=${input}`;
  return resolveResponse({
    router,
    req: new Request(url, { signal, headers }),
    path: paths.join(','),
    error: null,
    createContext: async () => ({}),
  });
}

describe('the abort signal a tRPC query sees', () => {
  it('aborts for every call of a batch when the request is aborted, with its reason', async () => {
    seen.length = 0;
    const started = new Promise<void>((resolve) => {
      let count = 0;
      onStarted = () => {
        if (++count === 2) resolve();
      };
    });
    const request = new AbortController();
    const answer = batch(['waitForAbort', 'waitForAbort'], request.signal);
    await started;
    expect(seen.map((signal) => signal.aborted)).toEqual([false, false]);

    request.abort('the client went away');
    const body = await (await answer).json();
    expect(body).toEqual([
      { result: { data: { aborted: true, reason: 'the client went away' } } },
      { result: { data: { aborted: true, reason: 'the client went away' } } },
    ]);
  });

  it('is not aborted while the calls run, nor after the answer', async () => {
    seen.length = 0;
    const response = await batch(['now', 'now']);
    expect(await response.json()).toEqual([
      { result: { data: { aborted: false } } },
      { result: { data: { aborted: false } } },
    ]);
    expect(seen.map((signal) => signal.aborted)).toEqual([false, false]);
  });

  it('aborts the calls of a streamed batch when the client cancels the body', async () => {
    seen.length = 0;
    const started = new Promise<void>((resolve) => {
      onStarted = resolve;
    });
    const request = new AbortController();
    const response = await batch(['waitForAbort'], request.signal, {
      'trpc-accept': 'application/jsonl',
    });
    await started;
    expect(seen.map((signal) => signal.aborted)).toEqual([false]);
    await response.body?.cancel();
    expect(seen.map((signal) => signal.aborted)).toEqual([true]);
    expect(request.signal.aborted).toBe(false);
  });
});
