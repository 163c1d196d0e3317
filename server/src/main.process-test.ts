import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildPublishableKey } from './auth/publishable-key.ts';
import { spawnMain } from './test/spawned-server.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const serverDir = join(repoRoot, 'server');
const scratchDirs: string[] = [];
afterAll(() => {
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});
function scratch() {
  const dir = mkdtempSync(join(tmpdir(), 'tl-main-'));
  scratchDirs.push(dir);
  return dir;
}

interface Spawned {
  child: ChildProcess;
  exited: Promise<unknown>;
  output: () => string;
}

/** The base URL once the process says it listens; fails at once if it exits first. */
async function listening(spawned: Spawned): Promise<string> {
  for (;;) {
    const match = spawned.output().match(/listening on (http:\/\/[\d.]+:\d+)/);
    if (match?.[1]) return match[1];
    if (spawned.child.exitCode !== null || spawned.child.signalCode !== null) {
      throw new Error(`exited before listening:\n${spawned.output()}`);
    }
    await sleep(50);
  }
}

async function stop(spawned: Spawned, signal: () => void = () => spawned.child.kill('SIGTERM')) {
  if (spawned.child.exitCode === null && spawned.child.signalCode === null) signal();
  await spawned.exited;
}

/** An npm script run as a person would, with only PATH, HOME and `env`. */
function spawnNpm(args: string[], env: Record<string, string>, cwd = repoRoot) {
  // Its own process group: npm, sh and node --watch are stopped together.
  const child = spawn('npm', args, {
    cwd,
    detached: true,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), ...env },
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const exited = once(child, 'exit').then(([code]) => ({ code: code as number | null, output }));
  return { child, exited, output: () => output };
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** A signed-out API call: its status, body and Clerk's `x-clerk-auth-*` headers. */
async function signedOutCall(baseUrl: string) {
  const res = await fetch(`${baseUrl}/trpc/org.current`);
  const clerkHeaders = [...res.headers.keys()].filter((name) => name.startsWith('x-clerk-auth'));
  // biome-ignore lint/suspicious/noExplicitAny: tRPC's JSON error envelope.
  return { status: res.status, body: (await res.json()) as any, clerkHeaders };
}

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

  it('refuses local auth mode under NODE_ENV=production, naming the Clerk keys to set', async () => {
    const { code, stderr } = await spawnMain({ NODE_ENV: 'production' }).exited;
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /CLERK_PUBLISHABLE_KEY, CLERK_SECRET_KEY: required with NODE_ENV=production/,
    );
    expect(stderr).not.toContain('AUTH_MODE');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('stops on an unknown TASKLANE_HOST with one clear message', async () => {
    const { code, stderr } = await spawnMain({ TASKLANE_HOST: 'koa' }).exited;
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      'Invalid configuration:\n  TASKLANE_HOST: expected one of express, fastify, fetch (default express) (got "koa")',
    );
  });

  it('never prints a secret: keys by length only, passwords in URLs as ***', async () => {
    const { code, stderr } = await spawnMain({
      CLERK_SECRET_KEY: 'hunter2',
      DATABASE_URL: 'mysql://u:hunter2@h/db',
    }).exited;
    expect(code).toBe(1);
    expect(stderr).toContain('CLERK_SECRET_KEY: expected a Clerk secret key');
    expect(stderr).toContain('(got "mysql://u:***@h/db")');
    expect(stderr).not.toContain('hunter2');
  });

  it('names DATABASE_URL (without its password) in one line when PostgreSQL cannot be reached', async () => {
    const port = await closedPort();
    const { code, stderr } = await spawnMain({
      DATABASE_URL: `postgres://tasklane:hunter2@127.0.0.1:${port}/tasklane`,
      DATA_DIR: scratch(),
      PORT: '0',
    }).exited;
    expect(code).toBe(1);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(
      `Cannot connect to the PostgreSQL in DATABASE_URL (postgres://tasklane:***@127.0.0.1:${port}/tasklane): connect ECONNREFUSED`,
    );
    expect(lines[0]).toContain('Check that the server is running');
    expect(stderr).not.toContain('hunter2');
  });
});

describe('main.ts safe defaults', { timeout: 90_000 }, () => {
  it('shows no stack traces or Clerk reasons with NODE_ENV unset, as under npm start', async () => {
    const server = spawnMain({ DATA_DIR: scratch(), PORT: '0' });
    try {
      const { status, body, clerkHeaders } = await signedOutCall(await listening(server));
      expect(status).toBe(401);
      expect(body.error.data).not.toHaveProperty('stack');
      expect(JSON.stringify(body)).not.toContain(serverDir);
      expect(clerkHeaders).toEqual([]);
    } finally {
      await stop(server);
    }
  });

  it('shows them under npm run dev, which asks for development', async () => {
    const dev = spawnNpm(['run', 'dev', '--workspace', 'server'], {
      DATA_DIR: scratch(),
      PORT: '0',
    });
    try {
      const { status, body, clerkHeaders } = await signedOutCall(await listening(dev));
      expect(status).toBe(401);
      expect(body.error.data.stack).toEqual(expect.any(String));
      expect(clerkHeaders).not.toEqual([]);
    } finally {
      await stop(dev, () => process.kill(-(dev.child.pid ?? 0), 'SIGTERM'));
    }
  });

  it('resolves a relative DATA_DIR from the repository root and keeps its content out of git', async () => {
    const relative = `tmp-data-dir-test-${process.pid}`;
    const server = spawnMain({ DATA_DIR: `./${relative}`, PORT: '0', NODE_ENV: 'test' });
    try {
      await listening(server);
      expect(existsSync(join(repoRoot, relative, 'local-auth-signing-key.pem'))).toBe(true);
      expect(existsSync(join(serverDir, relative))).toBe(false);
      const status = execFileSync(
        'git',
        ['status', '--porcelain', '--untracked-files=all', '--', relative],
        { cwd: repoRoot, encoding: 'utf8' },
      );
      expect(status).toBe('');
    } finally {
      await stop(server);
      rmSync(join(repoRoot, relative), { recursive: true, force: true });
      rmSync(join(serverDir, relative), { recursive: true, force: true });
    }
  });

  it('warns in one line, naming CLERK_JWT_KEY, when clerk mode verifies over the network', async () => {
    const server = spawnMain({
      CLERK_PUBLISHABLE_KEY: buildPublishableKey('clerk.example.com', 'test'),
      CLERK_SECRET_KEY: 'sk_test_abc',
      DATA_DIR: scratch(),
      PORT: '0',
      NODE_ENV: 'test',
    });
    try {
      await listening(server);
      const warnings = server
        .output()
        .split('\n')
        .filter((line) => line.includes('CLERK_JWT_KEY'));
      expect(warnings).toEqual([
        expect.stringMatching(/CLERK_JWT_KEY is not set.*network.*set it/),
      ]);
    } finally {
      await stop(server);
    }
  });
});

describe('npm start', { timeout: 180_000 }, () => {
  it('checks the configuration before building the SPA, and stops without npm error lines', async () => {
    const { code, output } = await spawnNpm(['start'], {
      NODE_ENV: 'production',
      DATA_DIR: scratch(),
    }).exited;
    expect(code).toBe(1);
    expect(output).toContain(
      'CLERK_PUBLISHABLE_KEY, CLERK_SECRET_KEY: required with NODE_ENV=production',
    );
    expect(output).not.toContain('AUTH_MODE');
    expect(output).not.toContain('vite');
    expect(output).not.toContain('npm error');
  });
});
