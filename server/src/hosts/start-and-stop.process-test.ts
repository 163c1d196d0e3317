import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { signIn, startServer, trpc } from '../test/spawned-server.ts';

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

  it('ends open board streams on SIGTERM, so the drain does not wait for them', async () => {
    const server = await startServer(mkdtempSync(join(tmpdir(), `tl-${host}-sse-`)), {
      TASKLANE_HOST: host,
    });
    const token = await signIn(server.baseUrl, 'user_demo_ada');
    const projects = await trpc(server.baseUrl, token, 'projects.list', undefined, 'query');
    const projectId = projects.body.result.data[0].id as string;
    const input = encodeURIComponent(JSON.stringify({ projectId }));
    const stream = await fetch(`${server.baseUrl}/trpc/board.events?input=${input}`, {
      headers: { accept: 'text/event-stream', authorization: `Bearer ${token}` },
    });
    const reader = stream.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain('event: connected');
    const stoppedAt = Date.now();
    server.child.kill('SIGTERM');
    // The stream ends (the client would reconnect elsewhere), then the process exits.
    for (;;) if ((await reader.read()).done) break;
    const { code, stdout, stderr } = await server.exited;
    expect(code).toBe(0);
    expect(stdout).toMatch(/Stopped\./);
    expect(stderr).not.toMatch(/Drain timed out/);
    expect(Date.now() - stoppedAt).toBeLessThan(9_000);
  }, 90_000);
});
