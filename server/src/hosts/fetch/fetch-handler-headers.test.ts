import { describe, expect, it } from 'vitest';
import { createCallerHarness } from '../../test/caller-harness.ts';
import type { WebHandler } from '../../web/web-route.ts';
import { createFetchHandler } from './fetch-handler.ts';

const testAuth = await createCallerHarness();

/** The fetch handler with one extra GET route, `/answer`, answered by `handle`. */
function handlerAnswering(handle: WebHandler) {
  return createFetchHandler({
    auth: testAuth.setup,
    contextDeps: testAuth.deps,
    routes: [{ method: 'GET', path: '/answer', handle }],
    appOrigins: ['http://localhost:5173'],
    securityHeaders: [['x-content-type-options', 'nosniff']],
    rateLimit: { limit: 0, windowMs: 60_000 },
    maxBodyBytes: 1024,
    debugHeaders: false,
  });
}

const ask = (handler: ReturnType<typeof createFetchHandler>) =>
  handler(new Request('http://localhost/answer'), { clientAddress: '127.0.0.1' });

describe('the fetch handler adds its headers to every answer', () => {
  it('on the answer itself, not a copy that would read its body as a stream', async () => {
    const answer = new Response('ok');
    const response = await ask(handlerAnswering(async () => answer));
    expect(response).toBe(answer);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe('ok');
  });

  it('on a copy, when the answer’s headers cannot change (a redirect)', async () => {
    const response = await ask(
      handlerAnswering(async () => Response.redirect('https://example.com/next', 302)),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('https://example.com/next');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
