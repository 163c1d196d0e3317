import { cleanup, configure } from '@testing-library/react';
import { afterEach, expect, vi } from 'vitest';

// `findBy…` waits up to 1 s by default; a busy 2-core CI machine can need longer to render.
configure({ asyncUtilTimeout: 5000 });

/**
 * Every test installs its own `fetch` (a fake backend). Anything else that tries the
 * network (Clerk's cloud above all) hits this one and fails the test.
 */
const unexpected: string[] = [];
const refuseFetch = async (input: RequestInfo | URL) => {
  const url = input instanceof Request ? input.url : String(input);
  unexpected.push(url);
  throw new Error(`Unmocked fetch in a component test: ${url}`);
};
globalThis.fetch = refuseFetch as typeof fetch;

// Pages are lazy chunks: their first import in a test is transformed on the spot, which on a
// busy machine can take longer than Testing Library's default 1 s wait.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
  sessionStorage.clear(); // form drafts (see drafts/)
  vi.useRealTimers();
  globalThis.fetch = refuseFetch as typeof fetch;
  expect(unexpected.splice(0), 'unmocked fetch calls').toEqual([]);
});
