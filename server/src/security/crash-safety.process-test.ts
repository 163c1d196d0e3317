import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allTasks, signIn, startServer, trpc } from '../test/spawned-server.ts';

/**
 * `kill -9` in the middle of writes, three times over, on one PGlite data dir: each
 * restart opens the database, and every write the server acknowledged (200) is there:
 * created tasks with their titles, and a task updated in a loop at least at the last
 * acknowledged version.
 */

const CRASHES = 3;

describe('crash safety of the embedded database', () => {
  it(`keeps every acknowledged write through ${CRASHES} kill -9`, {
    timeout: 240_000,
  }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tl-crash-'));
    let server = await startServer(dataDir);
    let token = await signIn(server.baseUrl, 'user_demo_ada');
    const project = await trpc(server.baseUrl, token, 'projects.create', { name: 'Crash' });
    const projectId = project.body.result.data.id as string;
    const counter = await trpc(server.baseUrl, token, 'tasks.create', {
      projectId,
      title: 'Counter',
    });
    const counterId = counter.body.result.data.id as string;
    let counterVersion = 1;
    const acknowledged = new Map<string, string>([[counterId, 'Counter']]);
    let acknowledgedUpdates = 0;

    for (let crash = 1; crash <= CRASHES; crash++) {
      const base = server.baseUrl;
      let crashed = false;
      const before = acknowledged.size;
      // Three creators and one updater, until the process dies under them.
      const creator = async (w: number) => {
        for (let n = 0; !crashed; n++) {
          const title = `crash ${crash} writer ${w} #${n}`;
          const res = await trpc(base, token, 'tasks.create', { projectId, title }).catch(
            () => undefined,
          );
          if (res?.status === 200) acknowledged.set(res.body.result.data.id, title);
          else if (res) throw new Error(`tasks.create answered ${res.status}`);
        }
      };
      const updater = async () => {
        while (!crashed) {
          const res = await trpc(base, token, 'tasks.update', {
            taskId: counterId,
            version: counterVersion,
            patch: { description: `v${counterVersion + 1}` },
          }).catch(() => undefined);
          if (res?.status === 200) {
            counterVersion = res.body.result.data.version;
            acknowledgedUpdates++;
          } else if (res) throw new Error(`tasks.update answered ${res.status}`);
        }
      };
      const writers = [creator(0), creator(1), creator(2), updater()];
      while (acknowledged.size < before + 40) await new Promise((r) => setTimeout(r, 10));
      server.child.kill('SIGKILL');
      const { signal } = await server.exited;
      crashed = true;
      await Promise.all(writers);
      expect(signal).toBe('SIGKILL');

      server = await startServer(dataDir);
      token = await signIn(server.baseUrl, 'user_demo_ada');
      const stored = await allTasks(server.baseUrl, token, projectId);
      const titles = new Map(stored.map((t) => [t.id, t.title]));
      const lost = [...acknowledged].filter(([id, title]) => titles.get(id) !== title);
      expect(lost, `acknowledged writes lost after crash ${crash}`).toEqual([]);
      const counterNow = stored.find((t) => t.id === counterId)!;
      expect(counterNow.version).toBeGreaterThanOrEqual(counterVersion);
      // An update may have committed without its answer arriving: continue from the stored one.
      counterVersion = counterNow.version;
    }
    console.log(
      `crash safety: ${CRASHES} kill -9, ${acknowledged.size} acknowledged creates and ${acknowledgedUpdates} acknowledged updates, none lost`,
    );
    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
  });
});
