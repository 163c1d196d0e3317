import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getCluster, killInstance, startInstance, untilNginxReachesAll } from './cluster.ts';
import { type NginxBoardSubscriber, subscribeThroughNginx } from './nginx-board-subscriber.ts';
import { scaleOrganization } from './scale-organization.ts';
import { trpcCall } from './trpc-call.ts';
import { waitUntil } from './wait-until.ts';

const cluster = await getCluster();
// The rate limit is per user: the writes are spread over the members.
const org = scaleOrganization(cluster, 12);
const database = new pg.Pool({ connectionString: cluster.databaseUrl, max: 1 });
let writes = 0;
let killed: number | undefined;
const subscribers: NginxBoardSubscriber[] = [];

beforeAll(() => untilNginxReachesAll(cluster));
afterEach(() => {
  for (const subscriber of subscribers.splice(0)) subscriber.close();
});
afterAll(async () => {
  await database.end();
  if (killed !== undefined) await startInstance(killed);
});

async function createProject(name: string) {
  const project = await trpcCall<{ id: string }>(cluster.nginxUrl, 'projects.create', {
    token: org.token(0),
    mutation: true,
    input: { name },
  });
  expect(project.status).toBe(200);
  return project.data!.id;
}

/** `tasks.create` on one instance directly; its task id once acknowledged. */
async function createTask(baseUrl: string, projectId: string) {
  const n = writes++;
  const call = await trpcCall<{ id: string }>(baseUrl, 'tasks.create', {
    token: org.token(n % org.userIds.length),
    mutation: true,
    input: { projectId, title: `Live ${n}` },
  });
  expect(call.status, `write ${n} on ${baseUrl}`).toBe(200);
  return { taskId: call.data!.id, acknowledgedAt: performance.now() };
}

/** A subscriber through nginx, once its stream is open; and the instance holding it. */
async function subscribe(projectId: string) {
  const subscriber = subscribeThroughNginx({ cluster, projectId, token: () => org.token(0) });
  subscribers.push(subscriber);
  await waitUntil(
    () => subscriber.states.includes('pending') && subscriber.connections.length > 0,
    'the stream to open',
    () => `states: ${subscriber.states.join(', ')}; error: ${String(subscriber.error)}`,
  );
  const holder = cluster.instances.find((i) => i.index === subscriber.connections[0]!.instance);
  if (!holder) throw new Error('nginx did not say which instance holds the stream');
  return { subscriber, holder, others: cluster.instances.filter((i) => i !== holder) };
}

const createdTaskIds = (subscriber: NginxBoardSubscriber) =>
  subscriber.events.flatMap(({ event }) => (event.type === 'task.created' ? [event.task.id] : []));

const received = (subscriber: NginxBoardSubscriber) => () =>
  `received ${subscriber.events.length} events; connections: ${JSON.stringify(subscriber.connections)}; error: ${String(subscriber.error)}`;

describe('the live board across instances', () => {
  it('delivers, within 1 s, the writes made through the other instances', async () => {
    const projectId = await createProject('Live across instances');
    const { subscriber, others } = await subscribe(projectId);
    const acknowledged = [];
    for (let i = 0; i < 6; i++) {
      acknowledged.push(await createTask(others[i % others.length]!.url, projectId));
    }
    await waitUntil(
      () => createdTaskIds(subscriber).length >= acknowledged.length,
      'every write on the board',
      received(subscriber),
    );
    expect(createdTaskIds(subscriber)).toEqual(acknowledged.map((w) => w.taskId));
    const latencies = acknowledged.map((write) => {
      const event = subscriber.events.find(
        (e) => e.event.type === 'task.created' && e.event.task.id === write.taskId,
      )!;
      return Math.round(event.receivedAt - write.acknowledgedAt);
    });
    expect(
      latencies.filter((ms) => ms >= 1000),
      `latencies ${latencies.join(', ')} ms`,
    ).toEqual([]);
  });

  it('resumes on another instance after kill -9 of the one holding the stream, missing and repeating nothing', async () => {
    const projectId = await createProject('Live through a kill');
    const { subscriber, holder, others } = await subscribe(projectId);

    const acknowledged: string[] = [];
    let stopping = false;
    const writer = (async () => {
      for (let n = 0; !stopping; n++) {
        acknowledged.push((await createTask(others[n % others.length]!.url, projectId)).taskId);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    await waitUntil(
      () => createdTaskIds(subscriber).length >= 5,
      'events before the kill',
      received(subscriber),
    );
    killed = holder.index;
    await killInstance(holder.index);
    const writtenBeforeKill = acknowledged.length;
    await waitUntil(
      () => subscriber.connections.length > 1 && acknowledged.length >= writtenBeforeKill + 15,
      'a reconnect, and writes after the kill',
      received(subscriber),
    );
    stopping = true;
    await writer;
    await waitUntil(
      () => createdTaskIds(subscriber).length >= acknowledged.length,
      'every acknowledged write on the board',
      received(subscriber),
    );

    // Every acknowledged write, once each, in the order they committed; nothing else.
    expect(createdTaskIds(subscriber)).toEqual(acknowledged);
    const ids = subscriber.events.map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
    const { rows } = await database.query<{ id: string }>(
      'select id from board_events where project_id = $1 order by id',
      [projectId],
    );
    expect(ids).toEqual(rows.map((row) => Number(row.id)));

    // Reconnected through nginx to a surviving instance, resuming from an event it had.
    const reconnects = subscriber.connections.slice(1);
    expect(reconnects.every((c) => c.status === 200 && c.instance !== holder.index)).toBe(true);
    expect(ids.map(String)).toContain(reconnects[0]!.lastEventId);
    expect(subscriber.error).toBeUndefined();
  });
});
