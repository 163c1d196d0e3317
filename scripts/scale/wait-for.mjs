import { setTimeout as sleep } from 'node:timers/promises';

/** Polls `condition` until it is truthy; throws naming `what` after `timeoutMs`. */
export async function waitFor(what, condition, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}
