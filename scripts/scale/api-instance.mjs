import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { waitFor } from './wait-for.mjs';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * One API instance: `node --import tsx server/src/main.ts`, as `npm run serve` runs it,
 * with `env`, its output appended to `logFile`. `start(port)` resolves once it is ready
 * (`/readyz`), on `port` or, with 0, on the port it picked; it can start again on the
 * same port after `kill()`.
 */
export function apiInstance({ index, env, logFile }) {
  const log = createWriteStream(logFile, { flags: 'a' });
  let child;
  let exit;
  const state = { index, port: 0, pid: 0 };

  async function start(port = state.port) {
    if (child) throw new Error(`instance ${index} is running`);
    log.write(`--- start on port ${port || 'any'} ---\n`);
    const proc = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      cwd: repoRoot,
      env: { ...env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    state.pid = proc.pid;
    exit = new Promise((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal })));
    let exited;
    exit.then((status) => {
      exited = status;
      if (child === proc) child = undefined;
    });
    let listening;
    proc.stdout.on('data', (chunk) => {
      const text = chunk.toString();
      listening ??= /Tasklane listening on http:\/\/[^:]+:(\d+)/.exec(text)?.[1];
      log.write(text);
    });
    proc.stderr.on('data', (chunk) => log.write(chunk));
    await waitFor(`instance ${index} to listen (log: ${logFile})`, () => {
      if (exited) throw new Error(`instance ${index} exited at start (log: ${logFile})`);
      return listening;
    });
    state.port = Number(listening);
    await waitFor(`instance ${index} to be ready`, async () => {
      const res = await fetch(`${url()}/readyz`).catch(() => undefined);
      return res?.ok;
    });
    return describe();
  }

  const url = () => `http://127.0.0.1:${state.port}`;
  const describe = () => ({ ...state, url: url(), alive: child !== undefined });

  /** `kill -9`: no drain, no goodbye; resolves once the process is gone. */
  async function kill() {
    if (!child) return describe();
    child.kill('SIGKILL');
    await exit;
    return describe();
  }

  /** SIGTERM (graceful shutdown), then SIGKILL if it is still there after 10 s. */
  async function stop() {
    if (!child) return;
    const proc = child;
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
    await exit;
    clearTimeout(timer);
  }

  return { logFile, start, kill, stop, describe, close: () => log.end() };
}
