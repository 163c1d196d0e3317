import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Task } from '../tasks/task-types.ts';
import { DEMO_PROJECT, DemoDomain, demoTask, PROJECT_ID, taskId } from '../test/demo-domain.ts';
import { FakeBackend } from '../test/fake-backend.ts';
import { renderApp } from '../test/render-app.tsx';
import type { BoardEvent } from './board-event.ts';

/** The board of Max (a member) while Ada (an admin) changes things: events on the stream. */
let backend: FakeBackend;
let domain: DemoDomain;
let eventId: number;

beforeEach(() => {
  backend = new FakeBackend().withSession('user_demo_max');
  globalThis.fetch = backend.fetch as typeof fetch;
  domain = new DemoDomain(backend, [
    demoTask(1, 'todo', 1024),
    demoTask(2, 'todo', 2048),
    demoTask(3, 'doing', 1024),
  ]);
  eventId = 100;
});

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** An event without what `send` fills in. */
type Change = DistributiveOmit<BoardEvent, 'projectId' | 'actorId' | 'at'>;

/** An event on the open stream, by Ada unless `actorId` says otherwise. */
function send(change: Change, actorId = 'user_demo_ada') {
  const stream = backend.openStream();
  if (!stream) throw new Error('no open board.events stream');
  eventId += 1;
  stream.send(eventId, { ...change, projectId: PROJECT_ID, actorId, at: new Date().toISOString() });
}

const at = (n: number, changes: Partial<Task>): Task => ({
  ...domain.tasks.find((task) => task.number === n)!,
  ...changes,
});

function titles(column: 'To do' | 'Doing' | 'Done') {
  const region = screen.getByRole('region', { name: new RegExp(`^${column} \\(`) });
  return within(region)
    .queryAllByRole('heading', { level: 3 })
    .map((heading) => heading.textContent);
}

const liveStatus = () => document.querySelector('.live-status')?.textContent;

/** The board, live, after the reload that follows a fresh start. */
async function openBoard() {
  renderApp(`/projects/${PROJECT_ID}`);
  await screen.findByRole('button', { name: 'Move ACME-1' });
  await screen.findByText('Live');
  await waitFor(() => expect(backend.calls('tasks.list')).toBe(2));
}

function pressOnHandle(taskNumber: number, key: string) {
  const handle = screen.getByRole('button', { name: `Move ACME-${taskNumber}` });
  handle.focus();
  fireEvent.keyDown(handle, { key });
}

describe('live board: applying events', () => {
  it("shows another user's new task, move and edit without fetching the board again", async () => {
    await openBoard();
    send({ type: 'task.created', task: demoTask(4, 'todo', 3072) });
    send({ type: 'task.moved', task: at(2, { status: 'done', position: 1024, version: 2 }) });
    send({ type: 'task.updated', task: at(3, { title: 'Renamed by Ada', version: 2 }) });

    await waitFor(() => expect(titles('Done')).toEqual(['Task 2']));
    expect(titles('To do')).toEqual(['Task 1', 'Task 4']);
    expect(titles('Doing')).toEqual(['Renamed by Ada']);
    expect(backend.calls('tasks.list')).toBe(2);
  });

  it('ignores a stale event: a version the board already has or has passed', async () => {
    await openBoard();
    send({ type: 'task.updated', task: at(1, { title: 'Fresh', version: 3 }) });
    await screen.findByText('Fresh');
    send({ type: 'task.moved', task: at(1, { status: 'done', title: 'Old', version: 2 }) });
    send({ type: 'task.updated', task: at(1, { title: 'Same version', version: 3 }) });
    send({ type: 'task.deleted', taskId: taskId(2) }); // a later event, to know the others are in

    await waitFor(() => expect(titles('To do')).toEqual(['Fresh']));
    expect(titles('Done')).toEqual([]);
  });

  it('applies a column rebalance, removes a deleted task', async () => {
    await openBoard();
    send({
      type: 'column.rebalanced',
      status: 'todo',
      positions: [
        { id: taskId(2), position: 1024 },
        { id: taskId(1), position: 2048 },
      ],
    });
    await waitFor(() => expect(titles('To do')).toEqual(['Task 2', 'Task 1']));
    send({ type: 'task.deleted', taskId: taskId(3) });
    await waitFor(() => expect(titles('Doing')).toEqual([]));
  });

  it('renames and archives the project in the page', async () => {
    await openBoard();
    send({ type: 'project.renamed', project: { ...DEMO_PROJECT, name: 'Orbit' } });
    await screen.findByRole('heading', { name: 'Orbit' });
    const archivedAt = new Date().toISOString();
    send({ type: 'project.archived', project: { ...DEMO_PROJECT, name: 'Orbit', archivedAt } });
    await screen.findByText(/This project is archived/);
    expect(screen.queryByRole('form', { name: 'Add a task' })).toBeNull();
  });

  it('leaves for the projects page, saying so, when the project is deleted', async () => {
    backend.on('projects.list', () => ({ data: [] }));
    await openBoard();
    send({ type: 'project.deleted' });
    expect(await screen.findByText('“Launch site” was deleted by Ada Admin.')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Projects' })).toBeTruthy();
  });

  it('board.resync: fetches the board again', async () => {
    await openBoard();
    domain.movedElsewhere(1, 'done', 1024);
    send({ type: 'board.resync' });
    await waitFor(() => expect(titles('Done')).toEqual(['Task 1']));
    expect(backend.calls('tasks.list')).toBe(3);
  });

  it('shows what changed between the first fetch and the stream starting (reload on a fresh start)', async () => {
    const releaseStream = backend.hold('board.events');
    renderApp(`/projects/${PROJECT_ID}`);
    await screen.findByText('Task 1');
    expect(liveStatus()).toBe('Connecting…');
    // Committed after the board was read, before the stream started: no event will tell.
    domain.movedElsewhere(2, 'doing', 2048);
    releaseStream();
    await screen.findByText('Live');
    await waitFor(() => expect(titles('Doing')).toEqual(['Task 3', 'Task 2']));
  });
});

describe('live board: the user moving a card meanwhile', () => {
  it("the user's own move arrives as an event before its answer: the card stays put, once", async () => {
    await openBoard();
    const release = backend.hold('tasks.move');
    pressOnHandle(1, 'ArrowRight');
    await waitFor(() => expect(titles('Doing')).toEqual(['Task 1', 'Task 3']));

    // The server committed the move (version 2) and its event beat the HTTP answer.
    send(
      { type: 'task.moved', task: at(1, { status: 'doing', position: 0, version: 2 }) },
      'user_demo_max',
    );
    // Someone else moves it on after that: it must wait for the user's move to settle.
    send({ type: 'task.moved', task: at(1, { status: 'done', position: 2048, version: 3 }) });
    send({ type: 'task.created', task: demoTask(5, 'todo', 4096) }); // then a later one
    await screen.findByText('Task 5');
    expect(titles('Doing')).toEqual(['Task 1', 'Task 3']);
    expect(titles('Done')).toEqual([]);

    release();
    await waitFor(() => expect(domain.moves).toHaveLength(1));
    expect(domain.moves[0]).toMatchObject({ version: 1, status: 'doing' });
    // Settled (version 2): the held event of version 3 now applies.
    await waitFor(() => expect(titles('Done')).toEqual(['Task 1']));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it("an event older than the user's settled move does not put the card back", async () => {
    await openBoard();
    const release = backend.hold('tasks.move');
    pressOnHandle(1, 'ArrowRight');
    await waitFor(() => expect(titles('Doing')).toEqual(['Task 1', 'Task 3']));
    // Ada's edit of the title, committed before the move (the move then carries it along).
    send({ type: 'task.updated', task: at(1, { title: 'Task 1', version: 1 }) });
    release();
    await waitFor(() => expect(domain.moves).toHaveLength(1));
    send({ type: 'task.moved', task: at(1, { version: 2 }) }, 'user_demo_max');
    send({ type: 'task.created', task: demoTask(5, 'todo', 4096) });
    await screen.findByText('Task 5');
    expect(titles('Doing')).toEqual(['Task 1', 'Task 3']);
    expect(titles('To do')).toEqual(['Task 2', 'Task 5']);
  });
});

describe('live board: connection state', () => {
  it('Connecting…, Live, Reconnecting… when the stream ends (token expiry), Live again, resuming', async () => {
    const releaseFirst = backend.hold('board.events');
    renderApp(`/projects/${PROJECT_ID}`);
    await waitFor(() => expect(liveStatus()).toBe('Connecting…'));
    releaseFirst();
    await screen.findByText('Live');
    expect(screen.getByText('Live').closest('[role="status"]')).toBeTruthy();
    send({ type: 'task.created', task: demoTask(4, 'todo', 3072) });
    await screen.findByText('Task 4');
    const listed = backend.calls('tasks.list');

    const releaseSecond = backend.hold('board.events');
    backend.openStream()!.expire();
    await screen.findByText('Reconnecting…');
    releaseSecond();
    await screen.findByText('Live');

    const [first, second] = backend.eventStreams.map((stream) => stream.request);
    expect(second!.lastEventIdHeader).toBe(String(eventId));
    expect(first!.authorization).toMatch(/^Bearer ./);
    expect(second!.authorization).toMatch(/^Bearer ./);
    // Resumed from the last event: nothing to reload.
    expect(backend.calls('tasks.list')).toBe(listed);
  });

  it('when a connection is refused (a proxy error page), connects again resuming from the last event', async () => {
    await openBoard();
    send({ type: 'task.created', task: demoTask(4, 'todo', 3072) });
    await screen.findByText('Task 4');
    backend.refuseEventStreams = 502;
    backend.openStream()!.expire();
    await screen.findByText('Reconnecting…');
    await waitFor(() => expect(backend.calls('board.events')).toBeGreaterThanOrEqual(3));
    backend.refuseEventStreams = null;
    await screen.findByText('Live');
    const last = backend.eventStreams.at(-1)!.request;
    expect(last.input).toMatchObject({ projectId: PROJECT_ID, lastEventId: String(eventId) });
    expect(backend.calls('tasks.list')).toBe(2);
  });

  it('UNAUTHORIZED: asks the page again (a 401 there signs out), and connects again', async () => {
    await openBoard();
    const projectReads = backend.calls('projects.get');
    backend.openStream()!.fail('UNAUTHORIZED', 'Sign in to continue.');
    await waitFor(() => expect(backend.calls('board.events')).toBe(2));
    await screen.findByText('Live');
    expect(backend.calls('projects.get')).toBeGreaterThan(projectReads);
  });

  it('FORBIDDEN ends it for good: says access is gone, and does not reconnect', async () => {
    await openBoard();
    backend.openStream()!.fail('FORBIDDEN', 'You are no longer a member of this organization.');
    expect(await screen.findByText('You no longer have access to this organization.')).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 100)); // ten retry delays
    expect(backend.calls('board.events')).toBe(1);
  });

  it('NOT_FOUND ends it for good: the project is gone', async () => {
    await openBoard();
    backend.openStream()!.fail('NOT_FOUND', 'Project not found.');
    expect(await screen.findByText('This project no longer exists.')).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(backend.calls('board.events')).toBe(1);
  });
});
