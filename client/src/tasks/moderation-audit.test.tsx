import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, expect, it } from 'vitest';
import { DEMO_PROJECT, DemoDomain, demoTask, taskId } from '../test/demo-domain.ts';
import { FakeBackend } from '../test/fake-backend.ts';
import { renderApp } from '../test/render-app.tsx';

let backend: FakeBackend;
let domain: DemoDomain;
const comment = {
  id: 'comment-1',
  taskId: taskId(1),
  authorId: 'user_demo_max',
  body: 'Spam',
  createdAt: '2026-01-02T00:00:00.000Z',
};

beforeEach(() => {
  backend = new FakeBackend().withSession('user_demo_ada');
  globalThis.fetch = backend.fetch as typeof fetch;
  // Task 1 and its comment are Max's; Ada is the admin who moderates them.
  domain = new DemoDomain(backend, [demoTask(1, 'todo', 1024)], 'org:admin');
  const comments = [comment];
  backend
    .on('org.adminCheck', () => ({ data: { orgId: 'org_demo_acme', admin: true } }))
    .on('admin.auditLog', () => ({ data: { items: [], nextCursor: null } }))
    .on('projects.list', () => ({ data: [{ ...DEMO_PROJECT, openTaskCount: 1 }] }))
    .on('tasks.get', () => ({ data: domain.tasks[0] }))
    .on('comments.list', () => ({ data: [...comments] }))
    .on('comments.delete', () => {
      comments.length = 0;
      return { data: { id: comment.id, deleted: true } };
    })
    .on('tasks.delete', () => {
      domain.tasks = [];
      return { data: { id: taskId(1), deleted: true } };
    });
});

const mainNav = () => screen.getByRole('navigation', { name: 'Main' });

/** From the audit log (now cached) to task 1's page, by the app's own links. */
async function fromAuditLogToTask() {
  renderApp('/admin/audit');
  await waitFor(() => expect(backend.calls('admin.auditLog')).toBe(1));
  fireEvent.click(within(mainNav()).getByRole('link', { name: 'Projects' }));
  fireEvent.click(await screen.findByRole('link', { name: 'Launch site' }));
  fireEvent.click(await screen.findByRole('link', { name: 'Task 1' }));
  await screen.findByRole('button', { name: 'Delete task' });
}

/** Back to the audit log: a fresh copy is asked for only if the cached one was invalidated. */
async function backToAuditLog() {
  fireEvent.click(within(mainNav()).getByRole('link', { name: 'Admin' }));
  const [auditLink] = await screen.findAllByRole('link', { name: /audit log/i });
  fireEvent.click(auditLink!);
  await screen.findByRole('heading', { name: /audit log/i });
}

it("an admin who deletes someone else's task sees the audit log anew", {
  timeout: 30_000,
}, async () => {
  await fromAuditLogToTask();
  fireEvent.click(screen.getByRole('button', { name: 'Delete task' }));
  fireEvent.click(screen.getByRole('button', { name: 'Delete for good' }));
  await waitFor(() => expect(backend.calls('tasks.delete')).toBe(1));
  await backToAuditLog();
  await waitFor(() => expect(backend.calls('admin.auditLog')).toBe(2));
});

it("an admin who deletes someone else's comment sees the audit log anew", {
  timeout: 30_000,
}, async () => {
  await fromAuditLogToTask();
  await screen.findByText('Spam');
  fireEvent.click(screen.getByRole('button', { name: 'Delete comment by Max Member' }));
  await waitFor(() => expect(backend.calls('comments.delete')).toBe(1));
  await backToAuditLog();
  await waitFor(() => expect(backend.calls('admin.auditLog')).toBe(2));
});
