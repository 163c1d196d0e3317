import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  answeredBy,
  getCluster,
  killInstance,
  startInstance,
  untilNginxReachesAll,
} from './cluster.ts';
import { scaleOrganization } from './scale-organization.ts';
import { trpcCall } from './trpc-call.ts';
import { waitUntil } from './wait-until.ts';

const cluster = await getCluster();
const WRITERS = 3;
/** Writes on each side of the kill. */
const WRITES = 30;
// The rate limit is per user: the stream of writes is spread over enough members.
const org = scaleOrganization(cluster, 12);
const database = new pg.Pool({ connectionString: cluster.databaseUrl, max: 1 });
const victim = cluster.instances[1]!;
let projectId: string;

beforeAll(async () => {
  await untilNginxReachesAll(cluster);
  const project = await trpcCall<{ id: string }>(cluster.nginxUrl, 'projects.create', {
    token: org.token(0),
    mutation: true,
    input: { name: 'Failover' },
  });
  expect(project.status).toBe(200);
  projectId = project.data!.id;
});
afterAll(async () => {
  await database.end();
  // The next test file finds three instances again.
  if (!(await getCluster()).instances[victim.index]!.alive) await startInstance(victim.index);
});

interface Write {
  n: number;
  startedAt: number;
  status: number;
  taskId?: string;
  answeredBy?: number;
}

describe('kill -9 of one instance during a stream of writes through nginx', () => {
  it('keeps every acknowledged write, and the writes go on through the others', async () => {
    const writes: Write[] = [];
    let next = 0;
    let stopping = false;
    const writer = async () => {
      while (!stopping) {
        const n = next++;
        const startedAt = performance.now();
        const call = await trpcCall<{ id: string }>(cluster.nginxUrl, 'tasks.create', {
          token: org.token(n % org.userIds.length),
          mutation: true,
          input: { projectId, title: `Write ${n}` },
        });
        writes.push({
          n,
          startedAt,
          status: call.status,
          taskId: call.data?.id,
          answeredBy: call.status === 200 ? answeredBy(cluster, call.headers).index : undefined,
        });
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };
    const writers = Array.from({ length: WRITERS }, writer);

    await waitUntil(
      () => writes.length >= WRITES && writes.some((w) => w.answeredBy === victim.index),
      `${WRITES} writes, some answered by instance ${victim.index}`,
    );
    await killInstance(victim.index);
    const killedAt = performance.now();
    const afterKill = () => writes.filter((w) => w.startedAt > killedAt);
    await waitUntil(() => afterKill().length >= WRITES, `${WRITES} writes after the kill`);
    stopping = true;
    await Promise.all(writers);

    // A write in flight on the victim when it died may fail (502: nginx does not resend a
    // POST); every other write succeeds, and none after the kill is answered by the victim.
    const failed = writes.filter((w) => w.status !== 200);
    expect(failed.every((w) => w.status === 502 && w.startedAt < killedAt)).toBe(true);
    expect(failed.length).toBeLessThanOrEqual(WRITERS);
    expect(afterKill().every((w) => w.status === 200 && w.answeredBy !== victim.index)).toBe(true);

    const { rows } = await database.query<{ id: string }>(
      'select id from tasks where project_id = $1',
      [projectId],
    );
    const stored = new Set(rows.map((row) => row.id));
    const acknowledged = writes.filter((w) => w.status === 200).map((w) => w.taskId!);
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    expect(acknowledged.length).toBeGreaterThanOrEqual(2 * WRITES - WRITERS);
  });
});
