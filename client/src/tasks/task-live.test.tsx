import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { BoardEvent } from '../live/board-event.ts';
import { DemoDomain, demoTask, PROJECT_ID, taskId } from '../test/demo-domain.ts';
import { FakeBackend } from '../test/fake-backend.ts';
import { renderApp } from '../test/render-app.tsx';
import type { Comment, Task } from './task-types.ts';

/** Max on a task's page while Ada changes it: her changes arrive on the project's stream. */
let backend: FakeBackend;
let domain: DemoDomain;
let comments: Comment[];
let eventId: number;

beforeEach(() => {
  backend = new FakeBackend().withSession('user_demo_max');
  globalThis.fetch = backend.fetch as typeof fetch;
  domain = new DemoDomain(backend, [demoTask(1, 'todo', 1024)]);
  comments = [];
  eventId = 0;
  const task = () => domain.tasks[0]!;
  backend
    .on('tasks.get', () => ({ data: { ...task() } }))
    .on('tasks.update', ({ input }) => {
      const { patch } = input as { patch: Partial<Task> };
      Object.assign(task(), patch, { version: task().version + 1, updatedBy: 'user_demo_max' });
      return { data: { ...task() } };
    })
    .on('comments.list', () => ({ data: comments }))
    .on('comments.add', ({ input }) => {
      const added = comment(`c${comments.length + 1}`, (input as { body: string }).body, 'max');
      comments = [...comments, added];
      return { data: added };
    });
});

function comment(id: string, body: string, author: 'ada' | 'max'): Comment {
  return {
    id,
    taskId: taskId(1),
    authorId: `user_demo_${author}`,
    body,
    createdAt: '2026-01-02T00:00:00.000Z',
  };
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An event on the open stream, by Ada unless `actorId` says otherwise. */
function send(
  change: DistributiveOmit<BoardEvent, 'projectId' | 'actorId' | 'at'>,
  actorId = 'user_demo_ada',
) {
  eventId += 1;
  backend
    .openStream()!
    .send(eventId, { ...change, projectId: PROJECT_ID, actorId, at: new Date().toISOString() });
}

/** Ada's edit, as the server commits it: the domain changes, then its event. */
function adaEdits(changes: Partial<Task>) {
  const task = domain.tasks[0]!;
  Object.assign(task, changes, { version: task.version + 1, updatedBy: 'user_demo_ada' });
  send({ type: 'task.updated', task: { ...task } });
}

const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const fact = (label: string) => screen.getByText(label, { selector: 'dt' }).nextElementSibling;

async function openTask() {
  renderApp(`/projects/${PROJECT_ID}/tasks/${taskId(1)}`);
  await screen.findByLabelText('Title');
  await screen.findByText('Live');
}

describe('task page, live', () => {
  it("an untouched form and the facts follow another user's edit and move", async () => {
    await openTask();
    adaEdits({ title: 'Pour the pad', description: 'Concrete, 20 m²' });
    await waitFor(() => expect(field('Title').value).toBe('Pour the pad'));
    expect(field('Description').value).toBe('Concrete, 20 m²');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toContain('Pour the pad');

    Object.assign(domain.tasks[0]!, { status: 'doing', version: domain.tasks[0]!.version + 1 });
    send({ type: 'task.moved', task: { ...domain.tasks[0]! } });
    await waitFor(() => expect(fact('Status')?.textContent).toBe('Doing'));
    expect(fact('Last changed')?.textContent).toContain('Ada Admin');
  });

  it('keeps an unsaved edit and says the task changed; the user can load the new version', async () => {
    await openTask();
    fireEvent.change(field('Description'), { target: { value: 'My notes' } });
    adaEdits({ title: 'Pour the pad' });

    const notice = await screen.findByText(/Ada Admin changed this task while you were editing/);
    expect(field('Description').value).toBe('My notes');
    expect(field('Title').value).toBe('Task 1');

    fireEvent.click(
      within(notice.closest('div')!).getByRole('button', { name: /Load their version/ }),
    );
    expect(field('Title').value).toBe('Pour the pad');
    expect(field('Description').value).toBe('');
    expect(screen.queryByText(/changed this task while you were editing/)).toBeNull();
  });

  it("the user's own save, whose event beats its answer, is not reported as someone's change", async () => {
    await openTask();
    fireEvent.change(field('Title'), { target: { value: 'Mine' } });
    const release = backend.hold('tasks.update');
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await screen.findByRole('button', { name: 'Saving…' });
    send(
      { type: 'task.updated', task: { ...domain.tasks[0]!, title: 'Mine', version: 2 } },
      'user_demo_max',
    );
    await waitFor(() => expect(fact('Last changed')?.textContent).toContain('version 2'));
    expect(screen.queryByText(/changed this task while you were editing/)).toBeNull();

    release();
    expect(await screen.findByText('Saved.')).toBeTruthy();
    expect(screen.queryByText(/changed this task while you were editing/)).toBeNull();
    expect(field('Title').value).toBe('Mine');
  });

  it("shows another user's comments as they are added and deleted; the user's own, once", async () => {
    await openTask();
    await screen.findByText('No comments yet.');
    send({
      type: 'comment.added',
      taskId: taskId(1),
      comment: comment('ada-1', 'From Ada', 'ada'),
    });
    await screen.findByText('From Ada');

    // The user's own comment: its event arrives before the answer.
    fireEvent.change(field('Add a comment'), { target: { value: 'From Max' } });
    const release = backend.hold('comments.add');
    fireEvent.click(screen.getByRole('button', { name: 'Post comment' }));
    await screen.findByRole('button', { name: 'Posting…' });
    send(
      { type: 'comment.added', taskId: taskId(1), comment: comment('c1', 'From Max', 'max') },
      'user_demo_max',
    );
    await screen.findByText('From Max', { selector: 'p' });
    release();
    await screen.findByRole('button', { name: 'Post comment' });
    expect(screen.getAllByText('From Max', { selector: 'p' })).toHaveLength(1);

    send({ type: 'comment.deleted', taskId: taskId(1), commentId: 'ada-1' });
    await waitFor(() => expect(screen.queryByText('From Ada')).toBeNull());
  });

  it('says the task was deleted, and offers no edit or comment any more', async () => {
    await openTask();
    send({ type: 'task.deleted', taskId: taskId(1) });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Ada Admin deleted this task.');
    expect(within(alert).getByRole('link', { name: 'Back to the board' })).toBeTruthy();
    expect(screen.queryByLabelText('Title')).toBeNull();
    expect(screen.queryByLabelText('Add a comment')).toBeNull();
  });

  it("ignores another task's deletion", async () => {
    await openTask();
    send({ type: 'task.deleted', taskId: taskId(2) });
    send({ type: 'comment.added', taskId: taskId(1), comment: comment('ada-1', 'Later', 'ada') });
    await screen.findByText('Later');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(field('Title')).toBeTruthy();
  });
});
