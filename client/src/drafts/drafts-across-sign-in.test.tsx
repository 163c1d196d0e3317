import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PROJECT, DemoDomain, demoTask, PROJECT_ID, taskId } from '../test/demo-domain.ts';
import { FakeBackend, type TrpcHandler } from '../test/fake-backend.ts';
import { renderApp } from '../test/render-app.tsx';

/**
 * A session that ends while the user is typing (its token expired, or they signed out in
 * another tab) sends them through sign-in on their next request. They come back to the page
 * with what they typed.
 */

let backend: FakeBackend;
let domain: DemoDomain;
const TASK_PAGE = `/projects/${PROJECT_ID}/tasks/${taskId(1)}`;

beforeEach(() => {
  backend = new FakeBackend().withSession('user_demo_max');
  globalThis.fetch = backend.fetch as typeof fetch;
  domain = new DemoDomain(backend, [demoTask(1, 'todo', 1024)], 'org:admin');
  backend
    .on('tasks.get', () => ({ data: domain.tasks[0] }))
    .on('comments.list', () => ({ data: [] }))
    .on('projects.list', () => ({ data: [{ ...DEMO_PROJECT, openTaskCount: 1 }] }))
    .on('org.adminCheck', () => ({ data: { orgId: 'org_demo_acme', admin: true } }))
    .on('admin.settings.get', () => ({ data: { taskKeyPrefix: 'ACME', defaultDueInDays: null } }));
});

const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const type = (label: string, value: string) =>
  fireEvent.change(field(label), { target: { value } });
const click = (name: string) => fireEvent.click(screen.getByRole('button', { name }));

/** The first call is refused with 401 (the session ended), later ones get `data`. */
function refusedOnceThen(data: unknown): TrpcHandler {
  return ({ call }) =>
    call === 1 ? { error: { code: 'UNAUTHORIZED', message: 'Sign in to continue.' } } : { data };
}

async function signInAgainAs(name: string) {
  await screen.findByRole('heading', { name: 'Sign in to Tasklane' });
  fireEvent.click(await screen.findByRole('button', { name: `Sign in as ${name}` }));
}

/** The page opened afresh, as after a reload. */
function reopen(path: string) {
  cleanup();
  renderApp(path);
}

const COMMENT = {
  id: 'comment-1',
  taskId: taskId(1),
  authorId: 'user_demo_max',
  body: 'Half a thought',
  createdAt: '2026-01-02T00:00:00.000Z',
};

describe('what was typed survives a trip through sign-in', () => {
  it('on the task page: the edit and the comment come back; a posted comment is dropped', async () => {
    backend.on('comments.add', refusedOnceThen(COMMENT));
    renderApp(TASK_PAGE);
    await screen.findByLabelText('Description');
    type('Description', 'A longer description, typed with care');
    type('Add a comment', 'Half a thought');
    click('Post comment');

    await signInAgainAs('Max Member');
    expect(await screen.findByDisplayValue('A longer description, typed with care')).toBeTruthy();
    expect(field('Add a comment').value).toBe('Half a thought');

    click('Post comment');
    await waitFor(() => expect(field('Add a comment').value).toBe(''));
    expect(backend.calls('comments.add')).toBe(2);

    reopen(TASK_PAGE);
    expect(await screen.findByDisplayValue('A longer description, typed with care')).toBeTruthy();
    expect(field('Add a comment').value).toBe('');
  });

  it('an edit kept across sign-in still carries the version the user saw', async () => {
    const versionsSent: number[] = [];
    backend.on('tasks.update', ({ call, input }) => {
      const { version } = input as { version: number };
      versionsSent.push(version);
      if (call === 1) return { error: { code: 'UNAUTHORIZED', message: 'Sign in to continue.' } };
      return version === domain.tasks[0]?.version
        ? { data: domain.tasks[0] }
        : { error: { code: 'CONFLICT', message: 'Someone else changed this task.' } };
    });
    renderApp(TASK_PAGE);
    await screen.findByLabelText('Title');
    type('Title', 'Our title');
    click('Save changes');
    await screen.findByRole('heading', { name: 'Sign in to Tasklane' });
    // Meanwhile someone else renames the task.
    Object.assign(domain.tasks[0]!, { title: 'Their title', version: 2 });

    await signInAgainAs('Max Member');
    expect(await screen.findByDisplayValue('Our title')).toBeTruthy();
    click('Save changes');
    expect((await screen.findByRole('alert')).textContent).toContain('Someone else changed');
    expect(versionsSent).toEqual([1, 1]);
  });

  it('on the projects page: a new project and a rename come back', async () => {
    backend
      .on('projects.create', refusedOnceThen({ ...DEMO_PROJECT, id: 'p2', name: 'Moonbase' }))
      .on('projects.rename', refusedOnceThen({ ...DEMO_PROJECT, name: 'Launch site 2' }));
    renderApp('/projects');
    await screen.findByLabelText('New project');
    type('New project', 'Moonbase');
    fireEvent.click(await screen.findByRole('button', { name: 'Rename Launch site' }));
    type('New name for Launch site', 'Launch site 2');
    click('Create project');

    await signInAgainAs('Max Member');
    expect(await screen.findByDisplayValue('Moonbase')).toBeTruthy();
    expect(field('New name for Launch site').value).toBe('Launch site 2');

    click('Create project');
    expect(await screen.findByText('Created Moonbase.')).toBeTruthy();
    expect(field('New project').value).toBe('');
    reopen('/projects');
    expect(await screen.findByDisplayValue('Launch site 2')).toBeTruthy();
    expect(field('New project').value).toBe('');
  });

  it('on the board: a task being added comes back', async () => {
    backend.on('tasks.create', refusedOnceThen(demoTask(2, 'todo', 2048)));
    renderApp(`/projects/${PROJECT_ID}`);
    await screen.findByLabelText('New task');
    type('New task', 'Order more fuel');
    type('Due date', '2026-03-01');
    click('Add task');

    await signInAgainAs('Max Member');
    expect(await screen.findByDisplayValue('Order more fuel')).toBeTruthy();
    expect(field('Due date').value).toBe('2026-03-01');
  });

  it('in the organization settings: the changed values come back; saving drops them', async () => {
    backend.on(
      'admin.settings.update',
      refusedOnceThen({ taskKeyPrefix: 'ROCK', defaultDueInDays: 7 }),
    );
    renderApp('/admin/settings');
    await screen.findByLabelText('Task key prefix');
    type('Task key prefix', 'ROCK');
    type('Default due in (days)', '07');
    click('Save settings');

    await signInAgainAs('Max Member');
    expect(await screen.findByDisplayValue('ROCK')).toBeTruthy();
    expect(field('Default due in (days)').value).toBe('07');
    click('Save settings');
    expect(await screen.findByText('Settings saved.')).toBeTruthy();
    expect(field('Default due in (days)').value).toBe('7');

    backend.on('admin.settings.get', () => ({
      data: { taskKeyPrefix: 'ACME', defaultDueInDays: null },
    }));
    reopen('/admin/settings');
    await screen.findByLabelText('Task key prefix');
    expect(field('Task key prefix').value).toBe('ACME');
  });

  it('another user signing in on this tab does not get them', async () => {
    backend.on('comments.add', refusedOnceThen(COMMENT));
    renderApp(TASK_PAGE);
    await screen.findByLabelText('Add a comment');
    type('Add a comment', 'Only for Max');
    click('Post comment');

    await signInAgainAs('Ada Admin');
    await screen.findByLabelText('Add a comment');
    expect(field('Add a comment').value).toBe('');
  });

  it('signing out on purpose leaves nothing typed behind', async () => {
    renderApp(TASK_PAGE);
    await screen.findByLabelText('Add a comment');
    type('Add a comment', 'Not for the next person');
    click('Sign out');

    await signInAgainAs('Max Member');
    await screen.findByRole('heading', { name: 'Home' });
    reopen(TASK_PAGE);
    await screen.findByLabelText('Add a comment');
    expect(field('Add a comment').value).toBe('');
  });
});
