import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const serverDir = fileURLToPath(new URL('../..', import.meta.url));

/** Node's flags and the entry point of `npm start` (server/package.json), read from there. */
function startArguments(): string[] {
  const manifest = JSON.parse(readFileSync(`${serverDir}/package.json`, 'utf8')) as {
    scripts: { start: string };
  };
  const [command, ...args] = manifest.scripts.start.trim().split(/\s+/);
  if (command !== 'node') {
    throw new Error(`server/package.json's start script must run node, not "${command}"`);
  }
  return args;
}

/**
 * `src/main.ts` started exactly as `npm start` runs it (the same node flags), with only the
 * given environment; its combined output and exit. For start-up failures; `startServer` waits
 * for listening.
 */
export function spawnMain(env: Record<string, string>) {
  const child = spawn(process.execPath, startArguments(), {
    cwd: serverDir,
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = once(child, 'exit').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
    stdout,
    stderr,
    output: stdout + stderr,
  }));
  return { child, exited, output: () => stdout + stderr };
}

/** An origin the spawned server authorizes (its APP_ORIGINS). */
export const SPAWN_ORIGIN = 'http://tasklane.test';

export interface SpawnedServer {
  child: ChildProcess;
  baseUrl: string;
  port: number;
  output: () => string;
  exited: ReturnType<typeof spawnMain>['exited'];
}

/**
 * Starts `src/main.ts` as `npm start` does, in local mode on PGlite
 * in `dataDir`, on a free port; resolves once it listens. A fresh data dir is created,
 * migrated and seeded first (seconds on a busy machine).
 */
export async function startServer(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<SpawnedServer> {
  const { child, exited, output } = spawnMain({
    DATA_DIR: dataDir,
    PORT: '0',
    NODE_ENV: 'test',
    APP_ORIGINS: SPAWN_ORIGIN,
    ...env,
  });
  for (;;) {
    const match = output().match(/listening on (http:\/\/[\d.]+:(\d+))/);
    if (match?.[1]) return { child, baseUrl: match[1], port: Number(match[2]), output, exited };
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`server exited before listening:\n${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Resolves when the server's output matches `pattern`. */
export async function waitForOutput(server: SpawnedServer, pattern: RegExp) {
  while (!pattern.test(server.output())) {
    if (server.child.exitCode !== null) throw new Error(`exited:\n${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A demo user's session token, from local mode's sign-in endpoint. */
export async function signIn(baseUrl: string, userId: string): Promise<string> {
  const res = await fetch(`${baseUrl}/auth/local/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: SPAWN_ORIGIN },
    body: JSON.stringify({ userId }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

/** A tRPC call over HTTP: its status and JSON body. */
export async function trpc(
  baseUrl: string,
  token: string,
  path: string,
  input?: unknown,
  kind: 'query' | 'mutation' = 'mutation',
) {
  const headers = { authorization: `Bearer ${token}`, origin: SPAWN_ORIGIN };
  const res =
    kind === 'query'
      ? await fetch(
          `${baseUrl}/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`,
          { headers },
        )
      : await fetch(`${baseUrl}/trpc/${path}`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify(input),
        });
  // biome-ignore lint/suspicious/noExplicitAny: tRPC's JSON envelope, read by the caller.
  return { status: res.status, body: (await res.json()) as any };
}

/** Every task of a project, walking the cursor pages. */
export async function allTasks(baseUrl: string, token: string, projectId: string) {
  const tasks: { id: string; title: string; version: number }[] = [];
  let cursor: number | undefined;
  do {
    const page = await trpc(
      baseUrl,
      token,
      'tasks.list',
      { projectId, limit: 100, cursor },
      'query',
    );
    if (page.status !== 200) throw new Error(`tasks.list: ${JSON.stringify(page.body)}`);
    tasks.push(...page.body.result.data.items);
    cursor = page.body.result.data.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return tasks;
}
