import { describe, expect, it } from 'vitest';
import { spawnMain } from './test/spawned-server.ts';

// Each test starts a Node process: allow for a busy machine. Starting each host for real
// (and stopping it with SIGTERM) is in hosts/start-and-stop.process-test.ts.
describe('main.ts start-up failures', { timeout: 60_000 }, () => {
  it('stops on a malformed variable with one clear message and no stack trace', async () => {
    const { code, stderr } = await spawnMain({ PORT: 'eighty' }).exited;
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      'Invalid configuration:\n  PORT: expected a port number, e.g. PORT=3000 (got "eighty")',
    );
  });

  it('refuses local auth mode under NODE_ENV=production', async () => {
    const { code, stderr } = await spawnMain({ NODE_ENV: 'production' }).exited;
    expect(code).toBe(1);
    expect(stderr).toMatch(/refuses to run with NODE_ENV=production/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('stops on an unknown TASKLANE_HOST with one clear message', async () => {
    const { code, stderr } = await spawnMain({ TASKLANE_HOST: 'koa' }).exited;
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      'Invalid configuration:\n  TASKLANE_HOST: expected one of express, fastify, fetch (default express) (got "koa")',
    );
  });
});
