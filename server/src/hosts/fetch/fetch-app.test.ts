import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createHarness } from '../../test/harness.ts';

const testAuth = await createHarness();
const clientDist = mkdtempSync(join(tmpdir(), 'tasklane-fetch-app-'));
afterAll(() => rmSync(clientDist, { recursive: true, force: true }));

describe('the fetch host on Node', () => {
  it('answers a request its handler fails on with a JSON 500, and logs the cause', async () => {
    writeFileSync(join(clientDist, 'index.html'), '<!doctype html><title>Tasklane</title>');
    const host = await testAuth.startTestHost('fetch', { clientDist });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const page = await fetch(`${host.baseUrl}/projects`, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      await page.text();

      // The SPA's index.html disappears from under the running host: serving it throws.
      rmSync(join(clientDist, 'index.html'));
      const res = await fetch(`${host.baseUrl}/projects`, { headers: { accept: 'text/html' } });
      expect(res.status).toBe(500);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(await res.json()).toEqual({
        error: { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' },
      });
      expect(String(logged.mock.calls.at(-1)?.[0])).toContain('index.html disappeared');
    } finally {
      logged.mockRestore();
      await host.close();
    }
  });
});
