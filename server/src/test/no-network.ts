import { afterEach, expect } from 'vitest';

/**
 * Test setup: `fetch` may reach loopback only. Anything else (Clerk's cloud above all)
 * is refused and fails the test that tried, even if the code swallowed the error.
 * Installed before any test imports `@clerk/backend`, which captures `fetch` on import.
 */
const GUARD = Symbol.for('tasklane.no-network');
type Guarded = typeof fetch & { [GUARD]?: string[] };
// Test files may share a module graph (vitest `isolate: false`): install the guard once.
const installed = (globalThis.fetch as Guarded)[GUARD];
const realFetch = globalThis.fetch;
const blocked: string[] = installed ?? [];

function isLoopback(url: URL) {
  return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

if (!installed) {
  const guarded: Guarded = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (!isLoopback(url)) {
      blocked.push(url.href);
      throw new Error(`Network access outside loopback is not allowed in tests: ${url.href}`);
    }
    return realFetch(input, init);
  };
  guarded[GUARD] = blocked;
  globalThis.fetch = guarded;
}

afterEach(() => {
  const attempts = blocked.splice(0);
  expect(attempts, 'requests to non-loopback hosts').toEqual([]);
});
