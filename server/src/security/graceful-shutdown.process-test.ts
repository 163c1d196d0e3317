import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  allTasks,
  SPAWN_ORIGIN,
  signIn,
  startServer,
  trpc,
  waitForOutput,
} from '../test/spawned-server.ts';

/**
 * SIGTERM in the middle of traffic, against `main.ts` in its own process: a request the
 * server is reading when the signal comes still completes, new connections are refused,
 * nothing answers 5xx, the process exits 0, and after a restart on the same data dir
 * every acknowledged write is there.
 */

/** A POST whose body arrives in two parts: in flight on the server until `finish()`. */
function slowCreate(baseUrl: string, token: string, body: string) {
  const half = Math.floor(body.length / 2);
  const req = request(`${baseUrl}/trpc/tasks.create`, {
    method: 'POST',
    agent: false,
    headers: {
      authorization: `Bearer ${token}`,
      origin: SPAWN_ORIGIN,
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    },
  });
  const response = new Promise<{ status: number; json: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let json = '';
      res.on('data', (chunk) => {
        json += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json }));
    });
    req.on('error', reject);
  });
  req.write(body.slice(0, half));
  return { response, finish: () => req.end(body.slice(half)) };
}

/** Resolves with the error code of a fresh TCP connection attempt, or 'connected'. */
function tryConnect(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.on('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
}

describe('graceful shutdown of main.ts', () => {
  it('drains in-flight requests on SIGTERM, refuses new ones, exits 0, keeps every acknowledged write', {
    timeout: 120_000,
  }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tl-shutdown-'));
    const server = await startServer(dataDir);
    const token = await signIn(server.baseUrl, 'user_demo_ada');
    const project = await trpc(server.baseUrl, token, 'projects.create', { name: 'Shutdown' });
    const projectId = project.body.result.data.id as string;

    // Four writers and two readers, each sending one request after another until refused.
    const acknowledged = new Map<string, string>();
    const statuses: number[] = [];
    const refusals: string[] = [];
    let sigtermSent = false;
    let refusedBeforeSigterm = 0;
    let servedAfterSigterm = 0;
    const loop = async (send: (n: number) => Promise<{ status: number }>) => {
      for (let n = 0; ; n++) {
        try {
          const res = await send(n);
          statuses.push(res.status);
          if (sigtermSent) servedAfterSigterm++;
        } catch (error) {
          if (!sigtermSent) refusedBeforeSigterm++;
          refusals.push(String((error as Error & { cause?: Error }).cause?.message ?? error));
          return;
        }
      }
    };
    const writer = (w: number) =>
      loop(async (n) => {
        const title = `writer ${w} #${n}`;
        const res = await trpc(server.baseUrl, token, 'tasks.create', { projectId, title });
        if (res.status === 200) acknowledged.set(res.body.result.data.id, title);
        return res;
      });
    const reader = () =>
      loop(() => trpc(server.baseUrl, token, 'tasks.list', { projectId, limit: 20 }, 'query'));
    const loops = [0, 1, 2, 3].map(writer).concat([reader(), reader()]);

    while (acknowledged.size < 20) await new Promise((resolve) => setTimeout(resolve, 20));
    const slow = slowCreate(
      server.baseUrl,
      token,
      JSON.stringify({ projectId, title: 'In flight at SIGTERM' }),
    );
    await new Promise((resolve) => setTimeout(resolve, 200)); // its headers have arrived
    sigtermSent = true;
    const sigtermAt = Date.now();
    server.child.kill('SIGTERM');
    await waitForOutput(server, /SIGTERM: no new connections/);

    // The slow request keeps the process draining: new connections are refused meanwhile.
    // (The log line is written just before close(): on a busy machine, give it a moment.)
    let attempt = await tryConnect(server.port);
    for (let i = 0; i < 50 && attempt !== 'ECONNREFUSED'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      attempt = await tryConnect(server.port);
    }
    expect(attempt).toBe('ECONNREFUSED');
    expect(server.child.exitCode, 'still draining the in-flight request').toBeNull();
    slow.finish();
    const inFlight = await slow.response;
    expect(inFlight.status, inFlight.json).toBe(200);
    const inFlightTask = JSON.parse(inFlight.json).result.data;
    acknowledged.set(inFlightTask.id, inFlightTask.title);

    await Promise.all(loops);
    const { code, output } = await server.exited;
    const drainMs = Date.now() - sigtermAt;
    expect(code, output).toBe(0);
    expect(output).toMatch(/Stopped\./);
    // Keep-alive clients were told to go (Connection: close), not cut off by the timeout.
    expect(output).not.toMatch(/Drain timed out/);
    expect(refusedBeforeSigterm).toBe(0);
    expect(refusals).toHaveLength(6); // every loop ended on a refused or closed connection
    expect(statuses.filter((s) => s !== 200)).toEqual([]);

    const restarted = await startServer(dataDir);
    try {
      const again = await signIn(restarted.baseUrl, 'user_demo_ada');
      const stored = new Map(
        (await allTasks(restarted.baseUrl, again, projectId)).map((t) => [t.id, t.title]),
      );
      const missing = [...acknowledged].filter(([id, title]) => stored.get(id) !== title);
      expect(missing).toEqual([]);
      console.log(
        `graceful shutdown: ${statuses.length} responses (all 200), ${servedAfterSigterm} of them after SIGTERM, exit ${drainMs} ms after SIGTERM, ${acknowledged.size} acknowledged writes kept, ${refusals.length} loops refused after SIGTERM: ${[...new Set(refusals)].join('; ')}`,
      );
    } finally {
      restarted.child.kill('SIGTERM');
      await restarted.exited;
    }
  });
});
