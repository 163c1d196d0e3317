import { fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { DemoDomain, demoTask, PROJECT_ID, taskId } from '../test/demo-domain.ts';
import { FakeBackend } from '../test/fake-backend.ts';
import { renderApp } from '../test/render-app.tsx';
import type { Task } from './task-types.ts';

let backend: FakeBackend;
let domain: DemoDomain;
const posted: string[] = [];

beforeEach(() => {
  backend = new FakeBackend().withSession('user_demo_max');
  globalThis.fetch = backend.fetch as typeof fetch;
  domain = new DemoDomain(backend, [demoTask(1, 'todo', 1024)]);
  posted.length = 0;
  const find = (id: unknown) => domain.tasks.find((task) => task.id === id);
  backend
    .on('tasks.get', ({ input }) => ({ data: find((input as { taskId: string }).taskId) }))
    .on('tasks.update', ({ input }) => {
      const { taskId: id, patch } = input as { taskId: string; patch: Partial<Task> };
      const task = find(id)!;
      Object.assign(task, patch, { version: task.version + 1 });
      return { data: { ...task } };
    })
    .on('comments.list', () => ({ data: [] }))
    .on('comments.add', ({ input }) => {
      const { body } = input as { body: string };
      posted.push(body);
      return {
        data: {
          id: `comment-${posted.length}`,
          taskId: taskId(1),
          authorId: 'user_demo_max',
          body,
          createdAt: '2026-01-02T00:00:00.000Z',
        },
      };
    });
});

const field = (label: string) => screen.getByLabelText(label) as HTMLTextAreaElement;

async function openTask() {
  renderApp(`/projects/${PROJECT_ID}/tasks/${taskId(1)}`);
  await screen.findByLabelText('Description');
}

describe('typing on while a save is in flight', () => {
  it('keeps what was typed after the save as a change still to save', async () => {
    await openTask();
    fireEvent.change(field('Description'), { target: { value: 'First part' } });
    const release = backend.hold('tasks.update');
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await screen.findByRole('button', { name: 'Saving…' });
    fireEvent.change(field('Description'), { target: { value: 'First part, and more' } });

    release();
    await waitFor(() => expect(domain.tasks[0]?.version).toBe(2));
    await screen.findByRole('button', { name: 'Save changes' });
    expect(domain.tasks[0]?.description).toBe('First part');
    expect(field('Description').value).toBe('First part, and more');
    expect(screen.queryByText('Saved.')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(domain.tasks[0]?.description).toBe('First part, and more'));
    expect(await screen.findByText('Saved.')).toBeTruthy();
  });

  it('keeps a comment typed while the previous one was posting', async () => {
    await openTask();
    fireEvent.change(field('Add a comment'), { target: { value: 'Hello' } });
    const release = backend.hold('comments.add');
    fireEvent.click(screen.getByRole('button', { name: 'Post comment' }));
    await screen.findByRole('button', { name: 'Posting…' });
    fireEvent.change(field('Add a comment'), { target: { value: 'Hello again' } });

    release();
    await screen.findByText('Hello');
    expect(posted).toEqual(['Hello']);
    expect(field('Add a comment').value).toBe('Hello again');
  });

  it('clears the comment box once a comment is posted', async () => {
    await openTask();
    fireEvent.change(field('Add a comment'), { target: { value: 'Done' } });
    fireEvent.click(screen.getByRole('button', { name: 'Post comment' }));
    await screen.findByText('Done', { selector: 'p' });
    expect(field('Add a comment').value).toBe('');
  });
});
