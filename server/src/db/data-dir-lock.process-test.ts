import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { SPAWN_ORIGIN, spawnMain, startServer } from '../test/spawned-server.ts';

/**
 * Two `npm start`s on one DATA_DIR: the second must not open the embedded database the
 * first is running on. (After a `kill -9`, the next start takes the lock over: the crash
 * safety test restarts on its data dir three times.)
 */
describe('one server per embedded data dir', () => {
  it('refuses a second server on the same DATA_DIR, and lets one in once the first stops', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tl-lock-'));
    const first = await startServer(dataDir);

    const second = spawnMain({
      DATA_DIR: dataDir,
      PORT: '0',
      NODE_ENV: 'test',
      APP_ORIGINS: SPAWN_ORIGIN,
    });
    // Without the lock it would open the database and listen: fail then, not at the timeout.
    const startedAnyway = (async () => {
      while (!second.output().includes('listening')) {
        if (second.child.exitCode !== null) return new Promise<never>(() => {});
        await sleep(50);
      }
      second.child.kill('SIGKILL');
      throw new Error(`a second server started on the same data dir:\n${second.output()}`);
    })();
    const refused = await Promise.race([second.exited, startedAnyway]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `Tasklane failed to start: The embedded database is in use by process ${first.child.pid}`,
    );
    expect(refused.output).not.toContain('listening');

    const health = await fetch(`${first.baseUrl}/trpc/health`);
    expect(health.status).toBe(200);

    first.child.kill('SIGTERM');
    expect((await first.exited).code).toBe(0);
    const next = await startServer(dataDir);
    next.child.kill('SIGTERM');
    expect((await next.exited).code).toBe(0);
  }, 120_000);
});
