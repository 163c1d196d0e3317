import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const serverDir = fileURLToPath(new URL('..', import.meta.url));

/** Runs `main.ts` as `npm start` does, with only the given environment. */
function startMain(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env: { PATH: process.env.PATH ?? '', DATA_DIR: mkdtempSync(join(tmpdir(), 'tl-')), ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = once(child, 'exit').then(([code]) => ({ code, stdout, stderr }));
  return { child, exited, output: () => stdout };
}

async function waitForListening(output: () => string, child: ChildProcess) {
  for (let i = 0; i < 1000; i++) {
    const match = output().match(/listening on (http:\/\/[\d.]+:\d+)/);
    if (match?.[1]) return match[1];
    if (child.exitCode !== null) throw new Error('server exited before listening');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('server did not start');
}

// Each test starts a Node process (and some a fresh embedded database): allow for a busy machine.
describe('main.ts', { timeout: 60_000 }, () => {
  it('stops on a malformed variable with one clear message and no stack trace', async () => {
    const { exited } = startMain({ PORT: 'eighty' });
    const { code, stderr } = await exited;
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      'Invalid configuration:\n  PORT: expected a port number, e.g. PORT=3000 (got "eighty")',
    );
  });

  it('refuses local auth mode under NODE_ENV=production', async () => {
    const { exited } = startMain({ NODE_ENV: 'production' });
    const { code, stderr } = await exited;
    expect(code).toBe(1);
    expect(stderr).toMatch(/refuses to run with NODE_ENV=production/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('stops on an unknown TASKLANE_HOST with one clear message', async () => {
    const { exited } = startMain({ TASKLANE_HOST: 'koa' });
    const { code, stderr } = await exited;
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      'Invalid configuration:\n  TASKLANE_HOST: expected one of express, fastify, fetch (default express) (got "koa")',
    );
  });

  // Concurrent: each start pays for a fresh embedded database.
  it.concurrent.each(['express', 'fastify', 'fetch'])(
    'serves on %s, then exits 0 on SIGTERM even with a keep-alive connection open',
    async (host) => {
      const { child, exited, output } = startMain({
        PORT: '0',
        NODE_ENV: 'test',
        TASKLANE_HOST: host,
      });
      const baseUrl = await waitForListening(output, child);
      expect(output()).toContain(`(host: ${host}, auth mode: local)`);
      const res = await fetch(`${baseUrl}/trpc/health`, { headers: { connection: 'keep-alive' } });
      expect(await res.json()).toEqual({ result: { data: { status: 'ok' } } });
      child.kill('SIGTERM');
      const { code, stdout } = await exited;
      expect(code).toBe(0);
      expect(stdout).toMatch(/SIGTERM: no new connections/);
      expect(stdout).toMatch(/Stopped\./);
    },
  );
});
