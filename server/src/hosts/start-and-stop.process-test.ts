import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServer } from '../test/spawned-server.ts';

/** `TASKLANE_HOST=… npm start` for each host: it serves, and SIGTERM stops it cleanly. */
describe.each(['express', 'fastify', 'fetch'])('main.ts with TASKLANE_HOST=%s', (host) => {
  it('serves, then exits 0 on SIGTERM even with a keep-alive connection open', async () => {
    const server = await startServer(mkdtempSync(join(tmpdir(), `tl-${host}-`)), {
      TASKLANE_HOST: host,
    });
    expect(server.output()).toContain(`(host: ${host}, auth mode: local)`);
    const res = await fetch(`${server.baseUrl}/trpc/health`, {
      headers: { connection: 'keep-alive' },
    });
    expect(await res.json()).toEqual({ result: { data: { status: 'ok' } } });
    server.child.kill('SIGTERM');
    const { code, stdout } = await server.exited;
    expect(code).toBe(0);
    expect(stdout).toMatch(/SIGTERM: no new connections/);
    expect(stdout).toMatch(/Stopped\./);
  }, 90_000);
});
