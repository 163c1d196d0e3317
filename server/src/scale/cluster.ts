/**
 * The cluster `npm run test:scale` started (scripts/test-scale.mjs): nginx in front of
 * three API instances on one PostgreSQL. The script answers on SCALE_CONTROL_URL.
 */

export interface ScaleInstance {
  index: number;
  port: number;
  pid: number;
  /** The instance itself, bypassing nginx. */
  url: string;
  alive: boolean;
}

export interface ScaleCluster {
  nginxUrl: string;
  accessLog: string;
  databaseUrl: string;
  /** The instances' shared DATA_DIR: the local signing key is in it. */
  dataDir: string;
  rateLimit: { requests: number; windowSeconds: number };
  instances: ScaleInstance[];
}

function controlUrl(path: string): string {
  const base = process.env.SCALE_CONTROL_URL;
  if (!base) throw new Error('scale tests run under `npm run test:scale` (SCALE_CONTROL_URL)');
  return `${base}${path}`;
}

async function control<T>(method: 'GET' | 'POST', path: string): Promise<T> {
  const res = await fetch(controlUrl(path), { method });
  const body = await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${JSON.stringify(body)}`);
  return body as T;
}

export const getCluster = () => control<ScaleCluster>('GET', '/cluster');

/** `kill -9` of one instance; resolves once the process is gone. */
export const killInstance = (index: number) =>
  control<ScaleInstance>('POST', `/instances/${index}/kill`);

/** Starts a killed instance again on its port; resolves once it is ready. */
export const startInstance = (index: number) =>
  control<ScaleInstance>('POST', `/instances/${index}/start`);

/** The response header the test's nginx adds: which instance answered. */
export const UPSTREAM_HEADER = 'x-upstream-addr';

/**
 * The instance that answered a response through nginx. After a failover nginx lists every
 * upstream it tried (`a:1, b:2`); the last one answered.
 */
export function answeredBy(cluster: ScaleCluster, headers: Headers): ScaleInstance {
  const tried = headers.get(UPSTREAM_HEADER)?.split(/\s*,\s*|\s+:\s+/) ?? [];
  const port = Number(tried.at(-1)?.split(':').at(-1));
  const instance = cluster.instances.find((i) => i.port === port);
  if (!instance) throw new Error(`no instance answers on "${headers.get(UPSTREAM_HEADER)}"`);
  return instance;
}

/**
 * Waits until nginx sends requests to every instance that is alive: an instance started
 * again is skipped for a few seconds (`fail_timeout`), until nginx tries it once more.
 */
export async function untilNginxReachesAll(cluster: ScaleCluster): Promise<void> {
  const alive = cluster.instances.filter((i) => i.alive).map((i) => i.port);
  const seen = new Set<number>();
  const deadline = Date.now() + 30_000;
  while (!alive.every((port) => seen.has(port))) {
    if (Date.now() > deadline) {
      throw new Error(`nginx reached only ${[...seen].join(', ')} of ${alive.join(', ')}`);
    }
    const res = await fetch(`${cluster.nginxUrl}/healthz`);
    await res.arrayBuffer();
    if (res.ok) seen.add(answeredBy(cluster, res.headers).port);
    else await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
